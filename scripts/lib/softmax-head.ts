// Training the Dense(2) softmax head on frozen features: standardised inputs, Adam, L2, seeded,
// with a weight per photo (so that a small data set can count as much as a large one). Plain
// arithmetic in float64: a head is d×2 numbers, and hundreds of candidates are fitted per run.
import { seededRandom } from '../../src/seeded-random.ts';

export interface FitOptions {
  l2: number;
  seed: number;
  /** One per row; the loss is the weighted mean cross-entropy. Default: all 1. */
  weights?: number[];
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
}

type Row = ArrayLike<number>;

export interface SoftmaxHead {
  mean: Float64Array;
  std: Float64Array;
  /** d×2, row-major: kernel[2i + k] weighs standardised feature i for class k. */
  kernel: Float64Array;
  bias: [number, number];
}

function shuffled(n: number, random: () => number): number[] {
  const order = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function moments(rows: Row[]): { mean: Float64Array; std: Float64Array } {
  const d = rows[0].length;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (const r of rows) for (let i = 0; i < d; i++) mean[i] += r[i] / rows.length;
  for (const r of rows) for (let i = 0; i < d; i++) std[i] += (r[i] - mean[i]) ** 2 / rows.length;
  for (let i = 0; i < d; i++) std[i] = Math.sqrt(std[i]) + 1e-6;
  return { mean, std };
}

/** The two logits of one standardised row. */
function logitsOfStandardised(z: Float64Array, kernel: Float64Array, bias: [number, number]): [number, number] {
  let a = bias[0];
  let b = bias[1];
  for (let i = 0; i < z.length; i++) {
    a += z[i] * kernel[2 * i];
    b += z[i] * kernel[2 * i + 1];
  }
  return [a, b];
}

/** Softmax probability of class 1 from two logits, without overflow. */
const probabilityOfSecond = ([a, b]: [number, number]) => 1 / (1 + Math.exp(a - b));

/**
 * The loss Σᵢ wᵢ·CE(yᵢ, logitsᵢ) / Σᵢ wᵢ + l2·|W|² (cross-entropy from the logits) and its gradient
 * with respect to the kernel and bias, on standardised rows.
 */
export function lossAndGradient(z: Float64Array[], labels: number[], weights: number[], head: Pick<SoftmaxHead, 'kernel' | 'bias'>, l2: number) {
  const dKernel = new Float64Array(head.kernel.length);
  const dBias = [0, 0];
  const total = weights.reduce((a, b) => a + b, 0);
  let loss = 0;
  z.forEach((row, n) => {
    const logits = logitsOfStandardised(row, head.kernel, head.bias);
    const p1 = probabilityOfSecond(logits);
    const p = [1 - p1, p1];
    const w = weights[n] / total;
    const [own, other] = labels[n] === 0 ? [logits[0], logits[1]] : [logits[1], logits[0]];
    loss += w * (Math.max(own, other) - own + Math.log1p(Math.exp(-Math.abs(own - other))));
    for (let k = 0; k < 2; k++) {
      const d = w * (p[k] - (labels[n] === k ? 1 : 0));
      dBias[k] += d;
      for (let i = 0; i < row.length; i++) dKernel[2 * i + k] += d * row[i];
    }
  });
  for (let j = 0; j < head.kernel.length; j++) {
    loss += l2 * head.kernel[j] ** 2;
    dKernel[j] += 2 * l2 * head.kernel[j];
  }
  return { loss, dKernel, dBias };
}

/** Fits logits = standardised(x)·W + b by Adam on minibatches. */
export function fitSoftmaxHead(features: Row[], labels: number[], opts: FitOptions): SoftmaxHead {
  const { epochs = 60, batchSize = 32, learningRate = 1e-3 } = opts;
  const weights = opts.weights ?? labels.map(() => 1);
  const random = seededRandom(opts.seed);
  const { mean, std } = moments(features);
  const z = features.map((r) => Float64Array.from(r, (v, i) => (v - mean[i]) / std[i]));
  const head: SoftmaxHead = { mean, std, kernel: new Float64Array(2 * mean.length), bias: [0, 0] };
  const params = head.kernel.length + 2;
  const m = new Float64Array(params);
  const v = new Float64Array(params);
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-7];
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffled(labels.length, random);
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize);
      const { dKernel, dBias } = lossAndGradient(batch.map((i) => z[i]), batch.map((i) => labels[i]), batch.map((i) => weights[i]), head, opts.l2);
      step++;
      const rate = (learningRate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
      for (let j = 0; j < params; j++) {
        const g = j < dKernel.length ? dKernel[j] : dBias[j - dKernel.length];
        m[j] = beta1 * m[j] + (1 - beta1) * g;
        v[j] = beta2 * v[j] + (1 - beta2) * g * g;
        const delta = (rate * m[j]) / (Math.sqrt(v[j]) + epsilon);
        if (j < dKernel.length) head.kernel[j] -= delta;
        else head.bias[j - dKernel.length] -= delta;
      }
    }
  }
  return head;
}

/** The head's two logits for one raw feature row. */
export function headLogits(head: SoftmaxHead, raw: Row): [number, number] {
  return logitsOfStandardised(Float64Array.from(raw, (v, i) => (v - head.mean[i]) / head.std[i]), head.kernel, head.bias);
}

/** The same map on raw features, as the browser applies it: W' = W / std, b' = b − (mean / std)·W. */
export function foldedHead(head: SoftmaxHead): { kernel: number[][]; bias: number[] } {
  const kernel = Array.from({ length: head.mean.length }, (_, i) => [0, 1].map((k) => head.kernel[2 * i + k] / head.std[i]));
  const bias = [0, 1].map((k) => head.bias[k] - kernel.reduce((s, row, i) => s + head.mean[i] * row[k], 0));
  return { kernel, bias };
}
