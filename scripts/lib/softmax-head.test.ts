// Our gradient code is scoped to the attack's own functions: tfjs's weight gradients (used to
// train the heads) stay untouched and correct.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../src/models/classifier';
import { seededRandom } from '../../src/seeded-random';
import { fitSoftmaxHead, standardise } from './softmax-head';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('training a softmax head', () => {
  it('tf.grad of the weights equals the analytic gradient Xᵀ(softmax − Y)/N', () => {
    const x = tf.randomNormal([8, 5], 0, 1, 'float32', 1) as tf.Tensor2D;
    const w = tf.randomNormal([5, 2], 0, 1, 'float32', 2) as tf.Tensor2D;
    const y = tf.oneHot(tf.tensor1d([0, 1, 1, 0, 1, 0, 0, 1], 'int32'), 2);
    const g = tf.grad((k) => tf.losses.softmaxCrossEntropy(y, tf.matMul(x, k as tf.Tensor2D)))(w);
    const analytic = tf.div(tf.matMul(x, tf.sub(tf.softmax(tf.matMul(x, w)), y), true), 8);
    expect(tf.max(tf.abs(tf.sub(g, analytic))).dataSync()[0]).toBeLessThan(1e-6);
  });

  it('learns a separable problem, identically for the same seed', () => {
    const random = seededRandom(3);
    const labels = Array.from({ length: 64 }, (_, i) => i % 2);
    const features = labels.map((l) => [l * 2 - 1 + (random() - 0.5), random() - 0.5, random() * 10]);
    const fit = () => standardise(fitSoftmaxHead(features, labels, { l2: 1e-3, seed: 7, epochs: 300, learningRate: 1e-2 }));
    const a = fit();
    const b = fit();
    const predicted = tf.argMax(a.logits(tf.tensor2d(features)), 1).arraySync() as number[];
    expect(predicted).toEqual(labels);
    expect(a.folded()).toEqual(b.folded());
    // The folded head (standardisation inside the weights) gives the same logits on raw features.
    const { kernel, bias } = a.folded();
    const folded = tf.add(tf.matMul(tf.tensor2d(features), tf.tensor2d(kernel)), tf.tensor1d(bias));
    expect(tf.max(tf.abs(tf.sub(folded, a.logits(tf.tensor2d(features))))).dataSync()[0]).toBeLessThan(1e-4);
  });
});
