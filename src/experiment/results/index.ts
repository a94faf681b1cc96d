// The committed results of `npm run experiment` on the full test split: the Experiment view shows
// them at once, before any model has loaded.
import type { ExperimentResults } from '../protocol';
import testSplit from './test.json' with { type: 'json' };

export const COMMITTED_RESULTS = testSplit as ExperimentResults;
