import { describe, expect, it } from 'vitest';
import { balancedSubset, batchesOf, conditionKey, conditionsOf, DEFAULT_PLAN, spreadSubset } from './protocol';

const items = (healthy: number, diseased: number) => [
  ...Array.from({ length: healthy }, (_, i) => ({ id: `h${i}`, label: 0 })),
  ...Array.from({ length: diseased }, (_, i) => ({ id: `d${i}`, label: 1 })),
];

describe('experiment protocol', () => {
  it('records f and g on the clean image, then per ε > 0: each noise seed, black box per T (f and g), white box, each as 8-bit and float', () => {
    const conditions = conditionsOf(DEFAULT_PLAN);
    const perEps = 2 * (DEFAULT_PLAN.noiseSeeds.length + 2 * DEFAULT_PLAN.iterations.length + 1);
    expect(conditions).toHaveLength(2 + (DEFAULT_PLAN.epsilons.length - 1) * perEps);
    expect(new Set(conditions.map(conditionKey)).size).toBe(conditions.length);
    expect(conditions.filter((c) => c.method === 'none').map((c) => `${c.judge} ${c.pixels}`)).toEqual(['f 8bit', 'g 8bit']);
    const attacked = conditions.filter((c) => c.method !== 'none');
    expect(attacked.filter((c) => c.pixels === '8bit').map((c) => conditionKey({ ...c, pixels: 'float' }))).toEqual(attacked.filter((c) => c.pixels === 'float').map(conditionKey));
    expect(conditions.filter((c) => c.method === 'whitebox').every((c) => c.T === 1 && c.judge === 'f')).toBe(true);
    expect(conditions.some((c) => c.eps === 0 && c.method !== 'none')).toBe(false);
  });

  it('a balanced --limit subset is made of the first batch of each class of the full run', () => {
    const all = items(87, 87);
    const full = batchesOf(all, 4);
    const small = batchesOf(balancedSubset(all, 8), 4);
    expect(small).toEqual([full[0], full.find((b) => b[0].label === 1)]);
  });

  it('never mixes labels in a batch, and keeps every image once', () => {
    const all = items(7, 5);
    const batches = batchesOf(all, 4);
    expect(batches.map((b) => b.length)).toEqual([4, 3, 4, 1]);
    expect(batches.every((b) => b.every((i) => i.label === b[0].label))).toBe(true);
    expect(batches.flat().map((i) => i.id).sort()).toEqual(all.map((i) => i.id).sort());
  });

  it('an odd limit takes one more of the first class', () => {
    expect(balancedSubset(items(5, 5), 3).map((i) => i.id)).toEqual(['h0', 'h1', 'd0']);
  });

  it('a spread subset takes evenly spaced images of each class, from the first, never twice', () => {
    expect(spreadSubset(items(10, 9), 6).map((i) => i.id)).toEqual(['h0', 'h3', 'h6', 'd0', 'd3', 'd6']);
    expect(spreadSubset(items(8, 8), 5).map((i) => i.id)).toEqual(['h0', 'h2', 'h5', 'd0', 'd4']);
    expect(spreadSubset(items(2, 1), 6).map((i) => i.id)).toEqual(['h0', 'h1', 'd0']);
  });
});
