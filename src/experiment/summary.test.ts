import { describe, expect, it } from 'vitest';
import { conditionsOf, type Condition, type ExperimentPlan, type ImageOutcome } from './protocol';
import { interpret, series, summarize } from './summary';

const plan: ExperimentPlan = { epsilons: [0, 0.01, 0.1], iterations: [1, 10], noiseSeeds: [1, 2] };

/** Ten images (five per class) whose predictions are given by `wrong(condition, i)`: true = fooled. */
function outcomes(wrong: (c: Condition, i: number) => boolean): ImageOutcome[] {
  return Array.from({ length: 10 }, (_, i) => {
    const label = i < 5 ? 0 : 1;
    const digits = conditionsOf(plan).map((c) => (wrong(c, i) ? 1 - label : label));
    return { id: `im${i}`, label, species: 'apple', outcomes: digits.join('') };
  });
}

/** f errs on image 9 when clean; the attacks fool f on the first k images (k by method and ε). */
const fooledCount = (c: Condition): number => {
  if (c.judge === 'g') return c.method === 'blackbox' ? (c.T === 10 ? 10 : 8) : 0;
  if (c.method === 'noise') return c.seed === 1 ? 1 : 2;
  if (c.method === 'whitebox') return c.eps === 0.01 ? 6 : 9;
  if (c.method === 'blackbox') return c.T === 1 ? (c.eps === 0.1 ? 7 : 5) : 3;
  return 0;
};
const images = outcomes((c, i) => i < fooledCount(c) || (c.judge === 'f' && c.method === 'none' && i === 9));

describe('experiment summary', () => {
  const summary = summarize({ split: 'test', plan, images });

  it("f's accuracy per method and ε, noise as mean ± std over seeds", () => {
    expect(summary.n).toBe(10);
    expect(summary.rows[0]).toEqual({ eps: 0, T: null, method: 'none', accuracy: 0.9, std: null });
    expect(summary.cleanSubstitute).toBe(1);
    const noise = series(summary, 'noise');
    noise.forEach((r) => expect(r.accuracy).toBeCloseTo(0.85, 10));
    expect(noise[0].std).toBeCloseTo(Math.SQRT1_2 * 0.1, 10);
    expect(series(summary, 'blackbox', 1).map((r) => r.accuracy)).toEqual([0.5, 0.3]);
    expect(series(summary, 'blackbox', 10).map((r) => r.accuracy)).toEqual([0.7, 0.7]);
    expect(series(summary, 'whitebox').map((r) => [r.eps, r.T, r.accuracy])).toEqual([[0.01, 1, 0.4], [0.1, 1, 0.1]]);
    expect(summary.substitute).toEqual([
      { eps: 0.01, T: 1, accuracy: expect.closeTo(0.2, 10) },
      { eps: 0.01, T: 10, accuracy: 0 },
      { eps: 0.1, T: 1, accuracy: expect.closeTo(0.2, 10) },
      { eps: 0.1, T: 10, accuracy: 0 },
    ]);
  });

  it('white-box success counts only images f got right, flipped to the target', () => {
    // Clean: images 0–8 right. White box ε = 0.01 fools images 0–5.
    expect(summary.whiteboxSuccess).toEqual({ eps: 0.01, correct: 9, flipped: 6, rate: 6 / 9 });
  });

  it('says what the data shows: here one step transfers better, and beats noise at both ε', () => {
    const [vsNoise, vsSteps] = interpret(summary, plan);
    expect(vsNoise).toContain('at 2 of 2 values of ε');
    expect(vsNoise).toContain('the widest gap is at ε = 0.1: f is at 30.0 % against 85.0 % with noise and 90.0 % on clean images');
    expect(vsSteps).toContain('T = 1 transfers better than T = 10 at 2 of 2 values of ε and worse at 0');
    expect(vsSteps).toContain('g itself drops to 0.0 % after T = 10 against 20.0 % after T = 1');
  });

  it('and says the opposite when the data does', () => {
    const reversed = outcomes((c, i) => c.judge === 'f' && ((c.method === 'blackbox' && i < (c.T === 10 ? 6 : 1)) || (c.method === 'noise' && c.seed === 1 && i < 1)));
    const [vsNoise, vsSteps] = interpret(summarize({ split: 'test', plan, images: reversed }), plan);
    expect(vsSteps).toContain('T = 1 transfers better than T = 10 at 0 of 2 values of ε and worse at 2');
    expect(vsNoise).toContain('at 0 of 2 values of ε');
  });
});
