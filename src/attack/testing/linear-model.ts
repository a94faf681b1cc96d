// For tests: a tiny linear softmax model, logits = W·x + b on 4×4×3 images, whose input gradient
// is worked out by hand, so the attack can be checked without a deep network.
import * as tf from '@tensorflow/tfjs';
import type { GradientModel } from '../fgsm';

export const SHAPE: [number, number, number, number] = [1, 4, 4, 3];
export const PIXELS = 4 * 4 * 3;

export function linearSoftmax(seed: number): GradientModel & { probabilities(x: tf.Tensor4D): tf.Tensor2D } {
  const w = tf.randomNormal([2, PIXELS], 0, 1, 'float32', seed) as tf.Tensor2D;
  const b = tf.tensor1d([0.3, -0.3]);
  const logitsOf = (x: tf.Tensor4D) => tf.add<tf.Tensor2D>(tf.matMul(tf.reshape(x, [1, PIXELS]), w, false, true), b);
  return {
    lossGradient: (x, target) =>
      tf.tidy(() => {
        const logits = logitsOf(x);
        const p = tf.softmax(logits);
        const oneHot = tf.oneHot([target], 2);
        // L = −log p_target;  ∂L/∂logits = p − onehot;  ∂L/∂x = (p − onehot)·W
        const grad = tf.reshape<tf.Rank.R4>(tf.matMul(tf.sub(p, oneHot), w), SHAPE);
        const loss = tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)))) as tf.Scalar;
        return { grad, logits, loss };
      }),
    probabilities: (x) => tf.tidy(() => tf.softmax(logitsOf(x))),
  };
}
