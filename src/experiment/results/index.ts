// The committed results the lab quotes: `npm run experiment` on the lab photos' test split and
// `npm run defense-cost`. The Experiment view's other results are in ./experiment-view.ts, a chunk
// of its own that the lab never downloads.
import type { DataSet } from '../../data-sets';
import metrics from '../../models/heads/metrics.json' with { type: 'json' };
import type { ExperimentResults } from '../protocol';
import type { CleanCostResults } from '../../defense/clean-cost';
import defenseClean from './defense-clean.json' with { type: 'json' };
import labTestSplit from './test.json' with { type: 'json' };

/**
 * The file each data set's full default run writes, in this folder. The lab photos keep test.json,
 * the name they had before there was a second data set (so its history stays one file).
 */
export const RESULTS_FILES: Record<DataSet, string> = { lab: 'test.json', field: 'field-test.json' };

/** Runs before there was a second data set recorded none: those were on the lab photos. */
const withDataSet = (results: Omit<ExperimentResults, 'dataSet'> & { dataSet?: DataSet }): ExperimentResults => ({ ...results, dataSet: results.dataSet ?? 'lab' });

/** The lab photos' results: what the lab's explanation quotes. */
export const COMMITTED_RESULTS: ExperimentResults = withDataSet(labTestSplit as Omit<ExperimentResults, 'dataSet'>);

/** Whether results were made with the heads the lab runs now (training records their fingerprint). */
const madeWithCurrentHeads = (results: { heads: string }): boolean => results.heads === metrics.heads;

/** A caveat for results made with earlier heads than the lab's: the page shows it beside them. */
export function earlierHeadsNote(results: { heads: string }): string | null {
  return madeWithCurrentHeads(results)
    ? null
    : 'These results were made with the earlier heads (trained on lab photos only, before both models were retrained on lab and field photos); they are not yet re-run with the heads the lab uses now.';
}

/** What each defense costs f on clean test photos (`npm run defense-cost`); the lab quotes it on the defender's move. */
export const DEFENSE_CLEAN_COST = defenseClean as CleanCostResults;
