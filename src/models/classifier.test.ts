// The real classifiers in Node: our gradient against finite differences of the model's own loss
// (both models, wasm), against tfjs's stock one where stock is right (MobileNetV2: InceptionV3 has
// padded average pools, whose stock gradient is wrong: see executor.ts), cpu against wasm; no
// leaks; a loss that still has a gradient when the model is certain.
//
// The cpu backend's passes run in a worker thread (testing/cpu-reference.ts), so the test's own
// event loop stays free for Vitest's RPC. e2e/models.spec.ts repeats the finite-difference check
// on webgl in real Chromium; executor.test.ts checks every layer kind on cpu.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCanonical } from '../../scripts/lib/leaves';
import { inThread } from '../../scripts/lib/in-thread';
import { publicSource, setNodeBackend, wholeBaseSource } from '../../scripts/lib/node-tf';
import { leavesDir } from '../../scripts/lib/paths';
import { loadBaseArtifacts, type BaseArtifacts } from './artifacts';
import { classifierFromArtifacts, planFromArtifacts } from './classifier';
import { gradientAgreement } from './compare';
import { forwardAll, inputGradient } from './executor';
import { disposePlan, paramsUpTo, projectionBlock } from './graph';
import { alongDirection, centralDifference, signDirection } from './testing/finite-differences';
import { HEADS } from './heads';
import { MODEL_IDS, MODEL_SPECS } from './specs';
import { toModelInput } from './preprocess';
import { foldIntoProjection } from './tuned-projection';
import { sameBits } from './testing/same-bits';
import { seededRandom } from '../seeded-random';
import type { CpuReference } from './testing/cpu-reference';
import { CANONICAL_SIZE } from '../config';

/** A gallery leaf (test split): diseased grape, attacked towards "healthy". */
const LEAF = path.join(leavesDir(), 'test', 'diseased', fs.readdirSync(path.join(leavesDir(), 'test', 'diseased')).find((f) => f.startsWith('grape__'))!);

describe.each(MODEL_IDS)('%s', (id) => {
  let artifacts: BaseArtifacts;
  /** The whole base (every layer nsfwjs ships), as training reads it: what the page's cut must equal. */
  let wholeArtifacts: BaseArtifacts;
  /** The cpu backend's gradients, computed in a worker thread (minutes of synchronous passes). */
  let cpu: CpuReference;
  const target = 0; // healthy: the wrong label for this diseased leaf

  beforeAll(async () => {
    cpu = await inThread<CpuReference>(new URL('./testing/cpu-reference.ts', import.meta.url), 'cpuReference', id, LEAF, target);
    await setNodeBackend('wasm');
    artifacts = await loadBaseArtifacts(id, publicSource());
    wholeArtifacts = await loadBaseArtifacts(id, wholeBaseSource());
  });

  it('cpu: our gradient has no NaN and, for MobileNetV2, equals stock tf.grad (relative L2 ≤ 1e-4)', () => {
    expect(cpu.nan).toBe(false);
    expect(cpu.grad.length).toBe(CANONICAL_SIZE * CANONICAL_SIZE * 3);
    if (id !== 'mobilenet_v2') return;
    const { relL2, sameSign } = gradientAgreement(cpu.grad, cpu.stockGrad!);
    expect(relL2).toBeLessThanOrEqual(1e-4);
    expect(sameSign).toBeGreaterThanOrEqual(0.999);
  });

  it('wasm: the backward pass is exact, and the gradient agrees with cpu', async () => {
    // wasm's forward kernels round differently from cpu (~1e-5 relative), which moves a few ReLU
    // boundaries; so the backward pass alone is checked to 1e-4 from identical activations, and
    // the end-to-end gradient by its sign (what FGSM uses) and a looser L2 bound.
    await setNodeBackend('wasm');
    const classifier = classifierFromArtifacts(artifacts, HEADS[id]);
    const tensor = ({ values, shape }: { values: Float32Array; shape: number[] }) => tf.tensor4d(values, shape as [number, number, number, number]);
    const wasmBackward = tf.tidy(() => inputGradient(classifier.plan, cpu.activations.map(tensor), tensor(cpu.dOut)).dataSync());
    expect(gradientAgreement(wasmBackward as Float32Array, cpu.backward).relL2).toBeLessThanOrEqual(1e-4);

    const x = loadCanonical(LEAF);
    const r = classifier.lossGradient(x, target);
    const grad = r.grad.dataSync() as Float32Array;
    expect(tf.any(tf.isNaN(r.grad)).dataSync()[0]).toBe(0);
    tf.dispose([x, r.grad, r.logits, r.loss]);
    classifier.dispose();
    const { relL2, sameSign } = gradientAgreement(grad, cpu.grad);
    expect(sameSign).toBeGreaterThanOrEqual(0.999);
    expect(relL2).toBeLessThanOrEqual(2e-2);
  });

  it('wasm: directional derivatives along sign directions, on the border and the interior, agree with finite differences (≤ 1 %)', async () => {
    // The reference shares no gradient kernel with ours (or with tf.grad): forward passes only.
    // Steps of 1e-5 along ±1 directions are far above float32 noise in the loss and small enough
    // to cross few ReLU boundaries.
    await setNodeBackend('wasm');
    const classifier = classifierFromArtifacts(artifacts, HEADS[id]);
    const x = loadCanonical(LEAF);
    const { grad, logits, loss } = classifier.lossGradient(x, target);
    const lossAt = (v: tf.Tensor4D) => tf.tidy(() => tf.losses.softmaxCrossEntropy(tf.oneHot([target], 2), classifier.logits(v)).dataSync()[0]);
    for (const region of ['border', 'interior'] as const) {
      const s = signDirection(grad, region, 8);
      const reference = centralDifference(lossAt, x, s, 1e-5);
      expect(Math.abs(alongDirection(grad, s) - reference) / Math.abs(reference), region).toBeLessThanOrEqual(0.01);
      s.dispose();
    }
    tf.dispose([x, grad, logits, loss]);
    classifier.dispose();
  });

  it('the base the page ships, cut at the head\'s layer, gives the same logits and gradient as the whole base, to the bit', async () => {
    await setNodeBackend('wasm');
    const x = loadCanonical(LEAF);
    const [cut, whole] = [artifacts, wholeArtifacts].map((a) => classifierFromArtifacts(a, HEADS[id]));
    const [fromCut, fromWhole] = [cut, whole].map((c) => c.lossGradient(x, target));
    expect(sameBits(fromCut.logits, fromWhole.logits)).toBe(true);
    expect(sameBits(fromCut.grad, fromWhole.grad)).toBe(true);
    expect(cut.info).toEqual(whole.info);
    tf.dispose([x, ...[fromCut, fromWhole].flatMap((r) => [r.grad, r.logits, r.loss])]);
    [cut, whole].forEach((c) => c.dispose());
  });

  it("the model card's figures are the decoded model's: the base's parameter count, the blocks the cut includes", async () => {
    await setNodeBackend('wasm');
    const spec = MODEL_SPECS[id];
    expect(paramsUpTo(wholeArtifacts, spec.baseOutput)).toBe(spec.baseParams);
    const classifier = classifierFromArtifacts(artifacts, HEADS[id]);
    const { info } = classifier;
    expect(info.baseParamsUsed).toBe(paramsUpTo(artifacts, HEADS[id].cutLayer));
    expect(info.paramCount - info.baseParamsUsed).toBe(HEADS[id].featureSize * 2 + 2);
    expect(info.blocksUsed).toBe(spec.blockOutputs.indexOf(HEADS[id].cutLayer) + 1);
    // A cut at the base's output includes every block.
    expect(spec.blockOutputs.every((b) => paramsUpTo(wholeArtifacts, b) <= spec.baseParams)).toBe(true);
    classifier.dispose();
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

describe('a head trained with the projection below its cut', () => {
  it("gives, through the updated base, the logits it gives on the block's pooled input and depthwise output", async () => {
    await setNodeBackend('wasm');
    const id = 'mobilenet_v2';
    const [cut, tunable] = Object.entries(MODEL_SPECS[id].tunableCuts!)[1];
    const artifacts = await loadBaseArtifacts(id, publicSource());
    const plan = planFromArtifacts(artifacts, cut);
    const x = loadCanonical(LEAF);
    const [r, d] = tf.tidy(() => {
      const acts = forwardAll(plan, toModelInput(x, MODEL_SPECS[id].inputSize));
      return [tunable.residual, tunable.projected].map((layer) => Array.from(tf.mean(acts[plan.nodeOf.get(layer)!], [1, 2]).dataSync()));
    });
    // A head as training makes one (antisymmetric), with weights large enough to matter.
    const random = seededRandom(3);
    const trained = { kernel: [...r, ...d].map(() => ((v) => [-v, v])(random() - 0.5)), bias: [-0.2, 0.2] };
    const want = [0, 1].map((k) => trained.bias[k] + [...r, ...d].reduce((s, v, i) => s + v * trained.kernel[i][k], 0));
    const { head, update } = foldIntoProjection(trained, projectionBlock(plan, tunable.projection));
    disposePlan(plan);
    const classifier = classifierFromArtifacts(artifacts, { model: id, cutLayer: cut, featureSize: head.kernel.length, ...head, projectionUpdate: update });
    const logits = classifier.logits(x);
    const got = Array.from(logits.dataSync());
    // float32 through the block: agreement to a part in 10⁴ of the logits' size.
    const size = Math.max(...want.map(Math.abs));
    got.forEach((v, k) => expect(Math.abs(v - want[k])).toBeLessThan(1e-4 * size));
    // Without the update the same head gives other logits: the update is what makes them agree.
    const frozen = classifierFromArtifacts(artifacts, { model: id, cutLayer: cut, featureSize: head.kernel.length, ...head });
    const frozenLogits = frozen.logits(x);
    expect(Math.abs(frozenLogits.dataSync()[1] - want[1])).toBeGreaterThan(1e-2 * size);
    tf.dispose([x, logits, frozenLogits]);
    classifier.dispose();
    frozen.dispose();
  });
});
