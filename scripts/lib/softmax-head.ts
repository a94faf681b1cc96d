// Training the Dense(2) softmax head on frozen features: standardised inputs, Adam, L2, seeded.
import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../../src/seeded-random.ts';

export interface FitOptions {
  l2: number;
  seed: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
}

function shuffled(n: number, random: () => number): number[] {
  const order = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

export interface LinearHead {
  kernel: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/** Fits logits = standardised(x)·W + b by softmax cross-entropy (from logits) + l2·|W|². */
export function fitSoftmaxHead(features: number[][], labels: number[], opts: FitOptions): LinearHead & { mean: tf.Tensor1D; std: tf.Tensor1D } {
  const { epochs = 60, batchSize = 32, learningRate = 1e-3 } = opts;
  const random = seededRandom(opts.seed);
  const x = tf.tensor2d(features);
  const { mean, variance } = tf.moments(x, 0);
  const std = tf.tidy(() => tf.add(tf.sqrt(variance), 1e-6)) as tf.Tensor1D;
  const xs = tf.tidy(() => tf.div(tf.sub(x, mean), std));
  const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), 2);
  const kernel = tf.variable(tf.zeros([features[0].length, 2]));
  const bias = tf.variable(tf.zeros([2]));
  const optimizer = tf.train.adam(learningRate);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffled(labels.length, random);
    for (let start = 0; start < order.length; start += batchSize) {
      const idx = tf.tensor1d(order.slice(start, start + batchSize), 'int32');
      optimizer.minimize(() => {
        const logits = tf.add(tf.matMul(tf.gather(xs, idx), kernel), bias);
        const ce = tf.losses.softmaxCrossEntropy(tf.gather(ys, idx), logits);
        return tf.add(ce, tf.mul(opts.l2, tf.sum(tf.square(kernel)))) as tf.Scalar;
      });
      idx.dispose();
    }
  }
  optimizer.dispose();
  tf.dispose([x, variance, xs, ys]);
  return { kernel: kernel as unknown as tf.Tensor2D, bias: bias as unknown as tf.Tensor1D, mean: mean as tf.Tensor1D, std };
}

export interface Standardised {
  logits(raw: tf.Tensor2D): tf.Tensor2D;
  /** The same map on raw features: W' = W / std, b' = b − (mean / std)·W. */
  folded(): { kernel: number[][]; bias: number[] };
  dispose(): void;
}

export function standardise(head: ReturnType<typeof fitSoftmaxHead>): Standardised {
  const foldedTensors = () =>
    tf.tidy(() => {
      const kernel = tf.div(head.kernel, tf.reshape(head.std, [-1, 1]));
      const bias = tf.sub(head.bias, tf.matMul(tf.reshape(head.mean, [1, -1]), kernel).reshape([-1]));
      return [kernel, bias] as [tf.Tensor2D, tf.Tensor1D];
    });
  return {
    logits: (raw) => tf.tidy(() => tf.add(tf.matMul(tf.div(tf.sub(raw, head.mean), head.std), head.kernel), head.bias)),
    folded: () => {
      const [k, b] = foldedTensors();
      const out = { kernel: k.arraySync(), bias: b.arraySync() };
      tf.dispose([k, b]);
      return out;
    },
    dispose: () => tf.dispose([head.kernel, head.bias, head.mean, head.std]),
  };
}
