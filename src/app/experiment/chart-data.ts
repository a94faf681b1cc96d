// The experiment's summary as rows for the chart and the table (one row per ε > 0).
import { DEFAULT_PLAN } from '../../experiment/protocol';
import { series, type ExperimentSummary } from '../../experiment/summary';

/** The figure's two black-box lines: one step, and many. */
export const [FEW_STEPS, MANY_STEPS] = [Math.min(...DEFAULT_PLAN.iterations), Math.max(...DEFAULT_PLAN.iterations)];

export interface AccuracyPoint {
  eps: number;
  /** f's accuracy in % for each line; the noise line carries its standard deviation as an error bar. */
  noise: number;
  noiseStd: number;
  blackboxFew: number;
  blackboxMany: number;
  whitebox: number;
  /** g's accuracy on its own black-box images, in %. */
  substituteFew: number;
  substituteMany: number;
}

const percent = (x: number | undefined) => (x === undefined ? NaN : x * 100);

export function accuracyPoints(summary: ExperimentSummary): AccuracyPoint[] {
  const at = (method: 'blackbox', eps: number, T: number) => series(summary, method, T).find((r) => r.eps === eps)?.accuracy;
  const g = (eps: number, T: number) => summary.substitute.find((s) => s.eps === eps && s.T === T)?.accuracy;
  return series(summary, 'noise').map(({ eps, accuracy, std }) => ({
    eps,
    noise: percent(accuracy),
    noiseStd: percent(std ?? 0),
    blackboxFew: percent(at('blackbox', eps, FEW_STEPS)),
    blackboxMany: percent(at('blackbox', eps, MANY_STEPS)),
    whitebox: percent(series(summary, 'whitebox').find((r) => r.eps === eps)?.accuracy),
    substituteFew: percent(g(eps, FEW_STEPS)),
    substituteMany: percent(g(eps, MANY_STEPS)),
  }));
}
