// `npm run evaluate [-- --data DIR ... --model ID --split S --json]`
// Recomputes, from the image files and through the code the browser runs (same model files, same
// head, same preprocessing, same forward pass), every figure `npm run train` committed to
// metrics.json: each model's accuracy on each split of each data set, and how often f's
// out-of-world notice fires. Prints each figure beside the committed one; exits 1 if any differs.
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../src/models/classifier.ts';
import { OUT_OF_WORLD } from '../src/models/heads/index.ts';
import metrics from '../src/models/heads/metrics.json' with { type: 'json' };
import { reportsBySet, type SetReport } from '../src/models/metrics.ts';
import { outOfWorldScore } from '../src/models/out-of-world.ts';
import { MODEL_IDS, type ModelId } from '../src/models/specs.ts';
import { wilson, type Proportion } from '../src/experiment/statistics.ts';
import { cliOptions } from './lib/args.ts';
import { listSources, loadCanonical, SPLITS, type DataSource, type LeafImage } from './lib/leaves.ts';
import { loadClassifierNode } from './lib/load-models.ts';
import { nonLeafImages } from './lib/non-leaves.ts';
import { setNodeBackend, yieldToEventLoop, type NodeBackend } from './lib/node-tf.ts';
import { dataSources } from './lib/paths.ts';

interface Judged {
  predicted: number;
  /** Whether f's out-of-world notice fires (f only). */
  outside: boolean | null;
}

async function judgeFiles(classifier: Classifier, files: string[]): Promise<Judged[]> {
  const withNotice = classifier.spec.id === 'inception_v3';
  const judged: Judged[] = [];
  for (const file of files) {
    const [features, logits] = tf.tidy(() => {
      const x = loadCanonical(file);
      const pooled = classifier.features(x);
      return [pooled.dataSync(), classifier.logitsOfFeatures(pooled).dataSync()];
    });
    judged.push({ predicted: logits[0] >= logits[1] ? 0 : 1, outside: withNotice ? outOfWorldScore(OUT_OF_WORLD, features) > OUT_OF_WORLD.threshold : null });
    await yieldToEventLoop();
  }
  return judged;
}

export interface SplitEvaluation {
  accuracy: Record<string, SetReport>;
  /** f only: share of photos of each data set on which the notice fires. */
  fires: Record<string, Proportion> | null;
  misclassified: string[];
}

function firesBySet(photos: LeafImage[], judged: Judged[]): Record<string, Proportion> {
  const sets = [...new Set(photos.map((p) => p.dataSet))];
  return Object.fromEntries(sets.map((set) => {
    const mine = judged.filter((_, i) => photos[i].dataSet === set);
    return [set, wilson(mine.filter((j) => j.outside).length, mine.length)];
  }));
}

export async function evaluateSplit(id: ModelId, split: string, sources: DataSource[], backend: NodeBackend = 'wasm'): Promise<SplitEvaluation> {
  await setNodeBackend(backend);
  const classifier = await loadClassifierNode(id);
  try {
    const photos = listSources(sources, split);
    const judged = await judgeFiles(classifier, photos.map((p) => p.file));
    return {
      accuracy: reportsBySet(photos.map((p, i) => ({ species: p.species, label: p.label, dataSet: p.dataSet, predicted: judged[i].predicted }))),
      fires: id === 'inception_v3' ? firesBySet(photos, judged) : null,
      misclassified: photos.filter((p, i) => judged[i].predicted !== p.label).map((p) => p.file),
    };
  } finally {
    classifier.dispose();
  }
}

/** Whether f's notice fires on each made-up image that is not a leaf. */
export async function evaluateNonLeaves(backend: NodeBackend = 'wasm'): Promise<{ name: string; fired: boolean }[]> {
  await setNodeBackend(backend);
  const f = await loadClassifierNode('inception_v3');
  try {
    const images = nonLeafImages();
    const judged = await judgeFiles(f, images.map((i) => i.file));
    return images.map((image, i) => ({ name: image.name, fired: judged[i].outside! }));
  } finally {
    f.dispose();
  }
}

type Committed = { accuracy: Record<string, Record<string, SetReport>>; outOfWorld?: { fires: Record<string, unknown> } };
const committedOf = (id: ModelId) => (metrics.models as unknown as Record<ModelId, Committed>)[id];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const rate = (p: Proportion) => `${p.k}/${p.n}`;

async function main() {
  const opts = cliOptions({
    model: { type: 'string' },
    split: { type: 'string' },
    data: { type: 'string', multiple: true },
    backend: { type: 'string', default: 'wasm' },
    json: { type: 'boolean', default: false },
  });
  const ids = opts.model ? [opts.model as ModelId] : MODEL_IDS;
  if (!ids.every((id) => MODEL_IDS.includes(id))) throw new Error(`--model must be one of ${MODEL_IDS.join(', ')}`);
  const splits = opts.split ? [opts.split] : [...SPLITS];
  if (!splits.every((s) => (SPLITS as readonly string[]).includes(s))) throw new Error(`--split must be one of ${SPLITS.join(', ')}`);
  if (opts.backend !== 'wasm' && opts.backend !== 'cpu') throw new Error('--backend must be wasm or cpu');
  const sources = dataSources(opts.data);
  let differs = 0;
  const check = (label: string, value: unknown, committed: unknown, shown: string) => {
    const ok = same(value, committed);
    if (!ok) differs++;
    if (!opts.json) console.log(`${ok ? '=' : '≠'} ${label}: ${shown}${ok ? '' : ` (committed: ${JSON.stringify(committed)})`}`);
  };
  for (const id of ids) {
    for (const split of splits) {
      const result = await evaluateSplit(id, split, sources, opts.backend);
      if (opts.json) console.log(JSON.stringify({ model: id, split, accuracy: result.accuracy, fires: result.fires }));
      for (const [set, report] of Object.entries(result.accuracy)) {
        check(`${id} ${split} ${set} accuracy`, report, committedOf(id).accuracy[split]?.[set], `${rate(report.interval)} right, ${(report.accuracy * 100).toFixed(1)} % [${(report.interval.low * 100).toFixed(1)}, ${(report.interval.high * 100).toFixed(1)}]`);
      }
      if (result.fires && split !== 'train') {
        for (const [set, fired] of Object.entries(result.fires)) {
          check(`f's notice fires on ${split} ${set}`, fired, (committedOf(id).outOfWorld?.fires[split] as Record<string, unknown> | undefined)?.[set], rate(fired));
        }
      }
    }
    if (id === 'inception_v3') {
      const nonLeaves = await evaluateNonLeaves(opts.backend);
      if (opts.json) console.log(JSON.stringify({ model: id, nonLeaves }));
      check("f's notice on images that are not leaves", nonLeaves, committedOf(id).outOfWorld?.fires.nonLeaves, nonLeaves.map((n) => `${n.name} ${n.fired ? 'fires' : 'silent'}`).join(', '));
    }
  }
  if (differs) {
    console.error(`evaluate: ${differs} figure(s) differ from src/models/heads/metrics.json`);
    process.exit(1);
  }
}

if (process.argv[1]?.endsWith('evaluate.ts')) await main();
