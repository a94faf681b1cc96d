// Accuracy bookkeeping shared by training, `npm run evaluate` and the tests.
import { CLASS_NAMES } from '../config';
import { wilson, type Proportion } from '../experiment/statistics';

interface Outcome {
  species: string;
  label: number;
  predicted: number;
}

export interface AccuracyReport {
  n: number;
  accuracy: number;
  perSpecies: Record<string, { n: number; accuracy: number }>;
  /** confusion[true][predicted], rows and columns in CLASS_NAMES order. */
  confusion: number[][];
}

function accuracyReport(outcomes: Outcome[]): AccuracyReport {
  const confusion = CLASS_NAMES.map(() => CLASS_NAMES.map(() => 0));
  const bySpecies = new Map<string, { n: number; right: number }>();
  let right = 0;
  for (const o of outcomes) {
    confusion[o.label][o.predicted]++;
    const s = bySpecies.get(o.species) ?? { n: 0, right: 0 };
    s.n++;
    if (o.label === o.predicted) {
      s.right++;
      right++;
    }
    bySpecies.set(o.species, s);
  }
  const perSpecies = Object.fromEntries(
    [...bySpecies].sort(([a], [b]) => a.localeCompare(b)).map(([k, s]) => [k, { n: s.n, accuracy: s.right / s.n }]),
  );
  return { n: outcomes.length, accuracy: outcomes.length ? right / outcomes.length : 0, perSpecies, confusion };
}

/** One outcome of a photo of a named data set. */
export interface SetOutcome extends Outcome {
  dataSet: string;
}

export type SetReport = AccuracyReport & { interval: Proportion };

/** An accuracy report with its 95 % interval for each data set, in order of first appearance. */
export function reportsBySet(outcomes: SetOutcome[]): Record<string, SetReport> {
  const sets = [...new Set(outcomes.map((o) => o.dataSet))];
  return Object.fromEntries(
    sets.map((set) => {
      const report = accuracyReport(outcomes.filter((o) => o.dataSet === set));
      return [set, { ...report, interval: wilson(report.confusion[0][0] + report.confusion[1][1], report.n) }];
    }),
  );
}
