// The head trainer: its gradient is the loss's (checked by finite differences), it learns, it is
// seeded, weights shift what it learns, and the folded head gives the same logits on raw features.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/seeded-random';
import { fitSoftmaxHead, foldedHead, headLogits, lossAndGradient } from './softmax-head';

const random = seededRandom(3);
const labels = Array.from({ length: 64 }, (_, i) => i % 2);
const features = labels.map((l) => [l * 2 - 1 + (random() - 0.5), random() - 0.5, random() * 10]);

describe('training a softmax head', () => {
  it('the analytic gradient of the weighted, L2-penalised loss matches central differences', () => {
    const z = features.slice(0, 10).map((r) => Float64Array.from(r));
    const weights = z.map((_, i) => 1 + i);
    const head = { kernel: Float64Array.from({ length: 6 }, () => random() - 0.5), bias: [0.3, -0.2] as [number, number] };
    const { dKernel, dBias } = lossAndGradient(z, labels.slice(0, 10), weights, head, 0.05);
    const h = 1e-6;
    for (let j = 0; j < 8; j++) {
      const at = (delta: number) => {
        const kernel = Float64Array.from(head.kernel);
        const bias = [...head.bias] as [number, number];
        if (j < 6) kernel[j] += delta;
        else bias[j - 6] += delta;
        return lossAndGradient(z, labels.slice(0, 10), weights, { kernel, bias }, 0.05).loss;
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      expect(j < 6 ? dKernel[j] : dBias[j - 6]).toBeCloseTo(numeric, 6);
    }
  });

  it('learns a separable problem, identically for the same seed', () => {
    const fit = () => fitSoftmaxHead(features, labels, { l2: 1e-3, seed: 7, epochs: 300, learningRate: 1e-2 });
    const a = fit();
    expect(features.map((f) => { const [x, y] = headLogits(a, f); return x >= y ? 0 : 1; })).toEqual(labels);
    expect(foldedHead(a)).toEqual(foldedHead(fit()));
    // The folded head (standardisation inside the weights) gives the same logits on raw features.
    const { kernel, bias } = foldedHead(a);
    for (const f of features) {
      const raw = [0, 1].map((k) => bias[k] + f.reduce((s, v, i) => s + v * kernel[i][k], 0));
      headLogits(a, f).forEach((l, k) => expect(raw[k]).toBeCloseTo(l, 9));
    }
  });

  it('a photo weighted more pulls the boundary towards its label', () => {
    // Two identical points with opposite labels: the heavier one wins.
    const x = [[1], [1], [-1], [-1]];
    const y = [0, 1, 0, 1];
    const lean = (weights: number[]) => {
      const head = fitSoftmaxHead(x, y, { l2: 0, seed: 1, weights, epochs: 200, learningRate: 1e-2 });
      const [a, b] = headLogits(head, [1]);
      return a - b;
    };
    expect(lean([5, 1, 1, 1])).toBeGreaterThan(0.5);
    expect(lean([1, 5, 1, 1])).toBeLessThan(-0.5);
  });
});
