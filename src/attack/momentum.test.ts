import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { momentumFgsm } from './momentum';
import { linearSoftmax, PIXELS, SHAPE } from './testing/linear-model';
import { scriptedGradients } from './testing/scripted-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const l1 = (v: number[]) => v.reduce((s, x) => s + Math.abs(x), 0);
const x0 = () => tf.fill(SHAPE, 0.5) as tf.Tensor4D;

/**
 * Two gradients: a large one, then one ten times smaller that disagrees with it on a third of the
 * pixels and is zero elsewhere. Added as they are, the first wins everywhere; normalised, the
 * second's few pixels weigh more and turn those pixels round.
 */
const first = Array.from({ length: PIXELS }, (_, i) => (i % 2 ? 10 : -10) * (1 + (i % 5)));
const second = first.map((v, i) => (i % 3 === 0 ? -v / 10 : 0));

/** The pixel moves of the second step, as the rule says they must be. */
function secondStep(momentum: number, normalise: boolean): number[] {
  const [n1, n2] = [first, second].map((g) => (normalise ? g.map((v) => v / l1(g)) : g));
  return n1.map((v, i) => -Math.sign(momentum * v + n2[i]));
}

describe('MI-FGSM', () => {
  const settings = { epsilon: 0.1, iterations: 2, target: 1 };

  it('steps along μ·g + ∇L/‖∇L‖₁: each gradient normalised by its L1 norm before it is added', () => {
    // The check can tell: without the normalisation the second step would go elsewhere.
    expect(secondStep(1, true)).not.toEqual(secondStep(1, false));
    const frames = [...momentumFgsm(scriptedGradients(SHAPE, [first, second]), x0(), settings)];
    const [a, b] = frames.map((f) => Array.from(f.x.dataSync()));
    const eta = settings.epsilon / settings.iterations;
    b.forEach((v, i) => expect((v - a[i]) / eta, `pixel ${i}`).toBeCloseTo(secondStep(1, true)[i], 4));
    // The first step is plain FGSM: the sign of the first gradient.
    a.forEach((v, i) => expect((v - 0.5) / eta).toBeCloseTo(-Math.sign(first[i]), 4));
  });

  it('uses the decay μ it is given: μ = 0 forgets the past, μ = 0.5 weighs it half', () => {
    for (const momentum of [0, 0.5]) {
      const [a, b] = [...momentumFgsm(scriptedGradients(SHAPE, [first, second]), x0(), { ...settings, momentum })].map((f) => Array.from(f.x.dataSync()));
      const eta = settings.epsilon / settings.iterations;
      b.forEach((v, i) => expect((v - a[i]) / eta, `μ = ${momentum}, pixel ${i}`).toBeCloseTo(secondStep(momentum, true)[i], 4));
    }
    expect(secondStep(0, true)).not.toEqual(secondStep(1, true));
  });

  it('normalises each image of a batch by its own norm: a batch gives each image what it gets alone', () => {
    const shape: [number, number, number, number] = [2, SHAPE[1], SHAPE[2], SHAPE[3]];
    // The second image's second gradient is 1000× the first's: under one shared norm the first
    // image's second gradient would count for almost nothing, and its step would follow the past.
    const batch = [...momentumFgsm(scriptedGradients(shape, [[...first, ...first], [...second, ...second.map((v) => v * 1000)]]), tf.fill(shape, 0.5) as tf.Tensor4D, settings)];
    const alone = [...momentumFgsm(scriptedGradients(SHAPE, [first, second]), x0(), settings)];
    const last = Array.from(batch[1].x.dataSync());
    expect(last.slice(0, PIXELS)).toEqual(Array.from(alone[1].x.dataSync()));
    expect(last.slice(PIXELS)).toEqual(Array.from(alone[1].x.dataSync()));
  });

  it('keeps |x − x⁰|∞ ≤ ε and pixels in [0, 1], and raises P(y*) on a linear model', () => {
    const model = linearSoftmax(4);
    const start = tf.randomUniform(SHAPE, 0, 1, 'float32', 4) as tf.Tensor4D;
    let previous = model.probabilities(start).dataSync()[1];
    for (const { x, logitsBefore } of momentumFgsm(model, start, { epsilon: 0.08, iterations: 6, target: 1 })) {
      expect(tf.max(tf.abs(tf.sub(x, start))).dataSync()[0]).toBeLessThanOrEqual(0.08 + 1e-7);
      expect(tf.min(x).dataSync()[0]).toBeGreaterThanOrEqual(0);
      expect(tf.max(x).dataSync()[0]).toBeLessThanOrEqual(1);
      const p = model.probabilities(x).dataSync()[1];
      expect(p).toBeGreaterThanOrEqual(previous);
      previous = p;
      tf.dispose([x, logitsBefore]);
    }
  });

  it('frees its accumulated gradient, also when stopped early', () => {
    const model = linearSoftmax(2);
    const start = x0();
    const before = tf.memory().numTensors;
    const run = momentumFgsm(model, start, { epsilon: 0.05, iterations: 10, target: 0 });
    for (let i = 0; i < 3; i++) {
      const { value } = run.next();
      if (value) tf.dispose([value.x, value.logitsBefore]);
    }
    run.return();
    expect(tf.memory().numTensors).toBe(before);
  });
});
