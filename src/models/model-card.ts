// What each model is, in sentences for its card: how much of the base it uses, where the weights
// come from, our head and its measured test accuracy. Pure (no tfjs): the page renders it.
import { withInterval, wilson } from '../experiment/statistics';
import { DATA_SETS, type DataSet } from '../data-sets';
import metrics from './heads/metrics.json' with { type: 'json' };
import type { AccuracyReport } from './metrics';
import { BASE_PROVENANCE, MODEL_SPECS, type ModelId } from './specs';

/** What `npm run train` measured of a head: per split, per data set. */
type Accuracy = Record<'train' | 'val' | 'test', Partial<Record<DataSet, AccuracyReport>>>;
const accuracyOf = (id: ModelId) => metrics.models[id].accuracy as Accuracy;
const rightOf = (r: AccuracyReport) => Math.round(r.accuracy * r.n);
const setsOf = (bySet: Accuracy['test']) => Object.entries(bySet) as [DataSet, AccuracyReport][];

/** What the worker tells the page about a loaded classifier. */
export interface ModelInfo {
  id: ModelId;
  title: string;
  role: string;
  /** Parameters actually used: the base up to its cut plus our head. */
  paramCount: number;
  /** Of those, the base's (the rest is the head). */
  baseParamsUsed: number;
  /** How many of the base's blocks (MODEL_SPECS[id].blockOutputs) the cut includes. */
  blocksUsed: number;
  cutLayer: string;
  featureSize: number;
}

export interface ModelCardFacts {
  base: string;
  weights: string;
  head: string;
  testAccuracy: string;
}

// One formatter: toLocaleString builds a new one on every call.
const { format: count } = new Intl.NumberFormat('en-US');

export function modelCardFacts(info: ModelInfo): ModelCardFacts {
  const spec = MODEL_SPECS[info.id];
  const { train, test } = accuracyOf(info.id);
  const share = ((info.baseParamsUsed / spec.baseParams) * 100).toFixed(1);
  const trainedOn = setsOf(train).map(([set, r]) => `${r.n} ${DATA_SETS[set].title}`).join(' and ');
  const tested = setsOf(test).map(([set, r]) => `${withInterval(wilson(rightOf(r), r.n))} on the ${r.n} ${DATA_SETS[set].title} (${rightOf(r)} right)`);
  return {
    base:
      `the stem and the first ${info.blocksUsed} of ${spec.title}'s ${spec.blockOutputs.length} ${spec.blockKind}, up to ${info.cutLayer}: ` +
      `${count(info.baseParamsUsed)} parameters, ${share} % of the base's ${count(spec.baseParams)}`,
    weights: BASE_PROVENANCE,
    head: `ours: Dense(2) on the ${info.featureSize} globally pooled features (${count(info.paramCount - info.baseParamsUsed)} parameters), trained on ${trainedOn}`,
    testAccuracy: `${tested.join('; ')} of the test split (95 % intervals)`,
  };
}
