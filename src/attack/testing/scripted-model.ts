// For tests: a "model" that returns a given sequence of input gradients, one per call, so an
// update rule can be checked against the same rule written out by hand.
import * as tf from '@tensorflow/tfjs';
import type { GradientModel } from '../fgsm';

export function scriptedGradients(shape: [number, number, number, number], gradients: number[][]): GradientModel & { calls: () => number } {
  let calls = 0;
  return {
    lossGradient: () => {
      const values = gradients[Math.min(calls++, gradients.length - 1)];
      return { grad: tf.tensor4d(values, shape), logits: tf.zeros([shape[0], 2]) as tf.Tensor2D, loss: tf.scalar(0) };
    },
    calls: () => calls,
  };
}
