// The real classifiers in Node: our gradient against tfjs's stock one, on cpu and wasm; no leaks;
// a loss that still has a gradient when the model is certain.
//
// tfjs's stock tf.grad needs ~7 minutes for one InceptionV3 gradient on the cpu backend (it
// computes every filter gradient in plain JS), too slow for CI on 2 cores. So the stock
// comparison runs here for MobileNetV2, and for InceptionV3 on webgl in real Chromium
// (e2e/models.spec.ts), where stock takes seconds; every layer kind InceptionV3 uses is also
// checked on cpu against tf.grad in executor.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCanonical } from '../../scripts/lib/leaves';
import { publicSource, setNodeBackend, yieldToEventLoop } from '../../scripts/lib/node-tf';
import { leavesDir } from '../../scripts/lib/paths';
import { loadBaseArtifacts, type BaseArtifacts } from './artifacts';
import { Classifier, classifierFromArtifacts } from './classifier';
import { gradientAgreement } from './compare';
import { forwardAll, inputGradient } from './executor';
import { HEADS } from './heads';
import { toModelInput } from './preprocess';
import { MODEL_IDS, MODEL_SPECS } from './specs';
import { loadStockModel } from './stock';

/** A gallery leaf (test split): diseased grape, attacked towards "healthy". */
const LEAF = path.join(leavesDir(), 'test', 'diseased', fs.readdirSync(path.join(leavesDir(), 'test', 'diseased')).find((f) => f.startsWith('grape__'))!);

describe.each(MODEL_IDS)('%s', (id) => {
  let artifacts: BaseArtifacts;
  /** Our cpu gradient; for MobileNetV2 first checked against stock tf.grad. */
  let cpuGrad: Float32Array;
  const target = 0; // healthy: the wrong label for this diseased leaf

  beforeAll(async () => {
    await setNodeBackend('cpu');
    artifacts = await loadBaseArtifacts(id, publicSource());
  });

  /** One whole gradient: a long synchronous pass on cpu, so the event loop gets a turn first (see yieldToEventLoop). */
  async function ourGradient(classifier: Classifier) {
    await yieldToEventLoop();
    const x = loadCanonical(LEAF);
    const r = classifier.lossGradient(x, target);
    const out = { grad: r.grad.dataSync() as Float32Array, nan: tf.any(tf.isNaN(r.grad)).dataSync()[0] };
    tf.dispose([x, r.grad, r.logits, r.loss]);
    return out;
  }

  it('cpu: our gradient has no NaN and, for MobileNetV2, equals stock tf.grad (relative L2 ≤ 1e-4)', async () => {
    await setNodeBackend('cpu');
    const classifier = classifierFromArtifacts(artifacts, HEADS[id]);
    const { grad, nan } = await ourGradient(classifier);
    classifier.dispose();
    expect(nan).toBe(0);
    cpuGrad = grad;
    if (id !== 'mobilenet_v2') return;
    const stock = await loadStockModel(artifacts, HEADS[id]);
    await yieldToEventLoop();
    const x = loadCanonical(LEAF);
    const stockGrad = stock.lossGradient(x, target);
    const { relL2, sameSign } = gradientAgreement(grad, stockGrad.dataSync());
    tf.dispose([x, stockGrad]);
    stock.dispose();
    expect(relL2).toBeLessThanOrEqual(1e-4);
    expect(sameSign).toBeGreaterThanOrEqual(0.999);
  });

  it('wasm: the backward pass is exact, and the gradient agrees with cpu', async () => {
    // wasm's forward kernels round differently from cpu (~1e-5 relative), which moves a few ReLU
    // boundaries; so the backward pass alone is checked to 1e-4 from identical activations, and
    // the end-to-end gradient by its sign (what FGSM uses) and a looser L2 bound.
    await setNodeBackend('cpu');
    const cpuPlan = classifierFromArtifacts(artifacts, HEADS[id]);
    const input = toModelInput(loadCanonical(LEAF), MODEL_SPECS[id].inputSize);
    await yieldToEventLoop();
    const acts = forwardAll(cpuPlan.plan, input).map((a) => ({ values: a.dataSync().slice(), shape: a.shape }));
    const dOut = tf.randomNormal(acts[acts.length - 1].shape, 0, 1, 'float32', 3);
    const seed = dOut.dataSync().slice();
    await yieldToEventLoop();
    const cpuBackward = tf.tidy(() => inputGradient(cpuPlan.plan, forwardAll(cpuPlan.plan, input), dOut as tf.Tensor4D).dataSync());
    cpuPlan.dispose();

    await setNodeBackend('wasm');
    const classifier = classifierFromArtifacts(artifacts, HEADS[id]);
    await yieldToEventLoop();
    const wasmBackward = tf.tidy(() =>
      inputGradient(classifier.plan, acts.map((a) => tf.tensor(a.values, a.shape) as tf.Tensor4D), tf.tensor4d(seed, dOut.shape as [number, number, number, number])).dataSync(),
    );
    expect(gradientAgreement(wasmBackward as Float32Array, cpuBackward as Float32Array).relL2).toBeLessThanOrEqual(1e-4);

    const { grad, nan } = await ourGradient(classifier);
    classifier.dispose();
    expect(nan).toBe(0);
    const { relL2, sameSign } = gradientAgreement(grad, cpuGrad);
    expect(sameSign).toBeGreaterThanOrEqual(0.999);
    expect(relL2).toBeLessThanOrEqual(2e-2);
  });

  it('a step leaks no tensor', async () => {
    await setNodeBackend('wasm');
    const classifier = classifierFromArtifacts(artifacts, HEADS[id]);
    const x = loadCanonical(LEAF);
    const step = () => {
      const r = classifier.lossGradient(x, target);
      tf.dispose([r.grad, r.logits, r.loss]);
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    classifier.dispose();
  });

  it('a model 0.99999…-sure of the other class still gives a non-zero gradient (loss from logits)', async () => {
    await setNodeBackend('wasm');
    const head = HEADS[id];
    const sure = { ...head, kernel: head.kernel.map((row) => row.map((v) => v * 50)), bias: head.bias.map((v) => v * 50) };
    const classifier = classifierFromArtifacts(artifacts, sure);
    const x = loadCanonical(LEAF);
    const r = classifier.lossGradient(x, target);
    const pTarget = tf.softmax(r.logits).dataSync()[target];
    expect(pTarget).toBeLessThan(1e-5);
    const nonZero = tf.sum(tf.notEqual(r.grad, 0)).dataSync()[0];
    expect(nonZero / r.grad.size).toBeGreaterThan(0.99);
    expect(r.loss.dataSync()[0]).toBeGreaterThan(11);
    tf.dispose([x, r.grad, r.logits, r.loss]);
    classifier.dispose();
  });

  afterAll(() => tf.disposeVariables());
});
