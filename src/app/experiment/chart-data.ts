// The experiment's summary as rows for the chart and the table (one row per ε > 0), for one
// measure: f's accuracy, or the targeted success rate from one true class.
import { DEFAULT_PLAN } from '../../experiment/protocol';
import type { Proportion } from '../../experiment/statistics';
import { series, type ClassName, type ExperimentSummary, type SummaryRow } from '../../experiment/summary';
import { CLASS_NAMES } from '../../config';

/** The figure's two black-box lines: one step, and many. */
export const [FEW_STEPS, MANY_STEPS] = [Math.min(...DEFAULT_PLAN.iterations), Math.max(...DEFAULT_PLAN.iterations)];

/** What the chart and the table show: f's accuracy, or the success rate of images of one true class. */
export type Measure = 'accuracy' | ClassName;
const [HEALTHY, DISEASED] = CLASS_NAMES;
export const MEASURES: { id: Measure; label: string }[] = [
  { id: 'accuracy', label: "f's accuracy" },
  { id: HEALTHY, label: `success ${HEALTHY} → ${DISEASED}` },
  { id: DISEASED, label: `success ${DISEASED} → ${HEALTHY}` },
];

const LINE_KEYS = ['noise', 'blackboxFew', 'blackboxMany', 'whitebox'] as const;
export type LineKey = (typeof LINE_KEYS)[number];

/** One ε: each line's value in %, and its 95 % interval as [below, above] the value, in %. */
export type ChartPoint = { eps: number } & Record<LineKey, number> & Record<`${LineKey}Error`, [number, number]>;

/** The value of `row` a measure reads. */
export const measured = (row: SummaryRow, measure: Measure): Proportion => (measure === 'accuracy' ? row.accuracy : row.flips[measure]);

export function chartPoints(summary: ExperimentSummary, measure: Measure): ChartPoint[] {
  const rowsOf: Record<LineKey, SummaryRow[]> = {
    noise: series(summary, 'noise'),
    blackboxFew: series(summary, 'blackbox', FEW_STEPS),
    blackboxMany: series(summary, 'blackbox', MANY_STEPS),
    whitebox: series(summary, 'whitebox'),
  };
  return rowsOf.noise.map(({ eps }) => {
    const point: Record<string, number | [number, number]> = { eps };
    for (const key of LINE_KEYS) {
      const row = rowsOf[key].find((r) => r.eps === eps);
      const p = row ? measured(row, measure) : null;
      point[key] = p ? p.value * 100 : NaN;
      point[`${key}Error`] = p ? [(p.value - p.low) * 100, (p.high - p.value) * 100] : [0, 0];
    }
    return point as ChartPoint;
  });
}
