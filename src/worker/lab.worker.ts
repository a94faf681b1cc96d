// All tfjs work happens here, so the page never freezes (a wasm step can take a second).
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend } from '../backend/choose';
import { watchContextLoss } from '../backend/context-loss';
import { loseContextForTest, removeWebGLForTest, reportSoftwareWebGLForTest } from '../backend/gpu-faults';
import { CANONICAL_SIZE } from '../config';
import { batchOutcomes } from '../experiment/outcomes';
import { LabSession, type LabFrame, type WorldReading } from '../lab/session';
import { fetchSource, loadBaseArtifacts } from '../models/artifacts';
import { classifierFromArtifacts, type Classifier } from '../models/classifier';
import { HEADS, OUT_OF_WORLD } from '../models/heads';
import { outOfWorldScore } from '../models/out-of-world';
import { rgbaToCanonical } from '../models/preprocess';
import { readOnce } from '../models/read-once';
import type { ModelId } from '../models/specs';
import type { LabApi } from './api';
import { canonicalFromBlob, canonicalFromUrl } from './decode';

const classifiers: Partial<Record<ModelId, Classifier>> = {};
const session = new LabSession(() => classifiers, readWorld);

/** How far x⁰ is from f's world, by f's own features (null while f is loading). */
async function readWorld(x0: tf.Tensor4D): Promise<WorldReading | null> {
  const f = classifiers.inception_v3;
  if (!f) return null;
  const features = await readOnce(f.features(x0));
  return { score: outOfWorldScore(OUT_OF_WORLD, features), threshold: OUT_OF_WORLD.threshold, pass: OUT_OF_WORLD.pass };
}

/**
 * The first run of a shape compiles shaders: do it once, with the real shapes, before any click.
 * Every read from the GPU in this worker is asynchronous: tfjs's WebGPU backend reads synchronously
 * through a canvas, which lost the device here.
 */
async function warmUp(classifier: Classifier): Promise<void> {
  await readOnce(tf.tidy(() => classifier.lossGradient(tf.fill([1, CANONICAL_SIZE, CANONICAL_SIZE, 3], 0.5) as tf.Tensor4D, 0).grad));
}

/**
 * Comlink starts each call as its message arrives, even while an earlier async call still awaits
 * the GPU; session calls must not interleave (a step landing inside a reset's frame would mix
 * two states), so they run one after another.
 */
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(task: () => Promise<T>): Promise<T> {
  const result = queue.then(task);
  queue = result.catch(() => undefined);
  return result;
}

/** Frames carry two 256 KB images: move their buffers instead of copying them. */
const frameBuffers = (frame: LabFrame) => [frame.image.buffer, frame.perturbation.buffer];
const transferFrame = (frame: LabFrame) => Comlink.transfer(frame, frameBuffers(frame));

const api: LabApi = {
  async init(request, onContextLost) {
    if (import.meta.env.DEV && request.disableWebGL) removeWebGLForTest();
    if (import.meta.env.DEV && request.softwareWebGL) reportSoftwareWebGLForTest();
    const info = await chooseBackend(request);
    watchContextLoss(onContextLost);
    return info;
  },
  async loadModel(id, siteUrl, onProgress, retry = false) {
    const artifacts = await loadBaseArtifacts(id, fetchSource(siteUrl, retry ? 'reload' : 'default'), onProgress);
    const classifier = classifierFromArtifacts(artifacts, HEADS[id]);
    await warmUp(classifier);
    classifiers[id]?.dispose();
    classifiers[id] = classifier;
    return classifier.info;
  },
  reset: (image, settings) =>
    serial(async () => {
      const source = image ? await ('url' in image ? canonicalFromUrl(image.url) : canonicalFromBlob(image.blob)) : null;
      const frame = await session.reset(source?.x0 ?? null, settings);
      return Comlink.transfer({ frame, decoded: source?.info ?? null }, frameBuffers(frame));
    }),
  step: () => serial(async () => transferFrame(await session.step())),
  frameAt: (t) =>
    serial(async () => {
      const frame = session.frameAt(t);
      return frame ? transferFrame(frame) : null;
    }),
  classifyPixels: (rgba) => serial(() => classify(rgba)),
  experimentOutcomes: (url, label, plan) =>
    serial(async () => {
      const { inception_v3: f, mobilenet_v2: g } = classifiers;
      if (!f || !g) throw new Error('the experiment needs both models: still loading');
      const { x0 } = await canonicalFromUrl(url);
      try {
        return (await batchOutcomes({ f, g }, x0, label, plan))[0];
      } finally {
        x0.dispose();
      }
    }),
};

async function classify(rgba: Uint8ClampedArray): Promise<Partial<Record<ModelId, number[]>>> {
  const x = rgbaToCanonical(rgba, CANONICAL_SIZE, CANONICAL_SIZE);
  const out: Partial<Record<ModelId, number[]>> = {};
  for (const [id, classifier] of Object.entries(classifiers) as [ModelId, Classifier][]) {
    out[id] = Array.from(await readOnce(classifier.probabilities(x)));
  }
  x.dispose();
  return out;
}

Comlink.expose(api);
// Dev server only (e2e tests): lose the WebGL context as a driver reset would.
if (import.meta.env.DEV) Object.assign(self, { loseContextForTest });
