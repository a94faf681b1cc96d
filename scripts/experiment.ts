// `npm run experiment -- [--set lab|field] [--split test] [--eps 0,0.0025,…] [--T 1,10] [--limit N]
//                        [--data DIR] [--batch 4] [--backend wasm|cpu] [--out FILE] [--shard K/N] [--json]`
// f's accuracy against ε for black-box (made on g), random-noise and white-box images, through
// the lab's own attack code, on one data set (src/data-sets.ts; `--data DIR` reads another folder
// under the set's name). Resumable: finished batches are kept in .cache/experiment/ and a re-run
// with the same data set, settings, data and models skips them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { batchOutcomes } from '../src/experiment/outcomes.ts';
import { formatDuration, progressText } from '../src/experiment/progress.ts';
import { balancedSubset, batchesOf, conditionsOf, DEFAULT_PLAN, type ExperimentPlan, type ExperimentResults, type ImageOutcome } from '../src/experiment/protocol.ts';
import { withInterval } from '../src/experiment/statistics.ts';
import { interpret, summarize } from '../src/experiment/summary.ts';
import { RESULTS_FILES } from '../src/experiment/results/index.ts';
import { CLASS_NAMES } from '../src/config.ts';
import { DATA_SET_IDS, DATA_SETS, type DataSet } from '../src/data-sets.ts';
import type { HeadWeights } from '../src/models/head.ts';
import { headsFingerprint } from '../src/models/heads/fingerprint.ts';
import { HEADS } from '../src/models/heads/index.ts';
import type { ModelId } from '../src/models/specs.ts';
import { cliOptions } from './lib/args.ts';
import { dataFingerprint, listSplit, loadCanonical, SPLITS, type LeafImage } from './lib/leaves.ts';
import { loadClassifierNode } from './lib/load-models.ts';
import { setNodeBackend, type NodeBackend } from './lib/node-tf.ts';
import { appendLine, parseShard, readJsonLines, type Shard } from './lib/resume.ts';
import { dataSetDir, PROJECT_ROOT, RESULTS_DIR } from './lib/paths.ts';

/** The committed results of the full default run of a data set on its test split. */
export const committedResultsFile = (set: DataSet): string => path.join(RESULTS_DIR, RESULTS_FILES[set]);
const RESUME_DIR = path.join(PROJECT_ROOT, '.cache', 'experiment');

/** Every committed result keeps the heads that made it, so it can be re-run after a retraining. */
const headsArchive = (fingerprint: string) => path.join(RESULTS_DIR, 'heads', `${fingerprint}.json`);

export function headsOfResults(results: ExperimentResults): Record<ModelId, HeadWeights> {
  return JSON.parse(fs.readFileSync(headsArchive(results.heads), 'utf8')) as Record<ModelId, HeadWeights>;
}

export interface ExperimentOptions {
  /** The data set the photos in dataDir belong to (recorded in the results and the resume key). */
  dataSet: DataSet;
  split: string;
  plan: ExperimentPlan;
  dataDir: string;
  /** Balanced subset of this many images (all when absent). */
  limit?: number;
  batchSize: number;
  backend: NodeBackend;
  /** Where finished batches are kept for resuming; null: no resuming (tests recompute everything). */
  resumeDir?: string | null;
  /** Print progress lines (stderr). */
  log?: (line: string) => void;
  /** The heads to attack and judge with (default: the committed ones). */
  heads?: Record<ModelId, HeadWeights>;
}

const imageId = (image: LeafImage) => path.basename(image.file).replace(/\.\w+$/, '');

interface FinishedBatch {
  ids: string[];
  outcomes: string[];
  ms: number;
}

export async function runExperiment(options: ExperimentOptions, shard?: Shard): Promise<ExperimentResults> {
  const { dataSet, split, plan, dataDir, batchSize, backend, resumeDir = RESUME_DIR, log = () => {} } = options;
  await setNodeBackend(backend);
  const all = listSplit(dataDir, split);
  const images = options.limit ? balancedSubset(all, options.limit) : all;
  const manifestSha256 = dataFingerprint(dataDir);
  const resumeFile = resumeDir && path.join(resumeDir, `${runKey(options, images, manifestSha256)}.jsonl`);
  const finished = readFinished(resumeFile);
  const planned = batchesOf(images, batchSize);
  const mine = (i: number) => !shard || i % shard.count === shard.index;
  const isDone = (b: LeafImage[]) => finished.has(b.map(imageId).join(','));
  const toCompute = planned.filter((b, i) => mine(i) && !isDone(b)).flat().length;
  const resumed = planned.filter(isDone).flat().length;
  if (resumed) log(`resuming: ${resumed} images already done (${path.relative(PROJECT_ROOT, resumeFile!)})`);

  const heads = options.heads ?? HEADS;
  const f = await loadClassifierNode('inception_v3', heads.inception_v3);
  const g = await loadClassifierNode('mobilenet_v2', heads.mobilenet_v2);
  const started = Date.now();
  let computed = 0;
  const batches: FinishedBatch[] = [];
  try {
    for (const [i, batch] of planned.entries()) {
      const ids = batch.map(imageId);
      let result = finished.get(ids.join(','));
      if (!result && !mine(i)) continue;
      if (!result) {
        const t0 = Date.now();
        const x0 = tf.concat(batch.map((im) => loadCanonical(im.file))) as tf.Tensor4D;
        try {
          result = { ids, outcomes: await batchOutcomes({ f, g }, x0, batch[0].label, plan), ms: Date.now() - t0 };
        } finally {
          x0.dispose();
        }
        if (resumeFile) appendLine(resumeFile, JSON.stringify(result));
        computed += batch.length;
        log(progressText(computed, toCompute, Date.now() - started));
      }
      batches.push(result);
    }
  } finally {
    f.dispose();
    g.dispose();
  }
  const outcomes = new Map(batches.flatMap((b) => b.ids.map((id, i) => [id, b.outcomes[i]] as const)));
  const outcomeOf = (im: LeafImage): ImageOutcome => ({ id: imageId(im), label: im.label, species: im.species, outcomes: outcomes.get(imageId(im))! });
  const judged = planned.flat().filter((im) => outcomes.has(imageId(im))).map(outcomeOf);
  return {
    dataSet,
    split,
    plan,
    conditions: conditionsOf(plan),
    backend,
    batchSize,
    manifestSha256,
    models: { f: { id: 'inception_v3', cutLayer: heads.inception_v3.cutLayer }, g: { id: 'mobilenet_v2', cutLayer: heads.mobilenet_v2.cutLayer } },
    heads: headsFingerprint(heads),
    images: judged,
    summaries: { '8bit': summarize({ split, plan, images: judged }, '8bit'), float: summarize({ split, plan, images: judged }, 'float') },
    batches: batches.map(({ ids, ms }) => ({ ids, ms })),
    durationMs: batches.reduce((a, b) => a + b.ms, 0),
    createdAt: new Date().toISOString(),
  };
}

/** Everything that changes the outcomes; a resume file is only reused when all of it matches. */
function runKey(options: ExperimentOptions, images: LeafImage[], manifestSha256: string): string {
  const { dataSet, split, plan, batchSize, backend } = options;
  const fingerprint = JSON.stringify({ dataSet, split, plan, batchSize, backend, manifestSha256, heads: options.heads ?? HEADS, images: images.map(imageId) });
  return crypto.createHash('sha256').update(fingerprint).digest('hex').slice(0, 16);
}

function readFinished(file: string | null): Map<string, FinishedBatch> {
  return new Map(readJsonLines<FinishedBatch>(file).map((b) => [b.ids.join(','), b]));
}

const numberList = (text: string, name: string) =>
  text.split(',').map((s) => {
    const v = Number(s);
    if (s.trim() === '' || !Number.isFinite(v) || v < 0) throw new Error(`--${name}: "${s}" is not a non-negative number`);
    return v;
  });

async function main() {
  const opts = cliOptions({
    set: { type: 'string', default: 'lab' },
    split: { type: 'string', default: 'test' },
    eps: { type: 'string', default: DEFAULT_PLAN.epsilons.join(',') },
    T: { type: 'string', default: DEFAULT_PLAN.iterations.join(',') },
    limit: { type: 'string' },
    data: { type: 'string' },
    batch: { type: 'string', default: '4' },
    backend: { type: 'string', default: 'wasm' },
    out: { type: 'string' },
    shard: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (!(DATA_SET_IDS as readonly string[]).includes(opts.set!)) throw new Error(`--set must be one of ${DATA_SET_IDS.join(', ')}`);
  const dataSet = opts.set as DataSet;
  if (!(SPLITS as readonly string[]).includes(opts.split!)) throw new Error(`--split must be one of ${SPLITS.join(', ')}`);
  if (opts.backend !== 'wasm' && opts.backend !== 'cpu') throw new Error('--backend must be wasm or cpu');
  const iterations = numberList(opts.T!, 'T');
  if (iterations.some((T) => !Number.isInteger(T) || T < 1)) throw new Error('--T: iteration counts are whole numbers ≥ 1');
  const plan: ExperimentPlan = { ...DEFAULT_PLAN, epsilons: numberList(opts.eps!, 'eps'), iterations };
  const limit = opts.limit === undefined ? undefined : Number(opts.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new Error('--limit must be a whole number ≥ 1');
  const batchSize = Number(opts.batch);
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new Error('--batch must be a whole number ≥ 1');

  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  const results = await runExperiment({
    dataSet,
    split: opts.split!,
    plan,
    dataDir: opts.data ? path.resolve(opts.data) : dataSetDir(dataSet),
    limit,
    batchSize,
    backend: opts.backend,
    log: (line) => process.stderr.write(`experiment: ${line}\n`),
  }, shard);
  if (shard) {
    process.stderr.write(`experiment: shard ${opts.shard} done; once every shard is, run the same command without --shard to collect the results\n`);
    return;
  }
  const isDefaultRun = opts.split === 'test' && limit === undefined && JSON.stringify(plan) === JSON.stringify(DEFAULT_PLAN);
  const out = opts.out ?? (isDefaultRun ? committedResultsFile(dataSet) : path.join(RESUME_DIR, `results-${dataSet}-${opts.split}.json`));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 1)}\n`);
  if (out === committedResultsFile(dataSet)) fs.writeFileSync(headsArchive(results.heads), `${JSON.stringify(HEADS)}\n`);
  process.stderr.write(`experiment: ${results.images.length} ${dataSet} images in ${formatDuration(results.durationMs)} of computing → ${path.relative(process.cwd(), out)}\n`);

  const summary = results.summaries['8bit'];
  if (opts.json) {
    console.log(JSON.stringify(summary));
    return;
  }
  console.log(`${DATA_SETS[dataSet].title}: f on the 8-bit images the lab shows (95 % intervals in brackets; float iterates in ${path.relative(process.cwd(), out)}):`);
  console.log(`clean    f accuracy ${withInterval(summary.clean)}, g ${withInterval(summary.cleanSubstitute)}`);
  for (const r of summary.rows) {
    const flips = CLASS_NAMES.map((name) => `${name}→other ${withInterval(r.flips[name])}`).join(', ');
    console.log(`${r.method.padEnd(9)} ε=${String(r.eps).padEnd(6)} T=${String(r.T ?? '-').padEnd(3)} f accuracy ${withInterval(r.accuracy)}; ${flips}`);
  }
  for (const s of summary.substitute) console.log(`g on its own black-box images ε=${s.eps} T=${s.T}: ${withInterval(s.accuracy)}`);
  for (const sentence of interpret(summary, plan)) console.log(sentence);
}

if (process.argv[1]?.endsWith('experiment.ts')) await main();
