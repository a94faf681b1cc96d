import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// base './': the build works from any static host under any sub-path.
export default defineConfig({
  base: './',
  plugins: [react()],
  // Pre-bundle the heavy dependencies up front (also for the worker), so the dev server never
  // reloads the page mid-session to optimise a newly found one.
  optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgl', '@tensorflow/tfjs-backend-wasm', 'comlink', 'react', 'react-dom/client'] },
  worker: { format: 'es' },
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
});
