// The committed results only the Experiment view shows (the lab's quotes are in ./index.ts): this
// module is in the view's own chunk, downloaded when a student opens it.
import type { DataSet } from '../../data-sets';
import type { ExperimentResults } from '../protocol';
import type { AttackResults } from '../attacks';
import type { DefenseResults } from '../defenses';
import attacks from './attacks.json' with { type: 'json' };
import defenses from './defenses.json' with { type: 'json' };
import fieldTestSplit from './field-test.json' with { type: 'json' };
import { COMMITTED_RESULTS } from './index';

/**
 * Each data set's committed results (`npm run experiment -- --set <data set>`); null where its full
 * run has not been committed yet (scripts/experiment.test.ts fails while a results file and this record disagree).
 */
export const COMMITTED_BY_SET: Record<DataSet, ExperimentResults | null> = { lab: COMMITTED_RESULTS, field: fieldTestSplit as ExperimentResults };

/** The stronger attacks on the lab photos' test split (`npm run attack-experiment`). */
export const COMMITTED_ATTACKS = attacks as AttackResults;

/** f behind each defense under the naive and the adaptive attack (`npm run defense-experiment`). */
export const COMMITTED_DEFENSES = defenses as DefenseResults;
