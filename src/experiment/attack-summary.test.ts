import { describe, expect, it } from 'vitest';
import { gradientKey, type AttackImage, type AttackPlan, type GradientAttack } from './attacks';
import { interpretAttacks, median, summarizeAttacks } from './attack-summary';
import { wilson } from './statistics';

const plan: AttackPlan = {
  transfer: { epsilons: [0.04], attacks: [{ method: 'ifgsm', T: 1 }, { method: 'ifgsm', T: 10 }, { method: 'mifgsm', T: 10 }] },
  whitebox: { images: 10, epsilons: [0.005], attacks: [{ method: 'ifgsm', T: 1 }, { method: 'pgd', T: 10 }] },
  query: { images: 4, epsilons: [0.04], queryBudget: 100, batchSize: 4 },
};
const one = plan.transfer.attacks[0];
const pgd = plan.whitebox.attacks[1];

/**
 * Forty images, 0–19 healthy. f errs on image 0 when clean. `fooledBy(key)` lists the images each
 * attack sends to the other class; the first ten take the white box, the first four the queries.
 */
function images(fooledBy: (madeOn: 'f' | 'g', a: GradientAttack, eps: number) => number[], queries: (i: number) => number | null): AttackImage[] {
  return Array.from({ length: 40 }, (_, i) => {
    const label = i < 20 ? 0 : 1;
    const gradient: Record<string, number> = {};
    const put = (madeOn: 'f' | 'g', attacks: GradientAttack[], eps: number) => attacks.forEach((a) => (gradient[gradientKey(madeOn, a, eps)] = fooledBy(madeOn, a, eps).includes(i) ? 1 - label : label));
    put('g', plan.transfer.attacks, 0.04);
    if (i < 10) put('f', plan.whitebox.attacks, 0.005);
    const q = queries(i);
    const query: AttackImage['query'] = i < 4 ? { '0.04': { fooled: q !== null, queries: q ?? 100 } } : {};
    return { id: `im${i}`, label, species: i < 2 ? 'apple' : i < 8 ? 'corn' : 'grape', clean: i === 0 ? 1 : label, gradient, query };
  });
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('stronger-attacks summary', () => {
  // Momentum fools 1–12, I-FGSM T = 10 only 1–2, one step 1–6; PGD on f fools 1–9, one step 1–3.
  const story = (madeOn: 'f' | 'g', a: GradientAttack) =>
    madeOn === 'f' ? (a.method === 'pgd' ? range(1, 9) : range(1, 3)) : a.method === 'mifgsm' ? range(1, 12) : a.T === 10 ? range(1, 2) : range(1, 6);
  const summary = summarizeAttacks({ plan, images: images(story, (i) => [null, 30, 10, null][i]) });

  it("f's accuracy on all images and targeted success over those it had right, per attack", () => {
    expect(summary.n).toEqual({ transfer: 40, whitebox: 10, query: 4 });
    expect(summary.species).toEqual({ transfer: 3, whitebox: 3, query: 2 });
    expect(summary.clean).toEqual(wilson(39, 40));
    const row = summary.transfer.find((r) => r.attack.method === 'mifgsm')!;
    expect(row.accuracy).toEqual(wilson(40 - 12, 40));
    expect(row.success).toEqual(wilson(12, 39));
    expect(summary.whitebox.find((r) => r.attack.method === 'pgd')!.accuracy).toEqual(wilson(1, 10));
  });

  it('pairs each stronger method with the course on the same images', () => {
    const vsMany = summary.comparisons.find((c) => c.first.method === 'mifgsm' && c.second.T === 10)!;
    expect(vsMany.test).toMatchObject({ onlyFirstWrong: 10, onlySecondWrong: 0 });
    expect(vsMany.test.p).toBeLessThan(0.05);
    const whitebox = summary.comparisons.find((c) => c.madeOn === 'f')!;
    expect(whitebox).toMatchObject({ first: pgd, second: one, test: { onlyFirstWrong: 6, onlySecondWrong: 0 } });
  });

  it('the query attack: success over the images f had right, median queries over those it flipped', () => {
    expect(summary.query).toEqual([{ eps: 0.04, success: wilson(2, 3), medianQueries: 20, budget: 100 }]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
  });

  it('says momentum transfers better only when the paired test says so', () => {
    expect(interpretAttacks(summary)[0]).toMatch(/^Here MI-FGSM \(T = 10\) transfers better than the course's I-FGSM \(T = 10\) at ε = 0.04/);
    const tie = summarizeAttacks({ plan, images: images((m, a) => (m === 'g' && (a.method === 'mifgsm' || a.T === 10) ? range(1, 3) : []), () => null) });
    const sentences = interpretAttacks(tie);
    expect(sentences[0]).toMatch(/does not transfer measurably better/);
    expect(sentences.some((s) => /within chance/.test(s) && s.startsWith('At ε = 0.04, with images made on g') && s.includes('MI-FGSM'))).toBe(true);
    expect(sentences.at(-1)).toMatch(/flipped 0 of 3 .* it flipped none/);
  });
});
