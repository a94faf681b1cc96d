// The out-of-world score is the Mahalanobis distance it claims to be, and its threshold is the
// smallest that lets the asked share of every group pass.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random';
import { outOfWorldScore, thresholdPassing } from './out-of-world';

describe('out-of-world score', () => {
  // A 3-d world: axes are the principal directions, variances 4, 1 and (the residual) 0.25.
  const model = {
    classMeans: [[0, 0, 0], [10, 0, 0]],
    components: [[1, 0, 0], [0, 1, 0]],
    variances: [4, 1],
    residualVariance: 0.25,
  };

  it('is the squared Mahalanobis distance to the nearest class, per feature', () => {
    expect(outOfWorldScore(model, [2, 1, 0.5])).toBeCloseTo((4 / 4 + 1 / 1 + 0.25 / 0.25) / 3, 12);
    // Nearer the second class: measured from its mean.
    expect(outOfWorldScore(model, [9, 0, 0])).toBeCloseTo(1 / 4 / 3, 12);
  });

  it('with components that are not axes, equals the full-covariance formula', () => {
    const c = Math.SQRT1_2;
    const rotated = { ...model, classMeans: [[0, 0, 0]], components: [[c, c, 0], [-c, c, 0]] };
    const random = seededRandom(2);
    for (let k = 0; k < 5; k++) {
      const x = [random() * 4 - 2, random() * 4 - 2, random() * 4 - 2];
      const [u, v] = [(x[0] + x[1]) * c, (x[1] - x[0]) * c];
      expect(outOfWorldScore(rotated, x)).toBeCloseTo((u * u / 4 + v * v / 1 + x[2] * x[2] / 0.25) / 3, 10);
    }
  });
});

describe('threshold', () => {
  it('is the smallest value that lets the share pass in every group', () => {
    const lab = Array.from({ length: 100 }, (_, i) => i + 1); // 95 % pass at 95
    const field = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 200]; // 19 of 20 pass at 19
    expect(thresholdPassing([lab, field], 0.95)).toBe(95);
    expect(thresholdPassing([field], 0.95)).toBe(19);
    // 21 of 22 must pass: the 21st smallest.
    expect(thresholdPassing([Array.from({ length: 22 }, (_, i) => 22 - i)], 0.95)).toBe(21);
  });
});
