import { describe, expect, it } from 'vitest';
import { conditionsOf, type Condition, type ExperimentPlan, type ImageOutcome } from './protocol';
import { wilson, withInterval } from './statistics';
import { interpret, invisibleIn8Bit, series, summarize, transferSentence, type ExperimentSummary } from './summary';

const plan: ExperimentPlan = { epsilons: [0, 0.002, 0.01, 0.1], iterations: [1, 10], noiseSeeds: [1, 2] };
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Forty images: 0–19 healthy, 20–39 diseased. f errs on image 39 when clean. `fooled(c)` lists the
 * images each condition sends to the other class.
 */
function outcomes(fooled: (c: Condition) => number[]): ImageOutcome[] {
  const conditions = conditionsOf(plan);
  return range(0, 39).map((i) => {
    const label = i < 20 ? 0 : 1;
    const digits = conditions.map((c) => (fooled(c).includes(i) ? 1 - label : label));
    return { id: `im${i}`, label, species: 'apple', outcomes: digits.join('') };
  });
}

/** Noise fools healthy leaves only; black box T = 1 is one-sided at ε = 0.1; nothing changes at ε = 0.002. */
function story(c: Condition): number[] {
  if (c.method === 'none') return c.judge === 'f' ? [39] : [];
  if (c.judge === 'g') return c.T === 10 ? range(0, 39) : range(0, 29);
  if (c.eps === 0.002) return [];
  if (c.method === 'noise') return range(0, (c.seed === 1 ? 7 : 9) + (c.eps === 0.01 ? 2 : 0));
  if (c.method === 'whitebox') return c.eps === 0.1 ? range(0, 39) : range(0, c.pixels === 'float' ? 34 : 29);
  if (c.T === 1) return c.eps === 0.1 ? [...range(0, 17), 20, 21] : range(0, 3);
  return c.eps === 0.1 ? range(0, 5) : range(0, 2);
}

describe('experiment summary', () => {
  const summary = summarize({ split: 'test', plan, images: outcomes(story) });
  const row = (s: ExperimentSummary, method: 'noise' | 'blackbox' | 'whitebox', eps: number, T: number | null = null) => series(s, method, T).find((r) => r.eps === eps)!;

  it("f's accuracy per method and ε with Wilson intervals; noise as the mean over seeds", () => {
    expect(summary).toMatchObject({ n: 40, pixels: '8bit', clean: wilson(39, 40), cleanSubstitute: wilson(40, 40) });
    expect(row(summary, 'blackbox', 0.1, 1).accuracy).toEqual(wilson(20, 40));
    expect(row(summary, 'blackbox', 0.1, 10).accuracy).toEqual(wilson(34, 40));
    const noise = row(summary, 'noise', 0.1);
    expect(noise.accuracy.value).toBeCloseTo(31 / 40, 12);
    expect(noise.accuracy.low).toBeLessThan(31 / 40);
    expect(noise.accuracy.high).toBeGreaterThan(31 / 40);
    expect(noise.seedStd).toBeCloseTo(Math.SQRT1_2 * (2 / 40), 12);
    expect(row(summary, 'blackbox', 0.1, 1).seedStd).toBeNull();
    expect(summary.substitute.map((s) => [s.eps, s.T, s.accuracy.k])).toEqual([[0.002, 1, 10], [0.002, 10, 0], [0.01, 1, 10], [0.01, 10, 0], [0.1, 1, 10], [0.1, 10, 0]]);
  });

  it('targeted success in each direction, over the images f had right when clean', () => {
    const flips = row(summary, 'blackbox', 0.1, 1).flips;
    expect(flips.healthy).toEqual(wilson(18, 20));
    expect(flips.diseased).toEqual(wilson(2, 19));
    expect(row(summary, 'noise', 0.1).flips.diseased).toMatchObject({ value: 0, low: 0, high: 0 });
    expect(row(summary, 'noise', 0.1).flips.healthy.value).toBeCloseTo(9 / 20, 12);
  });

  it('judges the 8-bit images by default and the float iterates on request', () => {
    expect(summary.whiteboxSuccess).toEqual({ eps: 0.01, flips: wilson(30, 39) });
    const float = summarize({ split: 'test', plan, images: outcomes(story) }, 'float');
    expect(float.pixels).toBe('float');
    expect(float.whiteboxSuccess).toEqual({ eps: 0.01, flips: wilson(35, 39) });
    expect(row(float, 'whitebox', 0.01).accuracy).toEqual(wilson(5, 40));
    expect(row(summary, 'whitebox', 0.01).accuracy).toEqual(wilson(10, 40));
  });

  it('paired tests over the same images: black box against the weakest noise seed, and T = 1 against T = 10', () => {
    const at = (eps: number) => summary.tests.find((t) => t.eps === eps)!;
    // Seed 2 fools images 0–9, black box 0–17, 20, 21: 10 discordant pairs, all one way.
    expect(at(0.1).blackboxVsNoise).toEqual({ seed: 2, onlyFirstWrong: 10, onlySecondWrong: 0, p: 2 / 2 ** 10 });
    // Noise fools more at ε = 0.01: the weakest seed (1) still fools 6 images more.
    expect(at(0.01).blackboxVsNoise).toEqual({ seed: 1, onlyFirstWrong: 0, onlySecondWrong: 6, p: 2 / 2 ** 6 });
    expect(at(0.002).blackboxVsNoise.p).toBe(1);
    expect(at(0.1).fewVsMany).toEqual({ onlyFirstWrong: 14, onlySecondWrong: 0, p: 2 / 2 ** 14 });
    expect(at(0.01).fewVsMany!.p).toBe(1);
  });

  it('says what the tests support, with intervals and p-values beside the claims', () => {
    const [vsNoise, direction, vsSteps, eightBit] = interpret(summary, plan);
    expect(vsNoise).toContain('less accurate than random noise of the same size at ε = 0.1 (exact McNemar test on the same 40 images, p < 0.05 against each of the 2 noise seeds)');
    expect(vsNoise).toContain(`at ε = 0.1, f is at 50.0 % [${(wilson(20, 40).low * 100).toFixed(1)}–${(wilson(20, 40).high * 100).toFixed(1)}] against 77.5 %`);
    expect(vsNoise).toContain('noise leaves f less accurate at ε = 0.01');
    expect(vsNoise).toContain('at ε = 0.002 the difference is within chance');
    expect(direction).toMatch(/^The transfer is one-sided: at ε = 0\.1, black box \(T = 1\) sends 18 of 20 \(90\.0 % \[/);
    expect(direction).toContain('and 2 of 19 (10.5 % [');
    expect(direction).toContain('even random ones');
    expect(vsSteps).toContain('T = 1 transfers better than T = 10 (f less accurate, exact McNemar p < 0.05) at ε = 0.1');
    expect(vsSteps).toContain('at ε = 0.002 and 0.01 the two are within chance (p = 1.000, p = 1.000)');
    expect(vsSteps).toContain('g itself is fooled more by T = 10');
    expect(eightBit).toContain('At ε = 0.002 no whole brightness level fits');
    expect(interpret(summarize({ split: 'test', plan, images: outcomes(story) }, 'float'), plan)[3]).toContain('These are the float iterates');
  });

  it('and says the opposite when the data does', () => {
    const reversed = (c: Condition) => {
      if (c.method === 'blackbox' && c.judge === 'f' && c.eps === 0.1) return c.T === 10 ? [...range(0, 9), ...range(20, 29)] : [...range(0, 4), ...range(20, 24)];
      if (c.method === 'noise') return [];
      return story(c);
    };
    const [, direction, vsSteps] = interpret(summarize({ split: 'test', plan, images: outcomes(reversed) }), plan);
    expect(vsSteps).toContain('T = 1 transfers better than T = 10 (f less accurate, exact McNemar p < 0.05) at no ε; T = 10 transfers better at ε = 0.1');
    expect(direction).toMatch(/^The transfer is about as strong both ways/);
    expect(direction).not.toContain('even random ones');
  });

  it('says how often black box transfers at the nearest measured setting, with counts per direction', () => {
    const exact = transferSentence(summary, 0.1, 1);
    expect(exact).toBe('In our experiment (40 test photos, 8-bit images), black box at ε = 0.1, T = 1 flips f on 20 of 39 leaves it had right ' +
      `(${withInterval(wilson(20, 39))}): 18 of 20 healthy → diseased, 2 of 19 diseased → healthy.`);
    expect(transferSentence(summary, 0.08, 7)).toContain('black box at ε = 0.1, T = 10 (the nearest measured setting) flips f on 6 of 39');
    expect(transferSentence(summary, 0.012, 1)).toContain('at ε = 0.01, T = 1 (the nearest measured setting) flips f on 4 of 39');
  });

  it('marks ε below one brightness level, where the 8-bit image is x⁰', () => {
    expect([0, 0.002, 0.0025, 1 / 255, 0.005].map(invisibleIn8Bit)).toEqual([false, true, true, false, false]);
  });
});
