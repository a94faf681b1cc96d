// Frozen-base features for training: the globally average-pooled output of every candidate cut
// (and of what a tunable cut's block reads),
// for one view of one photo each. Extraction is the slow part of `npm run train`, so it runs in
// one worker thread per core and is cached on disk under .cache/features/.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadBaseArtifacts } from '../../src/models/artifacts.ts';
import { planFromArtifacts } from '../../src/models/classifier.ts';
import { forwardAll } from '../../src/models/executor.ts';
import { toModelInput } from '../../src/models/preprocess.ts';
import { seededRandom } from '../../src/seeded-random.ts';
import { featureLayers, MODEL_SPECS, type ModelId } from '../../src/models/specs.ts';
import { applyView, type View } from './augment.ts';
import { inThread } from './in-thread.ts';
import { loadCanonical } from './leaves.ts';
import { setNodeBackend, wholeBaseSource } from './node-tf.ts';
import { PROJECT_ROOT } from './paths.ts';

export interface FeatureJob {
  file: string;
  view: View;
  /** Seeds the view's random draws. */
  seed: number;
  /** The photo behind a composited leaf. */
  background?: string;
}

/** layer → one row per job */
export type FeaturesByCut = Record<string, Float32Array[]>;

/** Runs in a worker thread: features of `jobs` at every candidate cut of model `id`. */
export async function extractInThisThread(id: ModelId, jobs: FeatureJob[]): Promise<Float32Array[][]> {
  await setNodeBackend('wasm');
  const spec = MODEL_SPECS[id];
  const layers = featureLayers(spec);
  const plan = planFromArtifacts(await loadBaseArtifacts(id, wholeBaseSource()), spec.candidateCuts[spec.candidateCuts.length - 1]);
  return jobs.map((job) =>
    tf.tidy(() => {
      const x = loadCanonical(job.file);
      const viewed = applyView(job.view, x, seededRandom(job.seed), job.background ? loadCanonical(job.background) : undefined);
      const acts = forwardAll(plan, toModelInput(viewed, spec.inputSize));
      return layers.map((c) => tf.mean(acts[plan.nodeOf.get(c)!], [1, 2]).dataSync() as Float32Array);
    }),
  );
}

function cacheFile(id: ModelId, jobs: FeatureJob[]): string {
  const key = JSON.stringify({ id, cuts: featureLayers(MODEL_SPECS[id]), jobs: jobs.map((j) => ({ ...j, file: path.relative(PROJECT_ROOT, j.file), background: j.background && path.relative(PROJECT_ROOT, j.background) })) });
  return path.join(PROJECT_ROOT, '.cache', 'features', `${id}-${crypto.createHash('sha256').update(key).digest('hex').slice(0, 20)}.bin`);
}

function readCache(file: string, cuts: readonly string[], count: number): FeaturesByCut | null {
  if (!fs.existsSync(file)) return null;
  const buffer = fs.readFileSync(file);
  const all = new Float32Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 4);
  const byCut: FeaturesByCut = {};
  let offset = 0;
  for (const cut of cuts) {
    const width = all[offset++];
    byCut[cut] = Array.from({ length: count }, (_, i) => all.slice(offset + i * width, offset + (i + 1) * width));
    offset += width * count;
  }
  return byCut;
}

function writeCache(file: string, cuts: readonly string[], byCut: FeaturesByCut): void {
  const parts = cuts.flatMap((cut) => [Float32Array.of(byCut[cut][0].length), ...byCut[cut]]);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength))));
}

/** Features for each group of jobs (cached per group), computing the missing ones on every core. */
export async function extractFeatures(id: ModelId, groups: FeatureJob[][], log: (line: string) => void): Promise<FeaturesByCut[]> {
  const cuts = featureLayers(MODEL_SPECS[id]);
  const cached = groups.map((jobs) => readCache(cacheFile(id, jobs), cuts, jobs.length));
  const missing = groups.flatMap((jobs, g) => (cached[g] ? [] : jobs));
  if (missing.length) {
    const threads = Math.max(1, Math.min(os.availableParallelism(), missing.length));
    const share = Math.ceil(missing.length / threads);
    const started = Date.now();
    log(`${id}: extracting ${missing.length} feature rows on ${threads} threads`);
    const parts = await Promise.all(
      Array.from({ length: threads }, (_, t) =>
        inThread<Float32Array[][]>(new URL('./features.ts', import.meta.url), 'extractInThisThread', id, missing.slice(t * share, (t + 1) * share)),
      ),
    );
    const rows = parts.flat();
    log(`${id}: ${missing.length} rows in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    let next = 0;
    groups.forEach((jobs, g) => {
      if (cached[g]) return;
      const mine = rows.slice(next, next + jobs.length);
      next += jobs.length;
      const byCut = Object.fromEntries(cuts.map((c, k) => [c, mine.map((r) => r[k])]));
      writeCache(cacheFile(id, jobs), cuts, byCut);
      cached[g] = byCut;
    });
  }
  return cached as FeaturesByCut[];
}
