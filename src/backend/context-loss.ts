// A WebGL context can be lost at any moment (a driver reset, a sleeping laptop, the browser
// reclaiming the GPU for another tab). Every tensor and compiled shader is gone with it, so the
// worker reports the loss and the page starts a fresh worker: a new context, the models reloaded.
import * as tf from '@tensorflow/tfjs';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';

export function webglContext(): WebGLRenderingContext | null {
  return tf.getBackend() === 'webgl' ? (tf.backend() as MathBackendWebGL).gpgpu.gl : null;
}

/** Calls `onLost` once if the active backend's WebGL context is lost (nothing off webgl). */
export function watchContextLoss(onLost: () => void): void {
  webglContext()?.canvas.addEventListener('webglcontextlost', () => onLost(), { once: true });
}
