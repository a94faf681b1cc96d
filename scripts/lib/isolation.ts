// Cross-origin isolation: with these headers the page may use SharedArrayBuffer, which tfjs's wasm
// backend needs to run on several threads. Every resource the app loads is its own, so requiring
// CORP (require-corp) blocks nothing; a course page that embeds the lab without isolating itself
// leaves the frame unisolated, and the lab runs single-threaded there.
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;
