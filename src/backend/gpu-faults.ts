// GPU trouble on demand, for the e2e tests (the worker installs these on the dev server only):
// Chromium's --disable-webgl does not reach a worker's OffscreenCanvas, and nothing else makes a
// real context (or device) loss happen at a chosen moment.
import { webglContext, webgpuDevice } from './context-loss';

/** From now on this worker has no WebGL at all, as in a browser without it in workers. */
export function removeWebGLForTest(): void {
  const getContext = OffscreenCanvas.prototype.getContext as (this: OffscreenCanvas, type: string, options?: unknown) => unknown;
  OffscreenCanvas.prototype.getContext = function (this: OffscreenCanvas, type: string, options?: unknown) {
    return /webgl/i.test(type) ? null : getContext.call(this, type, options);
  } as OffscreenCanvas['getContext'];
}

/** What Chromium reports when it runs SwiftShader as its GPU (--use-angle=swiftshader). */
const SOFTWARE_RENDERER_FOR_TEST = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';

/**
 * From now on this worker's WebGL says it is SwiftShader, as on a machine without a usable GPU,
 * even where a real one draws: the page's own renderer check (src/backend/choose.ts) then refuses
 * it, as it refuses the real SwiftShader.
 */
export function reportSoftwareWebGLForTest(): void {
  const UNMASKED_RENDERER_WEBGL = 0x9246;
  type Context = { getParameter(name: GLenum): unknown; getExtension(name: string): unknown };
  for (const context of [self.WebGLRenderingContext, self.WebGL2RenderingContext]) {
    if (!context) continue;
    const prototype = context.prototype as Context;
    const { getParameter, getExtension } = prototype;
    prototype.getParameter = function (this: Context, name: GLenum) {
      return name === UNMASKED_RENDERER_WEBGL ? SOFTWARE_RENDERER_FOR_TEST : getParameter.call(this, name);
    };
    // Where the browser hides the debug extension, the renderer is still asked for by its name.
    prototype.getExtension = function (this: Context, name: string) {
      const extension = getExtension.call(this, name);
      return extension ?? (name === 'WEBGL_debug_renderer_info' ? { UNMASKED_VENDOR_WEBGL: 0x9245, UNMASKED_RENDERER_WEBGL } : null);
    };
  }
}

/**
 * Loses the active WebGL context (WEBGL_lose_context), as a driver reset would; on WebGPU, destroys
 * the device, the one way to lose it on demand.
 */
export function loseContextForTest(): boolean {
  const device = webgpuDevice();
  if (device) {
    device.destroy();
    return true;
  }
  const extension = webglContext()?.getExtension('WEBGL_lose_context');
  extension?.loseContext();
  return Boolean(extension);
}
