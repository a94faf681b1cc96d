// The Experiment's numbers as CSV, one row per method, T and ε (and the clean images first):
// accuracies and per-direction success rates with their 95 % intervals, as the table shows them,
// at full precision. Pure.
import { CLASS_NAMES } from '../config';
import type { Proportion } from './statistics';
import type { ExperimentSummary } from './summary';

const columns = (name: string) => [name, `${name}_low`, `${name}_high`];
const cells = (p: Proportion | null): (number | string)[] => (p ? [p.value, p.low, p.high] : ['', '', '']);

export function summaryCsv(summary: ExperimentSummary): string {
  const header = ['pixels', 'eps', 'method', 'T', 'images', 'right', ...columns('accuracy'), ...CLASS_NAMES.flatMap((name) => columns(`success_${name}`))];
  const rows = [
    [summary.pixels, 0, 'none', '', summary.n, summary.clean.k, ...cells(summary.clean), ...CLASS_NAMES.flatMap(() => cells(null))],
    ...summary.rows.map((r) => [summary.pixels, r.eps, r.method, r.T ?? '', r.accuracy.n, r.accuracy.k, ...cells(r.accuracy), ...CLASS_NAMES.flatMap((name) => cells(r.flips[name]))]),
  ];
  return `${[header, ...rows].map((row) => row.join(',')).join('\n')}\n`;
}
