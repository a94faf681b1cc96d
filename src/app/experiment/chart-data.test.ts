import { describe, expect, it } from 'vitest';
import { wilson } from '../../experiment/statistics';
import type { ExperimentSummary, SummaryRow } from '../../experiment/summary';
import { chartPoints, FEW_STEPS, MANY_STEPS } from './chart-data';

const row = (method: SummaryRow['method'], T: number | null, k: number, healthy: number): SummaryRow => ({
  eps: 0.01, T, method, accuracy: wilson(k, 4), seedStd: null, flips: { healthy: wilson(healthy, 2), diseased: wilson(0, 2) },
});

const summary = {
  rows: [row('noise', null, 4, 0), row('blackbox', FEW_STEPS, 2, 2), row('blackbox', MANY_STEPS, 3, 1), row('whitebox', 1, 1, 2)],
} as ExperimentSummary;

describe('chart data', () => {
  it('one point per ε with every line in percent, and its interval as the error bar', () => {
    const [point] = chartPoints(summary, 'accuracy');
    expect(point).toMatchObject({ eps: 0.01, noise: 100, blackboxFew: 50, blackboxMany: 75, whitebox: 25 });
    const w = wilson(2, 4);
    expect(point.blackboxFewError[0]).toBeCloseTo((0.5 - w.low) * 100, 10);
    expect(point.blackboxFewError[1]).toBeCloseTo((w.high - 0.5) * 100, 10);
  });

  it('or the targeted success rate from one true class', () => {
    const [point] = chartPoints(summary, 'healthy');
    expect(point).toMatchObject({ noise: 0, blackboxFew: 100, blackboxMany: 50, whitebox: 100 });
    expect(chartPoints(summary, 'diseased')[0]).toMatchObject({ noise: 0, blackboxFew: 0, blackboxMany: 0, whitebox: 0 });
  });
});
