// Cross-origin isolation: with these headers the page may use SharedArrayBuffer, which tfjs's wasm
// backend needs to run on several threads. Every resource the app loads is its own, so requiring
// CORP (require-corp) blocks nothing; a course page that embeds the lab without isolating itself
// leaves the frame unisolated, and the lab runs single-threaded there.
// The dev server and `vite preview` send them (vite.config.ts); on a static host that cannot, the
// service worker adds them to every response it serves (src/sw/isolate.ts).
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  // A course page that is itself isolated (COEP require-corp) may frame only documents that allow
  // it by CORP. The site is public teaching material, so any page may embed or load it: this only
  // extends to isolated pages what every other page may already do.
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const;
