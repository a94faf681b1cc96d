// Bit-for-bit equality of float tensors, for the tests that claim the cut models are the whole
// ones exactly: toEqual on values would pass -0 for 0 and fails on NaN; bytes do neither.
import type * as tf from '@tensorflow/tfjs';

const bytesOf = (t: tf.Tensor): Buffer => {
  const v = t.dataSync<'float32'>();
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
};

/** Whether `a` and `b` have the same shape and the same float32 bits in every element. */
export function sameBits(a: tf.Tensor, b: tf.Tensor): boolean {
  return a.dtype === 'float32' && b.dtype === 'float32' && a.shape.join() === b.shape.join() && bytesOf(a).equals(bytesOf(b));
}
