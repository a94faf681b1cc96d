// The service worker: vite-plugin-pwa builds it (injectManifest, vite.config.ts) with the list of
// files to precache in place of self.__WB_MANIFEST; src/app/classroom/offline.ts registers it.
// It does what Workbox's generated worker did (precache everything, serve index.html to any
// navigation, keep lesson files, drop outdated caches), and adds the cross-origin isolation
// headers to every response it serves, so that a static host that cannot send them still gets an
// isolated page from the first navigation the worker serves.
import { setCacheNameDetails, type WorkboxPlugin } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { withIsolationHeaders } from './isolate';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

setCacheNameDetails({ prefix: 'adversarial-leaves' });

// No skipWaiting on install (as before): a new version waits until no tab uses the old one, unless
// a page asks for it.
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Workbox calls it on the response each strategy hands back, after any caching: the cached copy stays as fetched.
const isolate: WorkboxPlugin = { handlerWillRespond: async ({ response }) => withIsolationHeaders(response) };

// The precache's own strategy, which also serves navigations (createHandlerBoundToURL).
addPlugins([isolate]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
// A lesson file put beside the site after the build is not precached: keep each one once it has
// loaded, so a lesson opened online opens offline too (the network first, for edits).
registerRoute(
  ({ sameOrigin, url }) => sameOrigin && url.pathname.endsWith('.json'),
  new NetworkFirst({ cacheName: 'adversarial-leaves-lessons', plugins: [isolate] }),
);
