import { describe, expect, it } from 'vitest';
import { chartRows, firstFooled, lossTowards } from './chart-data';

const point = (t: number, f: number, g = 0.5) => ({ t, probabilities: { inception_v3: [1 - f, f], mobilenet_v2: [1 - g, g] }, linf: t / 100, l2: t / 10 });

describe('the lab chart', () => {
  it('rows: P(y*) per model, the attacked model’s loss −ln P(y*), L∞ and L2 per t', () => {
    const [row] = chartRows([point(2, 0.25, 0.9)], 1, ['inception_v3', 'mobilenet_v2'], 'mobilenet_v2');
    expect(row).toEqual({ t: 2, inception_v3: 0.25, mobilenet_v2: 0.9, loss: -Math.log(0.9), linf: 0.02, l2: 0.2 });
    expect(lossTowards([0.5, 0.5], 0)).toBeCloseTo(Math.LN2, 12);
  });

  it('marks the first t at which f says y*, and none when f said it at x⁰ or never does', () => {
    expect(firstFooled([point(0, 0.1), point(1, 0.4), point(2, 0.7), point(3, 0.2), point(4, 0.9)], 1)).toBe(2);
    expect(firstFooled([point(0, 0.6), point(1, 0.7)], 1)).toBeNull();
    expect(firstFooled([point(0, 0.1), point(1, 0.4)], 1)).toBeNull();
    expect(firstFooled([point(0, 0.1), point(1, 0.4)], 0)).toBeNull();
  });
});
