import { describe, expect, it } from 'vitest';
import { conditionsOf, type Condition, type ExperimentPlan, type ImageOutcome } from './protocol';
import { wilson, withInterval } from './statistics';
import { fewestDiscordantForSignificance, interpret, invisibleIn8Bit, series, SMALL_SAMPLE, summarize, transferSentence, type ExperimentSummary } from './summary';

const plan: ExperimentPlan = { epsilons: [0, 0.002, 0.01, 0.1], iterations: [1, 10], noiseSeeds: [1, 2] };
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Forty images: 0–19 healthy, 20–39 diseased. f errs on image 39 when clean. `fooled(c)` lists the
 * images each condition sends to the other class.
 */
function outcomes(fooled: (c: Condition) => number[], healthy = 20, diseased = 20): ImageOutcome[] {
  const conditions = conditionsOf(plan);
  return range(0, healthy + diseased - 1).map((i) => {
    const label = i < healthy ? 0 : 1;
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
    const [caveat, vsNoise, direction, vsSteps, eightBit] = interpret(summary, plan);
    expect(caveat).toMatch(/^Only 40 images: every 95 % interval here is wide/);
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
    expect(interpret(summarize({ split: 'test', plan, images: outcomes(story) }, 'float'), plan)[4]).toContain('These are the float iterates');
  });

  it('and says the opposite when the data does', () => {
    const reversed = (c: Condition) => {
      if (c.method === 'blackbox' && c.judge === 'f' && c.eps === 0.1) return c.T === 10 ? [...range(0, 9), ...range(20, 29)] : [...range(0, 4), ...range(20, 24)];
      if (c.method === 'noise') return [];
      return story(c);
    };
    const [, , direction, vsSteps] = interpret(summarize({ split: 'test', plan, images: outcomes(reversed) }), plan);
    expect(vsSteps).toContain('T = 1 transfers better than T = 10 (f less accurate, exact McNemar p < 0.05) at no ε; T = 10 transfers better at ε = 0.1');
    expect(direction).toMatch(/^Neither direction of the transfer is clearly stronger \(the two 95 % intervals overlap\)/);
    expect(direction).not.toContain('even random ones');
  });

  describe('with as few images as the field photos\' test split (22: 10 healthy, 12 diseased)', () => {
    /** f is right on every clean image; white box fools all; noise none. Black box T = 1 at ε = 0.1 fools healthy leaves `blackbox`, g loses `g1` / `g10` images. */
    const small = (blackbox: number[], g1: number[], g10: number[]) => (c: Condition): number[] => {
      if (c.method === 'none' || c.method === 'noise') return [];
      if (c.judge === 'g') return c.T === 10 ? g10 : g1;
      if (c.method === 'whitebox') return range(0, 21);
      return c.T === 1 && c.eps === 0.1 ? blackbox : [];
    };
    const sentences = (fooled: (c: Condition) => number[]) => interpret(summarize({ split: 'test', plan, images: outcomes(fooled, 10, 12) }), plan);

    it('a paired test needs 6 images changing one way and none the other (p = 2/2⁶); 5 give p = 0.0625', () => {
      expect(fewestDiscordantForSignificance()).toBe(6);
    });

    it('claims nothing that 22 images cannot support: 5 of 10 healthy leaves flipped, g a little worse after T = 10', () => {
      const [caveat, vsNoise, direction, vsSteps] = sentences(small(range(0, 4), range(0, 12), range(0, 14)));
      expect(caveat).toBe(`Only 22 images: every 95 % interval here is wide (f's clean accuracy alone is ${withInterval(wilson(22, 22))}), and a paired test ` +
        'reaches p < 0.05 only once at least 6 images change one way and none the other. "Within chance" below means these images cannot tell the two apart, not that they are alike.');
      // 5 : 0 discordant images against every seed: p = 0.0625.
      expect(vsNoise).toContain('less accurate than random noise of the same size at no ε (exact McNemar test on the same 22 images');
      expect(vsNoise).toContain('at ε = 0.002, 0.01 and 0.1 the difference is within chance for at least one seed (the smallest of those tests: p = 0.063)');
      // 5 of 10 [23.7–76.3] against 0 of 12 [0–24.2]: the intervals overlap, so no "one-sided", and no "as strong both ways" either.
      expect(direction).toMatch(/^Neither direction of the transfer is clearly stronger \(the two 95 % intervals overlap\): at ε = 0\.1, black box \(T = 1\) sends 5 of 10 /);
      expect(vsSteps).toContain('T = 1 transfers better than T = 10 (f less accurate, exact McNemar p < 0.05) at no ε');
      expect(vsSteps).toContain('(p = 1.000, p = 1.000, p = 0.063)');
      // g: 13 against 15 of 22 fooled; the intervals overlap at every ε, so no claim that the iterations fit g.
      expect(vsSteps).not.toContain('g itself');
    });

    it('and still says what 22 images do show: 8 of 10 flipped, g fooled by T = 10 on all 22', () => {
      const [caveat, vsNoise, direction, vsSteps] = sentences(small(range(0, 7), range(0, 4), range(0, 21)));
      expect(caveat).toMatch(/^Only 22 images/);
      expect(vsNoise).toContain('less accurate than random noise of the same size at ε = 0.1 (exact McNemar test on the same 22 images');
      expect(direction).toMatch(/^The transfer is one-sided: at ε = 0\.1, black box \(T = 1\) sends 8 of 10 /);
      expect(vsSteps).toContain('T = 1 transfers better than T = 10 (f less accurate, exact McNemar p < 0.05) at ε = 0.1');
      expect(vsSteps).toContain('g itself is fooled more by T = 10');
    });

    it(`from ${SMALL_SAMPLE} images on, no such caveat`, () => {
      const [first] = interpret(summarize({ split: 'test', plan, images: outcomes(small([], [], []), 50, 50) }), plan);
      expect(first).toMatch(/^Black-box images made on g/);
    });
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
