// Reading a result off the GPU in the worker: asynchronously (tfjs's synchronous read copies
// through a canvas, which loses its WebGPU device), and disposed once read (the backends do not
// garbage-collect tensors).
import type * as tf from '@tensorflow/tfjs';

/** The values of `t`, which is disposed once they are read (or the read fails). */
export async function readOnce(t: tf.Tensor): Promise<tf.TypedArray> {
  try {
    return await t.data();
  } finally {
    t.dispose();
  }
}
