import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { CONTENT_SECURITY_POLICY } from './scripts/lib/csp';
import { CROSS_ORIGIN_ISOLATION } from './scripts/lib/isolation';

/** The policy as a <meta> tag in the built index.html (the dev server's React refresh needs inline scripts). */
const contentSecurityPolicy = (): Plugin => ({
  name: 'content-security-policy',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
});

// base './': the build works from any static host under any sub-path.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    contentSecurityPolicy(),
    // Offline after one visit: the service worker (src/sw/sw.ts, built with Workbox) precaches
    // everything the page can fetch (shell, wasm, gallery, models). Each entry is versioned by its
    // content hash, so an update downloads only what changed and deletes outdated entries; it also
    // adds the cross-origin isolation headers, for static hosts that cannot send them.
    // src/app/classroom/offline.ts registers it.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: {
        name: 'Adversarial Leaves',
        short_name: 'Adv. Leaves',
        description: 'Watch the fast gradient sign method fool a leaf-disease classifier, in your browser.',
        start_url: './',
        display: 'standalone',
        background_color: '#f7f8f5',
        theme_color: '#1d2421',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      injectManifest: {
        globPatterns: ['**/*.{html,js,css,svg,png,json,wasm,bin,woff2}'],
        // The largest model shard is 4 MiB.
        maximumFileSizeToCacheInBytes: 8 * 2 ** 20,
      },
    }),
  ],
  // Pre-bundle the heavy dependencies up front (also for the worker), so the dev server never
  // reloads the page mid-session to optimise a newly found one.
  optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgl', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu', 'comlink', 'react', 'react-dom/client'] },
  worker: { format: 'es' },
  server: { port: 5173, strictPort: true, headers: CROSS_ORIGIN_ISOLATION },
  // PREVIEW_PORT lets two checkouts preview side by side. The policy header also covers the worker's script.
  preview: { port: Number(process.env.PREVIEW_PORT ?? 4173), strictPort: true, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, ...CROSS_ORIGIN_ISOLATION } },
});
