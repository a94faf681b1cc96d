// `npm run train [-- --data DIR ... --model ID --seed N]`: transfer learning as in the course, on
// both worlds (lab and field photos). Each base is frozen; we pool the output of several candidate
// cuts, train a Dense(2) softmax head per cut, augmentation, weighting of the data sets and L2 on
// the train splits, and pick the one with the best mean validation accuracy over the data sets
// (so the small field set counts as much as the lab set). The test splits are read only after
// the choice, to report it. For f, also fits the out-of-world score and picks its threshold on
// validation. Writes src/models/heads/<id>.json, out-of-world.json and metrics.json, then has
// decode-models cut the page's bases again at the layers now chosen. Reads the whole bases.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLASS_NAMES } from '../src/config.ts';
import { wilson } from '../src/experiment/statistics.ts';
import type { HeadWeights } from '../src/models/head.ts';
import { headsFingerprint } from '../src/models/heads/fingerprint.ts';
import { reportsBySet } from '../src/models/metrics.ts';
import { outOfWorldScore, thresholdPassing, type OutOfWorldModel } from '../src/models/out-of-world.ts';
import { MODEL_IDS, MODEL_SPECS, type ModelId, type ModelSpec } from '../src/models/specs.ts';
import { foldIntoProjection } from '../src/models/tuned-projection.ts';
import { loadBaseArtifacts } from '../src/models/artifacts.ts';
import { planFromArtifacts } from '../src/models/classifier.ts';
import { disposePlan, projectionBlock } from '../src/models/graph.ts';
import { VIEWS, type View } from './lib/augment.ts';
import { cliOptions } from './lib/args.ts';
import { extractFeatures, type FeatureJob, type FeaturesByCut } from './lib/features.ts';
import { fitOutOfWorld } from './lib/fit-out-of-world.ts';
import { dataFingerprint, listSources, SPLITS, type DataSource, type LeafImage } from './lib/leaves.ts';
import { nonLeafImages } from './lib/non-leaves.ts';
import { wholeBaseSource } from './lib/node-tf.ts';
import { dataSources, HEADS_DIR } from './lib/paths.ts';
import { fitSoftmaxHead, foldedHead, headLogits, type SoftmaxHead } from './lib/softmax-head.ts';
import { seededRandom } from '../src/seeded-random.ts';

const L2_GRID = [1e-3, 1e-2, 1e-1];
/** Which views of the training photos each candidate trains on. */
const AUGMENTATIONS: Record<string, readonly View[]> = {
  none: ['original'],
  mirror: ['original', 'mirrored'],
  ...Object.fromEntries((['crop', 'jitter', 'blur', 'rotated', 'composite'] as const).map((v) => [`mirror+${v}`, ['original', 'mirrored', v]])),
  all: VIEWS,
};
/** How much each photo counts: as it comes, or every (data set, class) cell with the same total weight, or in between. */
const WEIGHTINGS = ['natural', 'sqrt-balanced', 'balanced'] as const;
type Weighting = (typeof WEIGHTINGS)[number];
/** Random views drawn per photo: the small field set gets more; of the lab set, one photo in four gets one (and one in two a composite). */
const DRAWS_PER_FIELD_PHOTO = 2;
const LAB_SHARE_DRAWN = 4;
/** Validation photos of every data set that the out-of-world notice must let pass. */
const OUT_OF_WORLD_PASS = 0.95;
const OUT_OF_WORLD_COMPONENTS = 32;

interface Row {
  photo: LeafImage;
  view: View;
}

function hashSeed(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** The training rows of every view, with the jobs that compute their features. */
function trainingRows(photos: LeafImage[], seed: number): Map<View, { rows: Row[]; jobs: FeatureJob[] }> {
  const pick = seededRandom(seed);
  const backgrounds = photos.filter((p) => p.dataSet !== 'lab' && p.label === 0);
  const drawnLab = photos.filter((p, i) => p.dataSet === 'lab' && i % LAB_SHARE_DRAWN === 0);
  const others = photos.filter((p) => p.dataSet !== 'lab');
  const random: Row[] = [...drawnLab, ...others.flatMap((p) => Array(DRAWS_PER_FIELD_PHOTO).fill(p))].map((photo) => ({ photo, view: 'original' }));
  const byView = new Map<View, { rows: Row[]; jobs: FeatureJob[] }>();
  for (const view of VIEWS) {
    const photosOfView = view === 'original' || view === 'mirrored' ? photos.map((photo) => ({ photo, view })) : view === 'composite' ? photos.filter((p, i) => p.dataSet === 'lab' && i % 2 === 0 && backgrounds.length).map((photo) => ({ photo, view })) : random.map((r) => ({ ...r, view }));
    const jobs = photosOfView.map(({ photo }, i) => ({
      file: photo.file,
      view,
      // Views without random draws share their features with the plain photo's (cache). The draw
      // is named by the photo's set and file name, not its path, so any checkout draws the same.
      seed: view === 'original' || view === 'mirrored' ? 0 : hashSeed(`${seed}|${view}|${i}|${photo.dataSet}/${path.basename(photo.file)}`),
      ...(view === 'composite' ? { background: backgrounds[Math.floor(pick() * backgrounds.length)].file } : {}),
    }));
    byView.set(view, { rows: photosOfView, jobs });
  }
  return byView;
}

/** Per-row weights: each (data set, class) cell's total weight ∝ its size^(1 − power). */
function rowWeights(rows: Row[], weighting: Weighting): number[] {
  const power = { natural: 0, 'sqrt-balanced': 0.5, balanced: 1 }[weighting];
  const cell = (r: Row) => `${r.photo.dataSet}|${r.photo.label}`;
  const sizes = new Map<string, number>();
  for (const r of rows) sizes.set(cell(r), (sizes.get(cell(r)) ?? 0) + 1);
  const raw = rows.map((r) => sizes.get(cell(r))! ** -power);
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  return raw.map((w) => w / mean);
}

const predictions = (head: SoftmaxHead, features: ArrayLike<number>[]) => features.map((f) => { const [a, b] = headLogits(head, f); return a >= b ? 0 : 1; });

/** Accuracy on each data set, with its 95 % interval. */
const reportBySet = (photos: LeafImage[], predicted: number[]) => reportsBySet(photos.map((p, i) => ({ species: p.species, label: p.label, dataSet: p.dataSet, predicted: predicted[i] })));

const meanOver = (bySet: Record<string, { accuracy: number }>) => Object.values(bySet).reduce((s, r) => s + r.accuracy, 0) / Object.keys(bySet).length;

type Projection = 'frozen' | 'trained';

interface Candidate {
  cut: string;
  /** Whether the head was trained together with the projection of the block that ends at the cut. */
  projection: Projection;
  augmentation: string;
  weighting: Weighting;
  l2: number;
  val: Record<string, number>;
  valMean: number;
}

/** What a head may read: each candidate cut of the frozen base, and each tunable cut with its projection trained. */
const headInputs = (spec: ModelSpec): { cut: string; projection: Projection }[] => [
  ...spec.candidateCuts.map((cut) => ({ cut, projection: 'frozen' as const })),
  ...Object.keys(spec.tunableCuts ?? {}).map((cut) => ({ cut, projection: 'trained' as const })),
];

/** The head's input rows: the cut's pooled output, or the pooled block input and depthwise output side by side. */
function headRows(spec: ModelSpec, byLayer: FeaturesByCut, cut: string, projection: Projection): Float32Array[] {
  if (projection === 'frozen') return byLayer[cut];
  const { residual, projected } = spec.tunableCuts![cut];
  return byLayer[residual].map((r, i) => {
    const row = new Float32Array(r.length + byLayer[projected][i].length);
    row.set(r);
    row.set(byLayer[projected][i], r.length);
    return row;
  });
}

/** The chosen head as the browser applies it: on the cut's pooled output, with the projection's update folded in where it was trained. */
async function shippedWeights(id: ModelId, cut: string, projection: Projection, head: SoftmaxHead): Promise<HeadWeights> {
  const folded = foldedHead(head);
  if (projection === 'frozen') return { model: id, cutLayer: cut, featureSize: head.mean.length, ...folded };
  const tunable = MODEL_SPECS[id].tunableCuts![cut];
  const plan = planFromArtifacts(await loadBaseArtifacts(id, wholeBaseSource()), cut);
  try {
    const block = projectionBlock(plan, tunable.projection);
    const { head: onCut, update } = foldIntoProjection(folded, block);
    return { model: id, cutLayer: cut, featureSize: block.scale.length, ...onCut, projectionUpdate: update };
  } finally {
    disposePlan(plan);
  }
}

/** Fits every candidate on train and picks by validation: reads only the train and val photos. */
export async function selectHead(id: ModelId, sources: DataSource[], seed: number, log: (line: string) => void) {
  const train = listSources(sources, 'train');
  const val = listSources(sources, 'val');
  const byView = trainingRows(train, seed);
  const valJobs: FeatureJob[] = val.map((p) => ({ file: p.file, view: 'original', seed: 0 }));
  const views = [...byView.keys()];
  const [valFeatures, ...viewFeatures] = await extractFeatures(id, [valJobs, ...views.map((v) => byView.get(v)!.jobs)], log);
  const featuresOf = new Map(views.map((v, i) => [v, viewFeatures[i]]));
  const candidates: Candidate[] = [];
  let best: { candidate: Candidate; head: SoftmaxHead } | null = null;
  for (const { cut, projection } of headInputs(MODEL_SPECS[id])) {
    const rowsAt = (byLayer: FeaturesByCut) => headRows(MODEL_SPECS[id], byLayer, cut, projection);
    for (const [augmentation, used] of Object.entries(AUGMENTATIONS)) {
      const rows = used.flatMap((v) => byView.get(v)!.rows);
      const x = used.flatMap((v) => rowsAt(featuresOf.get(v)!));
      for (const weighting of WEIGHTINGS) {
        const weights = rowWeights(rows, weighting);
        for (const l2 of L2_GRID) {
          const head = fitSoftmaxHead(x, rows.map((r) => r.photo.label), { l2, seed, weights });
          const bySet = reportBySet(val, predictions(head, rowsAt(valFeatures)));
          const candidate = { cut, projection, augmentation, weighting, l2, val: Object.fromEntries(Object.entries(bySet).map(([s, r]) => [s, r.accuracy])), valMean: meanOver(bySet) };
          candidates.push(candidate);
          log(`  ${id} ${cut} (projection ${projection}) ${augmentation} ${weighting} l2=${l2}: val ${Object.entries(candidate.val).map(([s, a]) => `${s} ${a.toFixed(3)}`).join(', ')}`);
          // Ties keep the earlier (simpler) candidate.
          if (!best || candidate.valMean > best.candidate.valMean) best = { candidate, head };
        }
      }
    }
  }
  const { candidate, head } = best!;
  const used = AUGMENTATIONS[candidate.augmentation];
  const rowsAt = (byLayer: FeaturesByCut) => headRows(MODEL_SPECS[id], byLayer, candidate.cut, candidate.projection);
  const trainFeatures = used.flatMap((v) => rowsAt(featuresOf.get(v)!));
  const trainLabels = used.flatMap((v) => byView.get(v)!.rows.map((r) => r.photo.label));
  return { candidate, candidates, head, rowsAt, val, valFeatures: rowsAt(valFeatures), trainFeatures, trainLabels };
}

/** The out-of-world score fitted on f's training features, its threshold chosen on validation. */
function fitNotice(selected: Awaited<ReturnType<typeof selectHead>>): OutOfWorldModel {
  const fitted = fitOutOfWorld(selected.trainFeatures, selected.trainLabels, OUT_OF_WORLD_COMPONENTS);
  const scores = selected.valFeatures.map((f) => outOfWorldScore(fitted, f));
  const groups = [...new Set(selected.val.map((p) => p.dataSet))].map((set) => scores.filter((_, i) => selected.val[i].dataSet === set));
  return { cutLayer: selected.candidate.cut, ...fitted, threshold: thresholdPassing(groups, OUT_OF_WORLD_PASS), pass: OUT_OF_WORLD_PASS };
}

/** How often the notice fires on each split of each data set and on images that are not leaves. */
async function noticeRates(notice: OutOfWorldModel, cut: string, sources: DataSource[], log: (line: string) => void) {
  const fires = (features: ArrayLike<number>[]) => features.map((f) => outOfWorldScore(notice, f) > notice.threshold);
  const splits = ['val', 'test'] as const;
  const photos = splits.map((s) => listSources(sources, s));
  const nonLeaves = nonLeafImages();
  const extracted = await extractFeatures('inception_v3', [...photos.map((ps) => ps.map((p) => ({ file: p.file, view: 'original' as const, seed: 0 }))), nonLeaves.map((n) => ({ file: n.file, view: 'original' as const, seed: 0 }))], log);
  const rates = Object.fromEntries(splits.map((split, k) => {
    const fired = fires(extracted[k][cut]);
    const sets = [...new Set(photos[k].map((p) => p.dataSet))];
    return [split, Object.fromEntries(sets.map((set) => {
      const mine = fired.filter((_, i) => photos[k][i].dataSet === set);
      return [set, wilson(mine.filter(Boolean).length, mine.length)];
    }))];
  }));
  const nonLeafFired = fires(extracted[splits.length][cut]);
  return { ...rates, nonLeaves: nonLeaves.map((n, i) => ({ name: n.name, fired: nonLeafFired[i] })) };
}

async function trainModel(id: ModelId, sources: DataSource[], seed: number, log: (line: string) => void) {
  const selected = await selectHead(id, sources, seed, log);
  const { candidate, head } = selected;
  // Only now, with the head chosen, are the test photos read: to report it.
  const accuracy: Record<string, ReturnType<typeof reportBySet>> = {};
  for (const split of SPLITS) {
    const photos = listSources(sources, split);
    const [features] = await extractFeatures(id, [photos.map((p) => ({ file: p.file, view: 'original', seed: 0 }))], log);
    accuracy[split] = reportBySet(photos, predictions(head, selected.rowsAt(features)));
  }
  const weights = await shippedWeights(id, candidate.cut, candidate.projection, head);
  const notice = id === 'inception_v3' ? fitNotice(selected) : null;
  const outOfWorld = notice && { threshold: notice.threshold, pass: notice.pass, components: OUT_OF_WORLD_COMPONENTS, fires: await noticeRates(notice, candidate.cut, sources, log) };
  return { weights, notice, metrics: { ...candidate, selection: selected.candidates, accuracy, ...(outOfWorld ? { outOfWorld } : {}) } };
}

async function main() {
  const opts = cliOptions({ data: { type: 'string', multiple: true }, seed: { type: 'string', default: '1' }, model: { type: 'string' } });
  const sources = dataSources(opts.data);
  const seed = Number(opts.seed);
  const ids = opts.model ? [opts.model as ModelId] : MODEL_IDS;
  const metricsFile = path.join(HEADS_DIR, 'metrics.json');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  for (const id of ids) {
    const started = Date.now();
    const { weights, notice, metrics: m } = await trainModel(id, sources, seed, log);
    fs.writeFileSync(path.join(HEADS_DIR, `${id}.json`), JSON.stringify(weights) + '\n');
    if (notice) fs.writeFileSync(path.join(HEADS_DIR, 'out-of-world.json'), JSON.stringify(notice) + '\n');
    // Read just before writing: another model's training may have finished meanwhile.
    const metrics = fs.existsSync(metricsFile) ? JSON.parse(fs.readFileSync(metricsFile, 'utf8')) : { models: {} };
    metrics.models[id] = { ...m, trainingSeconds: Math.round((Date.now() - started) / 1000) };
    const heads = Object.fromEntries(MODEL_IDS.map((m) => [m, JSON.parse(fs.readFileSync(path.join(HEADS_DIR, `${m}.json`), 'utf8'))])) as Record<ModelId, HeadWeights>;
    Object.assign(metrics, { classes: CLASS_NAMES, seed, dataSets: Object.fromEntries(sources.map((s) => [s.name, dataFingerprint(s.dir)])), heads: headsFingerprint(heads) });
    delete metrics.dataManifestSha256;
    fs.writeFileSync(metricsFile, JSON.stringify(metrics, null, 1) + '\n');
    for (const [split, bySet] of Object.entries(m.accuracy)) {
      console.log(`${id} ${m.cut} ${m.augmentation} ${m.weighting} l2=${m.l2} ${split}: ${Object.entries(bySet).map(([s, r]) => `${s} ${r.confusion[0][0] + r.confusion[1][1]}/${r.n}`).join(', ')}`);
    }
  }
  // Its own process: it reads the heads just written (this one has the old ones imported).
  execFileSync(process.execPath, [...process.execArgv, path.join(import.meta.dirname, 'decode-models.ts')], { stdio: 'inherit' });
}

if (process.argv[1]?.endsWith('train.ts')) await main();
