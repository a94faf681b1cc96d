/// <reference types="vite-plugin-pwa/vanillajs" />
// Offline use: registers the service worker that vite-plugin-pwa generates at build time (Workbox
// precaches the app shell, the wasm binaries, the gallery and the models). Once a worker is active
// its precache is complete, so the page can say "available offline". No-op on the dev server.
import { registerSW } from 'virtual:pwa-register';
import { setState } from '../store';

export function enableOffline(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  registerSW({ immediate: true });
  void navigator.serviceWorker.ready.then(() => setState({ offlineReady: true }));
}
