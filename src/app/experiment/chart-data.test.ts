import { describe, expect, it } from 'vitest';
import type { ExperimentSummary } from '../../experiment/summary';
import { accuracyPoints, FEW_STEPS, MANY_STEPS } from './chart-data';

const summary: ExperimentSummary = {
  split: 'test',
  n: 4,
  rows: [
    { eps: 0, T: null, method: 'none', accuracy: 1, std: null },
    { eps: 0.01, T: null, method: 'noise', accuracy: 0.95, std: 0.05 },
    { eps: 0.01, T: FEW_STEPS, method: 'blackbox', accuracy: 0.5, std: null },
    { eps: 0.01, T: MANY_STEPS, method: 'blackbox', accuracy: 0.75, std: null },
    { eps: 0.01, T: 1, method: 'whitebox', accuracy: 0.25, std: null },
  ],
  cleanSubstitute: 1,
  substitute: [
    { eps: 0.01, T: FEW_STEPS, accuracy: 0.25 },
    { eps: 0.01, T: MANY_STEPS, accuracy: 0 },
  ],
  whiteboxSuccess: null,
};

describe('chart data', () => {
  it('one point per ε > 0 with every line in percent, the noise error bar included', () => {
    expect(accuracyPoints(summary)).toEqual([
      { eps: 0.01, noise: 95, noiseStd: 5, blackboxFew: 50, blackboxMany: 75, whitebox: 25, substituteFew: 25, substituteMany: 0 },
    ]);
  });
});
