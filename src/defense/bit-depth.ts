// Bit-depth reduction (Xu et al. 2018, "feature squeezing"): each channel rounded to 2^k levels.
import * as tf from '@tensorflow/tfjs';

export function reduceBitDepth(x: tf.Tensor4D, bits: number): tf.Tensor4D {
  const top = 2 ** bits - 1;
  return tf.tidy(() => tf.div<tf.Tensor4D>(tf.round(tf.mul(tf.clipByValue(x, 0, 1), top)), top));
}
