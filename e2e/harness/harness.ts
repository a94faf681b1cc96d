// Runs in the browser (served by Vite): the model code itself, without the UI, for the e2e
// gradient tests and `npm run bench`. Exposed as window.harness.
import * as tf from '@tensorflow/tfjs';
import { chooseBackend } from '../../src/backend/choose';
import type { BackendName } from '../../src/backend/names';
import { fetchSource, loadBaseArtifacts, type BaseArtifacts } from '../../src/models/artifacts';
import { classifierFromArtifacts, type Classifier } from '../../src/models/classifier';
import { HEADS } from '../../src/models/heads';
import type { ModelId } from '../../src/models/specs';
import { QUERY_BATCH } from '../../src/lab/settings';
import { alongDirection, centralDifference, signDirection, type Region } from '../../src/models/testing/finite-differences';
import { loadStockModel, type StockModel } from '../../src/models/stock';
import { canonicalFromUrl } from '../../src/worker/decode';

const site = new URL('/', location.href).href;
const artifacts = new Map<ModelId, BaseArtifacts>();
const classifiers = new Map<ModelId, Classifier>();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Wall time of f, waiting for the GPU to hand back its result so that GPU timings are real (read
 * asynchronously: tfjs's WebGPU backend reads synchronously only through a canvas, as the page never does).
 */
async function timed(f: () => tf.Tensor): Promise<number> {
  const t0 = performance.now();
  const out = f();
  await out.data();
  out.dispose();
  return performance.now() - t0;
}

/** Times f `n` times, one after another. */
async function timedRuns(n: number, f: () => tf.Tensor): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await timed(f));
  return times;
}

/** `wasmThreads` (wasm only): 1 for the single-threaded baseline, every core when absent. */
async function selectBackend(backend: BackendName, wasmThreads?: number) {
  return chooseBackend({ backend, allowSoftwareWebGL: true, allowSoftwareWebGPU: true, wasmThreads });
}

async function load(id: ModelId): Promise<{ classifier: Classifier; loadMs: number }> {
  const t0 = performance.now();
  if (!artifacts.has(id)) artifacts.set(id, await loadBaseArtifacts(id, fetchSource(site)));
  classifiers.get(id)?.dispose();
  const classifier = classifierFromArtifacts(artifacts.get(id)!, HEADS[id]);
  classifiers.set(id, classifier);
  return { classifier, loadMs: performance.now() - t0 };
}

async function image(url?: string): Promise<tf.Tensor4D> {
  return url ? (await canonicalFromUrl(new URL(url, site).href)).x0 : (tf.randomUniform([1, 256, 256, 3], 0, 1, 'float32', 1) as tf.Tensor4D);
}

/** One gradient step towards "healthy", returning only the gradient. */
const gradientStep = (classifier: Classifier, x: tf.Tensor4D) => () => {
  const r = classifier.lossGradient(x, 0);
  tf.dispose([r.loss, r.logits]);
  return r.grad;
};

const harness = {
  selectBackend,
  /** Our gradient of the loss towards `target`, and the logits, on the active backend. */
  async gradient(id: ModelId, imageUrl: string, target: number) {
    const { classifier } = await load(id);
    const x = await image(imageUrl);
    const { grad, logits, loss } = classifier.lossGradient(x, target);
    const out = { grad: Array.from(await grad.data()), logits: Array.from(await logits.data()) };
    tf.dispose([x, grad, logits, loss]);
    return out;
  },
  /**
   * Our directional derivative of the loss along sign(∇L) on one region of the image, and the
   * same by central differences of the loss (forward passes only), on the active backend.
   */
  async directionalDerivative(id: ModelId, imageUrl: string, target: number, region: Region, width: number, h: number) {
    const { classifier } = await load(id);
    const x = await image(imageUrl);
    const { grad, logits, loss } = classifier.lossGradient(x, target);
    const s = signDirection(grad, region, width);
    const lossAt = (v: tf.Tensor4D) => tf.tidy(() => tf.losses.softmaxCrossEntropy(tf.oneHot([target], 2), classifier.logits(v)).dataSync()[0]);
    const out = { ours: alongDirection(grad, s), reference: centralDifference(lossAt, x, s, h) };
    tf.dispose([x, grad, logits, loss, s]);
    return out;
  },
  /** tfjs's own tf.grad through the LayersModel, on the active backend (the reference). */
  async stockGradient(id: ModelId, imageUrl: string, target: number) {
    await load(id);
    const stock = await loadStockModel(artifacts.get(id)!, HEADS[id]);
    const x = await image(imageUrl);
    const grad = stock.lossGradient(x, target);
    const out = Array.from(await grad.data());
    tf.dispose([x, grad]);
    stock.dispose();
    return out;
  },
  async logits(id: ModelId, imageUrl: string) {
    const { classifier } = await load(id);
    const x = await image(imageUrl);
    const logits = classifier.logits(x);
    const out = Array.from(await logits.data());
    tf.dispose([x, logits]);
    return out;
  },
  /** Timings of one model on the active backend (see scripts/bench.ts for the fields). */
  async bench(id: ModelId, steps: number, stockSteps: number) {
    const backend = tf.getBackend();
    const { classifier, loadMs } = await load(id);
    const x = await image();
    const step = gradientStep(classifier, x);
    const firstStepMs = await timed(step);
    const before = tf.memory().numTensors;
    const stepTimes = await timedRuns(steps, step);
    const tensorsPerStep = (tf.memory().numTensors - before) / steps;
    await timed(() => classifier.logits(x));
    const forwardMs = median(await timedRuns(steps, () => classifier.logits(x)));
    // Query only: one forward pass answers a batch of queries (the lab sends QUERY_BATCH at a time).
    const batch = tf.tile(x, [QUERY_BATCH, 1, 1, 1]) as tf.Tensor4D;
    await timed(() => classifier.probabilities(batch));
    const batchForwardMs = median(await timedRuns(Math.max(1, Math.ceil(steps / 2)), () => classifier.probabilities(batch)));
    batch.dispose();
    let stockStepMs: number | null = null;
    if (backend !== 'wasm' && stockSteps > 0) {
      const stock: StockModel = await loadStockModel(artifacts.get(id)!, HEADS[id]);
      if (backend === 'webgl' || backend === 'webgpu') await timed(() => stock.lossGradient(x, 0)); // compile its shaders first
      stockStepMs = median(await timedRuns(stockSteps, () => stock.lossGradient(x, 0)));
      stock.dispose();
    }
    x.dispose();
    return { loadMs, firstStepMs, stepMs: median(stepTimes), forwardMs, stockStepMs, tensorsPerStep, queriesPerSecond: (QUERY_BATCH * 1000) / batchForwardMs };
  },
  /** Milliseconds per kernel in one gradient step (`tf.profile`, after a warm-up step), summed by kernel name. */
  async kernelMs(id: ModelId): Promise<Record<string, number>> {
    const { classifier } = await load(id);
    const x = await image();
    const step = gradientStep(classifier, x);
    step().dispose();
    const profile = await tf.profile(step);
    const byName: Record<string, number> = {};
    for (const k of profile.kernels) {
      const ms = await k.kernelTimeMs;
      byName[k.name] = (byName[k.name] ?? 0) + (typeof ms === 'number' ? ms : 0);
    }
    tf.dispose([x, profile.result as tf.Tensor]);
    return byName;
  },
};

declare global {
  interface Window {
    harness: typeof harness;
  }
}
window.harness = harness;
