import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './scripts/lib/csp';

/** The policy as a <meta> tag in the built index.html (the dev server's React refresh needs inline scripts). */
const contentSecurityPolicy = (): Plugin => ({
  name: 'content-security-policy',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
});

// base './': the build works from any static host under any sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  // Pre-bundle the heavy dependencies up front (also for the worker), so the dev server never
  // reloads the page mid-session to optimise a newly found one.
  optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgl', '@tensorflow/tfjs-backend-wasm', 'comlink', 'react', 'react-dom/client'] },
  worker: { format: 'es' },
  server: { port: 5173, strictPort: true },
  // PREVIEW_PORT lets two checkouts preview side by side. The header also covers the worker's script.
  preview: { port: Number(process.env.PREVIEW_PORT ?? 4173), strictPort: true, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
});
