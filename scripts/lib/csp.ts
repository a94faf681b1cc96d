// The built app's Content-Security-Policy: one source for the <meta> tag in dist/index.html, the
// `vite preview` headers and the e2e test that runs an attack under it.
// - Scripts from our origin, and blob: URLs that only our code creates: under cross-origin isolation
//   tfjs's threaded wasm build starts its pthread workers from a blob: copy of its own loader
//   (importScripts). 'wasm-unsafe-eval' lets tfjs compile its WebAssembly backend (it allows
//   WebAssembly, not eval).
// - style-src-attr 'unsafe-inline': KaTeX's HTML carries style="…" attributes (positions of
//   super- and subscripts); style elements and sheets stay 'self' only.
// - Images and workers may be blob: (the downloaded PNG, a service worker's helpers).
// - No frame-ancestors: course pages embed the app in iframes from other origins.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
