// Finite differences: a reference for input gradients that shares no code with tf.grad or our
// backward pass (only forward passes), so a wrong gradient kernel cannot hide in both.
import * as tf from '@tensorflow/tfjs';

/** Which input pixels a direction moves: a frame `width` pixels wide along the edges, or the rest. */
export type Region = 'border' | 'interior';

/** sign(grad) on `region` of the image, 0 elsewhere: a direction along which the loss changes fast. */
export function signDirection(grad: tf.Tensor4D, region: Region, width: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, c] = grad.shape;
    const inner = tf.pad(tf.ones([n, h - 2 * width, w - 2 * width, c]), [[0, 0], [width, width], [width, width], [0, 0]]);
    const mask = region === 'interior' ? inner : tf.sub(1, inner);
    return tf.mul(tf.sign(grad), mask);
  });
}

/** (L(x + h·s) − L(x − h·s)) / 2h, the directional derivative of L along s, from two forward passes. */
export function centralDifference(loss: (x: tf.Tensor4D) => number, x: tf.Tensor4D, s: tf.Tensor4D, h: number): number {
  const at = (sign: number) => {
    const moved = tf.tidy(() => tf.add<tf.Tensor4D>(x, tf.mul(s, sign * h)));
    try {
      return loss(moved);
    } finally {
      moved.dispose();
    }
  };
  return (at(1) - at(-1)) / (2 * h);
}

/** ∇L · s, the same directional derivative from an analytic gradient. */
export function alongDirection(grad: tf.Tensor4D, s: tf.Tensor4D): number {
  return tf.tidy(() => tf.sum(tf.mul(grad, s)).dataSync()[0]);
}
