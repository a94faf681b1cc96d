// GPU trouble on demand, for the e2e tests (the worker installs these on the dev server only):
// Chromium's --disable-webgl does not reach a worker's OffscreenCanvas, and nothing else makes a
// real context loss happen at a chosen moment.
import { webglContext } from './context-loss';

/** From now on this worker has no WebGL at all, as in a browser without it in workers. */
export function removeWebGLForTest(): void {
  const getContext = OffscreenCanvas.prototype.getContext as (this: OffscreenCanvas, type: string, options?: unknown) => unknown;
  OffscreenCanvas.prototype.getContext = function (this: OffscreenCanvas, type: string, options?: unknown) {
    return /webgl/i.test(type) ? null : getContext.call(this, type, options);
  } as OffscreenCanvas['getContext'];
}

/** Loses the active WebGL context (WEBGL_lose_context), as a driver reset would. */
export function loseContextForTest(): boolean {
  const extension = webglContext()?.getExtension('WEBGL_lose_context');
  extension?.loseContext();
  return Boolean(extension);
}
