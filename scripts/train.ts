// `npm run train`: transfer learning as in the course. Each base is frozen; we extract globally
// average-pooled features at a few candidate layers, train a Dense(2) softmax head per candidate
// and L2 strength on the train split, pick the cut by validation accuracy, and report test accuracy
// once for the chosen head. Writes src/models/heads/<id>.json and src/models/heads/metrics.json.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { CLASS_NAMES } from '../src/config.ts';
import { loadBaseArtifacts } from '../src/models/artifacts.ts';
import { planFromArtifacts } from '../src/models/classifier.ts';
import { forwardAll } from '../src/models/executor.ts';
import type { HeadWeights } from '../src/models/head.ts';
import { accuracyReport, type AccuracyReport } from '../src/models/metrics.ts';
import { toModelInput } from '../src/models/preprocess.ts';
import { MODEL_IDS, MODEL_SPECS, type ModelId } from '../src/models/specs.ts';
import { cliOptions } from './lib/args.ts';
import { dataFingerprint, listSplit, loadCanonical, SPLITS, type LeafImage, type Split } from './lib/leaves.ts';
import { publicSource, setNodeBackend } from './lib/node-tf.ts';
import { HEADS_DIR, PROJECT_ROOT, leavesDir } from './lib/paths.ts';
import { fitSoftmaxHead, type Standardised, standardise } from './lib/softmax-head.ts';

const L2_GRID = [1e-3, 1e-2, 1e-1];
/** Geometric views of a photo that cannot change a leaf's class. */
const VIEWS = {
  original: (x: tf.Tensor4D) => x,
  mirrored: (x: tf.Tensor4D) => tf.reverse(x, 2),
  flipped: (x: tf.Tensor4D) => tf.reverse(x, 1),
  transposed: (x: tf.Tensor4D) => tf.transpose(x, [0, 2, 1, 3]),
};
type View = keyof typeof VIEWS;
/** Training-set augmentations compared by validation accuracy: which views of each photo to train on. */
const AUGMENTATIONS: Record<string, View[]> = {
  none: ['original'],
  mirror: ['original', 'mirrored'],
  dihedral: ['original', 'mirrored', 'flipped', 'transposed'],
};

interface SplitFeatures {
  images: LeafImage[];
  /** cut layer → one feature row per image */
  byCut: Record<string, number[][]>;
}

/** Features of every image of a split at every candidate cut (cached on disk: extraction is the slow part). */
async function extractFeatures(id: ModelId, images: LeafImage[], cacheFile: string, view: View): Promise<Record<string, number[][]>> {
  if (fs.existsSync(cacheFile)) return JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as Record<string, number[][]>;
  const spec = MODEL_SPECS[id];
  const cuts = spec.candidateCuts;
  const plan = planFromArtifacts(await loadBaseArtifacts(id, publicSource()), cuts[cuts.length - 1]);
  const byCut: Record<string, number[][]> = Object.fromEntries(cuts.map((c) => [c, []]));
  const start = Date.now();
  images.forEach((image, i) => {
    const rows = tf.tidy(() => {
      const x = loadCanonical(image.file);
      const acts = forwardAll(plan, toModelInput(VIEWS[view](x), spec.inputSize));
      return cuts.map((c) => tf.mean(acts[plan.nodeOf.get(c)!], [1, 2]).arraySync() as number[][]);
    });
    cuts.forEach((c, k) => byCut[c].push(rows[k][0]));
    if (i % 50 === 49) process.stderr.write(`  ${id}: ${i + 1}/${images.length} images, ${((Date.now() - start) / (i + 1)).toFixed(0)} ms each\n`);
  });
  fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
  fs.writeFileSync(cacheFile, JSON.stringify(byCut));
  return byCut;
}

function featureCache(id: ModelId, split: Split, view: View, fingerprint: string): string {
  const cuts = MODEL_SPECS[id].candidateCuts.join('+');
  return path.join(PROJECT_ROOT, '.cache', 'features', `${id}-${split}-${view}-${cuts}-${fingerprint.slice(0, 12)}.json`);
}

function evaluateHead(head: Standardised, features: number[][], images: LeafImage[]): AccuracyReport {
  const predicted = tf.tidy(() => tf.argMax(head.logits(tf.tensor2d(features)), 1).arraySync() as number[]);
  return accuracyReport(images.map((im, i) => ({ species: im.species, label: im.label, predicted: predicted[i] })));
}

async function trainModel(id: ModelId, dataDir: string, fingerprint: string, seed: number) {
  const data = {} as Record<Split, SplitFeatures>;
  for (const split of SPLITS) {
    const images = listSplit(dataDir, split);
    await setNodeBackend('wasm');
    data[split] = { images, byCut: await extractFeatures(id, images, featureCache(id, split, 'original', fingerprint), 'original') };
  }
  const trainViews = {} as Record<View, Record<string, number[][]>>;
  for (const view of Object.keys(VIEWS) as View[]) {
    trainViews[view] = view === 'original' ? data.train.byCut : await extractFeatures(id, data.train.images, featureCache(id, 'train', view, fingerprint), view);
  }
  await setNodeBackend('cpu'); // small dense training: cpu is exact and deterministic
  const labels = data.train.images.map((im) => im.label);
  const selection: { cut: string; l2: number; augmentation: string; val: number; train: number }[] = [];
  let best: { cut: string; l2: number; augmentation: string; head: Standardised; val: number } | null = null;
  for (const cut of MODEL_SPECS[id].candidateCuts) {
    for (const [augmentation, views] of Object.entries(AUGMENTATIONS)) {
      const x = views.flatMap((v) => trainViews[v][cut]);
      const y = views.flatMap(() => labels);
      for (const l2 of L2_GRID) {
        const head = standardise(fitSoftmaxHead(x, y, { l2, seed }));
        const val = evaluateHead(head, data.val.byCut[cut], data.val.images).accuracy;
        const train = evaluateHead(head, data.train.byCut[cut], data.train.images).accuracy;
        selection.push({ cut, l2, augmentation, val, train });
        console.error(`  ${id} ${cut} ${augmentation} l2=${l2}: train ${train.toFixed(3)} val ${val.toFixed(3)}`);
        if (!best || val > best.val) best = { cut, l2, augmentation, head, val };
        else head.dispose();
      }
    }
  }
  const { cut, l2, augmentation, head } = best!;
  const accuracy = Object.fromEntries(SPLITS.map((s) => [s, evaluateHead(head, data[s].byCut[cut], data[s].images)])) as Record<Split, AccuracyReport>;
  const weights: HeadWeights = { model: id, cutLayer: cut, featureSize: data.train.byCut[cut][0].length, ...head.folded() };
  head.dispose();
  return { weights, metrics: { cutLayer: cut, l2, augmentation, selection, accuracy } };
}

async function main() {
  const opts = cliOptions({ data: { type: 'string' }, seed: { type: 'string', default: '1' }, model: { type: 'string' } });
  const dataDir = leavesDir(opts.data);
  const seed = Number(opts.seed);
  const fingerprint = dataFingerprint(dataDir);
  const ids = opts.model ? [opts.model as ModelId] : MODEL_IDS;
  const metricsFile = path.join(HEADS_DIR, 'metrics.json');
  const metrics = fs.existsSync(metricsFile) ? JSON.parse(fs.readFileSync(metricsFile, 'utf8')) : { models: {} };
  for (const id of ids) {
    const started = Date.now();
    const { weights, metrics: m } = await trainModel(id, dataDir, fingerprint, seed);
    fs.writeFileSync(path.join(HEADS_DIR, `${id}.json`), JSON.stringify(weights) + '\n');
    metrics.models[id] = { ...m, trainingSeconds: Math.round((Date.now() - started) / 1000) };
    const a = m.accuracy;
    console.log(`${id}: cut ${m.cutLayer}, l2 ${m.l2}: train ${a.train.accuracy.toFixed(4)} val ${a.val.accuracy.toFixed(4)} test ${a.test.accuracy.toFixed(4)}`);
  }
  Object.assign(metrics, { classes: CLASS_NAMES, seed, dataManifestSha256: fingerprint });
  fs.writeFileSync(metricsFile, JSON.stringify(metrics, null, 1) + '\n');
}

await main();
