// A WebGL context can be lost at any moment (a driver reset, a sleeping laptop, the browser
// reclaiming the GPU for another tab), and so can a WebGPU device. Every tensor and compiled
// shader is gone with it, so the worker reports the loss and the page starts a fresh worker: a new
// context or device, the models reloaded.
import * as tf from '@tensorflow/tfjs';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

export function webglContext(): WebGLRenderingContext | null {
  return tf.getBackend() === 'webgl' ? (tf.backend() as MathBackendWebGL).gpgpu.gl : null;
}

export function webgpuDevice(): WebGPUBackend['device'] | null {
  return tf.getBackend() === 'webgpu' ? (tf.backend() as WebGPUBackend).device : null;
}

/** Calls `onLost` once if the active backend's WebGL context or WebGPU device is lost (nothing off the GPU). */
export function watchContextLoss(onLost: () => void): void {
  webglContext()?.canvas.addEventListener('webglcontextlost', () => onLost(), { once: true });
  // `lost` resolves once, whatever the reason: even a destroy() leaves a device that cannot compute.
  void webgpuDevice()?.lost.then(() => onLost());
}
