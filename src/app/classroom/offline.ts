/// <reference types="vite-plugin-pwa/vanillajs" />
// Offline use: registers the service worker that vite-plugin-pwa builds from src/sw/sw.ts (Workbox
// precaches the app shell, the wasm binaries, the gallery and the models). Once a worker is active
// its precache is complete, so the page can say "available offline". No-op on the dev server.
import { registerSW } from 'virtual:pwa-register';
import { setState } from '../store';

export function enableOffline(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  // On a host that cannot send COOP/COEP, only a navigation the worker serves is cross-origin
  // isolated (it adds the headers). A first visit or a hard reload is not, and the next reload
  // would be. No automatic reload (coi-serviceworker's way): the worker is ready only after caching
  // ~18 MB of models, maybe mid-lesson. The toolbar offers one instead; shown once a page at most,
  // and never where a reload cannot help (a frame in a course page, a single core).
  const servedByWorker = navigator.serviceWorker.controller !== null;
  registerSW({ immediate: true });
  void navigator.serviceWorker.ready.then(() =>
    setState({ offlineReady: true, reloadIsolates: !servedByWorker && !crossOriginIsolated && window.self === window.top && navigator.hardwareConcurrency > 1 }),
  );
}
