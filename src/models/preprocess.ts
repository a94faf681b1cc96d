// Preprocessing, defined once for training, the browser and the tests.
import * as tf from '@tensorflow/tfjs';
import { CANONICAL_SIZE } from '../config';

/**
 * Canonical image (N×256×256×3 in [0,1]) → what a base expects: the same bilinear resize with
 * aligned corners that nsfwjs uses, and no other scaling. Differentiable (part of the model).
 */
export function toModelInput(x: tf.Tensor4D, size: number): tf.Tensor4D {
  return tf.image.resizeBilinear(x, [size, size], true);
}

/** d/dx of toModelInput, given the gradient with respect to its output. */
export function toModelInputGrad(x: tf.Tensor4D, dy: tf.Tensor4D): tf.Tensor4D {
  return tf.engine().runKernel('ResizeBilinearGrad', { images: x, dy }, { alignCorners: true, halfPixelCenters: false }) as tf.Tensor4D;
}

/** RGBA bytes of a canonical-size image (canvas ImageData, a decoded PNG or JPEG) → 1×256×256×3 in [0,1]. */
export function rgbaToCanonical(rgba: ArrayLike<number>, width: number, height: number): tf.Tensor4D {
  if (width !== CANONICAL_SIZE || height !== CANONICAL_SIZE) {
    throw new Error(`expected a ${CANONICAL_SIZE}×${CANONICAL_SIZE} image, got ${width}×${height}`);
  }
  return rgbaToImage(rgba, width, height);
}

/** RGBA bytes of any size → 1×H×W×3 in [0,1]: the one way 8-bit pixels become model input. */
export function rgbaToImage(rgba: ArrayLike<number>, width: number, height: number): tf.Tensor4D {
  const rgb = new Float32Array(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) rgb[p * 3 + c] = rgba[p * 4 + c] / 255;
  }
  return tf.tensor4d(rgb, [1, height, width, 3]);
}
