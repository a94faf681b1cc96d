import { describe, expect, it } from 'vitest';
import { DEFENSE_IDS } from '../defense/names';
import { defenseConditions, defenseKey, type DefenseImage, type DefensePlan } from './defenses';
import { interpretDefenses, summarizeDefenses } from './defense-summary';
import { wilson } from './statistics';

const plan: DefensePlan = { images: 20, epsilons: [0.01, 0.04], iterations: 5, eotSamples: 4 };
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Twenty images, 0–9 healthy; `fooled(key)` lists those f gets wrong under each condition. */
function images(fooled: (c: ReturnType<typeof defenseConditions>[number]) => number[]): DefenseImage[] {
  return range(0, 19).map((i) => {
    const label = i < 10 ? 0 : 1;
    const predicted = Object.fromEntries(defenseConditions(plan).map((c) => [defenseKey(c.deployment, c.made, c.eps), fooled(c).includes(i) ? 1 - label : label]));
    return { id: `im${i}`, label, species: i % 2 ? 'grape' : 'apple', predicted };
  });
}

describe('defense summary', () => {
  // The naive attack fools every image of f alone; JPEG stops it on 0–14 but the adaptive attack fools all again; median costs 2 clean images.
  const story = ({ deployment, made }: ReturnType<typeof defenseConditions>[number]) => {
    if (made === 'clean') return deployment === 'median' ? [0, 1] : [];
    if (deployment === 'jpeg' && made === 'naive') return range(15, 19);
    return range(0, 19);
  };
  const summary = summarizeDefenses({ plan, images: images(story) });

  it("one line per deployment and attacker, starting from the clean images' accuracy at ε = 0", () => {
    expect(summary).toMatchObject({ n: 20, species: 2 });
    expect(summary.series).toHaveLength(1 + 2 * DEFENSE_IDS.length);
    const jpegNaive = summary.series.find((s) => s.deployment === 'jpeg' && s.attacker === 'naive')!;
    expect(jpegNaive.points.map((p) => [p.eps, p.accuracy.k])).toEqual([[0, 20], [0.01, 15], [0.04, 15]]);
    expect(summary.series.find((s) => s.deployment === 'median' && s.attacker === 'adaptive')!.points[0].accuracy).toEqual(wilson(18, 20));
  });

  it('pairs the defense against f alone, and the adaptive attacker against the naive one, on the same images', () => {
    const jpeg = summary.tests.find((t) => t.defense === 'jpeg' && t.eps === 0.01)!;
    expect(jpeg.naiveAloneVsBehind).toMatchObject({ onlyFirstWrong: 15, onlySecondWrong: 0 });
    expect(jpeg.adaptiveVsNaive).toMatchObject({ onlyFirstWrong: 15, onlySecondWrong: 0 });
    expect(summary.tests.find((t) => t.defense === 'median')!.naiveAloneVsBehind.p).toBe(1);
  });

  it('says a defense stops the naive attack and falls to the adaptive one only where the tests say so', () => {
    const sentences = interpretDefenses(summary);
    expect(sentences).toHaveLength(DEFENSE_IDS.length * plan.epsilons.length);
    const jpeg = sentences.find((s) => s.startsWith('JPEG') && s.includes('ε = 0.01'))!;
    expect(jpeg).toMatch(/naive attacker 75.0 % .*\(the defense stops part of it, p < 0.001\); adaptive attacker 0.0 % .*\(the defense falls again, p < 0.001\)/);
    expect(sentences.find((s) => s.startsWith('3×3 median'))).toMatch(/no measurable difference from f alone, p = 1.000\).*no measurable difference from the naive attack/);
  });
});
