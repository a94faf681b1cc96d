// The headers of scripts/lib/isolation.ts on a response the service worker serves, so that a static
// host that cannot send them still gets a cross-origin-isolated page (as coi-serviceworker does):
// a navigation the worker serves is isolated, and wasm runs on every core.
import { CROSS_ORIGIN_ISOLATION } from '../../scripts/lib/isolation';

/** `response` with the isolation headers added; its status, status text and body unchanged. */
export function withIsolationHeaders(response: Response): Response {
  // An opaque (cross-origin no-cors) or error response can be neither read nor rebuilt: pass it on.
  if (response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(CROSS_ORIGIN_ISOLATION)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
