import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fgsmStep, iterativeFgsm, randomSignNoise } from './fgsm';
import { linearSoftmax, PIXELS, SHAPE } from './testing/linear-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const image = (seed: number) => tf.randomUniform(SHAPE, 0, 1, 'float32', seed) as tf.Tensor4D;
const linf = (x: tf.Tensor4D, x0: tf.Tensor4D) => tf.tidy(() => tf.max(tf.abs(tf.sub(x, x0))).dataSync()[0]);

describe('targeted iterative FGSM', () => {
  it('keeps |x − x⁰|∞ ≤ ε and pixels in [0,1] after every iteration, for random ε and T', () => {
    for (let trial = 0; trial < 25; trial++) {
      const epsilon = [0, 0.001, 0.01, 0.05, 0.1, 0.3][trial % 6] * (0.5 + (trial % 5) / 4);
      const iterations = 1 + ((trial * 7) % 20);
      const x0 = image(trial);
      let seen = 0;
      for (const { x, t, logitsBefore } of iterativeFgsm(linearSoftmax(trial), x0, { epsilon, iterations, target: trial % 2 })) {
        // float32 pixels: one rounding (spacing 6e-8 near 1) is all that may show above ε.
        expect(linf(x, x0)).toBeLessThanOrEqual(epsilon + 1e-7);
        expect(tf.min(x).dataSync()[0]).toBeGreaterThanOrEqual(0);
        expect(tf.max(x).dataSync()[0]).toBeLessThanOrEqual(1);
        expect(t).toBe(++seen);
        tf.dispose([x, logitsBefore]);
      }
      expect(seen).toBe(iterations);
      x0.dispose();
    }
  });

  it('after step t every pixel has moved exactly t·ε/T, except where the clip to [0, 1] stopped it', () => {
    // Two classes and a linear model: the sign of the gradient never changes, so no pixel turns back.
    const [epsilon, iterations] = [0.2, 8];
    const eta = epsilon / iterations;
    const model = linearSoftmax(7);
    const x0 = image(7);
    const start = x0.dataSync();
    const direction = tf.tidy(() => tf.neg(tf.sign(model.lossGradient(x0, 1).grad)).dataSync());
    let clipped = 0;
    for (const { x, t, logitsBefore } of iterativeFgsm(model, x0, { epsilon, iterations, target: 1 })) {
      const now = x.dataSync();
      for (let i = 0; i < now.length; i++) {
        const free = start[i] + direction[i] * t * eta;
        if (free >= 0 && free <= 1) expect(Math.abs(now[i] - start[i] - direction[i] * t * eta), `pixel ${i}, t = ${t}`).toBeLessThanOrEqual(1e-6);
        else expect(now[i], `pixel ${i}, t = ${t}`).toBe(direction[i] > 0 ? 1 : 0);
        if (t === iterations && (free < 0 || free > 1)) clipped++;
      }
      tf.dispose([x, logitsBefore]);
    }
    // The image was chosen so that both cases occur.
    expect(clipped).toBeGreaterThan(0);
    expect(clipped).toBeLessThan(PIXELS);
    x0.dispose();
  });

  it('T = 1 is exactly one FGSM step of size ε', () => {
    const model = linearSoftmax(5);
    const x0 = image(5);
    const [{ x }] = [...iterativeFgsm(model, x0, { epsilon: 0.03, iterations: 1, target: 1 })];
    const { grad } = model.lossGradient(x0, 1);
    const expected = tf.clipByValue(tf.sub(x0, tf.mul(0.03, tf.sign(grad))), 0, 1);
    expect(tf.max(tf.abs(tf.sub(x, expected))).dataSync()[0]).toBe(0);
  });

  it('moves against the gradient of the loss towards y*, so P(y*) rises at every step', () => {
    for (const target of [0, 1]) {
      const model = linearSoftmax(11);
      const x0 = tf.fill(SHAPE, 0.5) as tf.Tensor4D;
      let previous = model.probabilities(x0).dataSync()[target];
      for (const { x } of iterativeFgsm(model, x0, { epsilon: 0.2, iterations: 5, target })) {
        const p = model.probabilities(x).dataSync()[target];
        expect(p).toBeGreaterThan(previous);
        previous = p;
        x.dispose();
      }
    }
  });

  it('a single step uses −η·sign(g): never a step towards higher loss', () => {
    const x = tf.fill(SHAPE, 0.5) as tf.Tensor4D;
    const grad = tf.tensor4d(Array.from({ length: PIXELS }, (_, i) => (i % 3) - 1), SHAPE);
    const stepped = fgsmStep(x, grad, 0.1, x, 0.1).dataSync();
    grad.dataSync().forEach((g, i) => expect(stepped[i]).toBeCloseTo(0.5 - 0.1 * Math.sign(g), 6));
  });

  it('stopping early leaves no tensor behind', () => {
    const model = linearSoftmax(2);
    const x0 = image(2);
    const before = tf.memory().numTensors;
    const run = iterativeFgsm(model, x0, { epsilon: 0.05, iterations: 10, target: 0 });
    for (let i = 0; i < 3; i++) {
      const { value } = run.next();
      if (value) tf.dispose([value.x, value.logitsBefore]);
    }
    run.return();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('random sign noise (the baseline)', () => {
  it('changes every pixel by exactly ε before clipping, reproducibly for a seed', () => {
    const x0 = tf.fill(SHAPE, 0.5) as tf.Tensor4D;
    const a = randomSignNoise(x0, 0.04, 9);
    const d = tf.abs(tf.sub(a, x0)).dataSync();
    d.forEach((v) => expect(v).toBeCloseTo(0.04, 6));
    expect(Array.from(randomSignNoise(x0, 0.04, 9).dataSync())).toEqual(Array.from(a.dataSync()));
    const signs = tf.sign(tf.sub(a, x0)).dataSync();
    expect(signs.some((s) => s > 0) && signs.some((s) => s < 0)).toBe(true);
  });

  it('gives an image the same noise alone as inside a batch', () => {
    const images = [0.3, 0.6].map((v) => tf.fill(SHAPE, v) as tf.Tensor4D);
    const batch = randomSignNoise(tf.concat(images) as tf.Tensor4D, 0.05, 4);
    images.forEach((x0, i) => {
      const alone = randomSignNoise(x0, 0.05, 4);
      expect(Array.from(tf.slice(batch, [i], [1]).dataSync())).toEqual(Array.from(alone.dataSync()));
    });
  });

  it('is clipped to [0,1]', () => {
    const x0 = tf.tensor4d(Array.from({ length: PIXELS }, (_, i) => (i % 2 ? 1 : 0)), SHAPE);
    const x = randomSignNoise(x0, 0.1, 1);
    expect(tf.min(x).dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(tf.max(x).dataSync()[0]).toBeLessThanOrEqual(1);
  });
});
