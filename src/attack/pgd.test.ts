import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pgdStepSize } from './budget';
import { pgd, pgdWithRestarts, randomStart } from './pgd';
import { linearSoftmax, PIXELS, SHAPE } from './testing/linear-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const image = (seed: number) => tf.randomUniform(SHAPE, 0.2, 0.8, 'float32', seed) as tf.Tensor4D;

describe('PGD', () => {
  it('starts at a uniform random point of the ε-ball: spread inside it, not on its surface, one per seed', () => {
    const x0 = image(1);
    const offsets = (seed: number) => Array.from(tf.sub(randomStart(x0, 0.1, seed), x0).dataSync());
    const u = offsets(3);
    expect(Math.max(...u.map(Math.abs))).toBeLessThanOrEqual(0.1 + 1e-7);
    // Uniform in [−ε, ε]: both signs, and many pixels well inside the ball (sign noise has none).
    expect(u.filter((v) => v > 0).length).toBeGreaterThan(PIXELS / 4);
    expect(u.filter((v) => v < 0).length).toBeGreaterThan(PIXELS / 4);
    expect(u.filter((v) => Math.abs(v) < 0.05).length).toBeGreaterThan(PIXELS / 4);
    expect(offsets(3)).toEqual(u);
    expect(offsets(4)).not.toEqual(u);
  });

  it('takes its first gradient at the random start, not at x⁰', () => {
    const model = linearSoftmax(2);
    const x0 = image(2);
    const settings = { epsilon: 0.1, iterations: 3, target: 1, seed: 5 };
    const [{ logitsBefore, x }] = [...pgd(model, x0, settings)];
    const atStart = tf.tidy(() => model.lossGradient(randomStart(x0, 0.1, 5), 1).logits.dataSync());
    const atX0 = tf.tidy(() => model.lossGradient(x0, 1).logits.dataSync());
    expect(Array.from(logitsBefore.dataSync())).toEqual(Array.from(atStart));
    expect(Array.from(logitsBefore.dataSync())).not.toEqual(Array.from(atX0));
    tf.dispose([logitsBefore, x]);
  });

  it('steps α = 2.5·ε/T by default and projects back onto the ε-ball and [0, 1]', () => {
    expect(pgdStepSize({ epsilon: 0.04, iterations: 10 })).toBeCloseTo(0.01, 12);
    expect(pgdStepSize({ epsilon: 0.04, iterations: 10, stepSize: 0.003 })).toBe(0.003);
    // A linear model's gradient sign never changes, so each pixel's path is start + t·α·direction, cut at the ball.
    const model = linearSoftmax(7);
    const x0 = tf.randomUniform(SHAPE, 0, 1, 'float32', 7) as tf.Tensor4D;
    const [epsilon, iterations, seed] = [0.2, 4, 9];
    const alpha = pgdStepSize({ epsilon, iterations });
    const start = randomStart(x0, epsilon, seed).dataSync();
    const origin = x0.dataSync();
    const direction = tf.tidy(() => tf.neg(tf.sign(model.lossGradient(x0, 1).grad)).dataSync());
    let projected = 0;
    for (const { x, t, logitsBefore } of pgd(model, x0, { epsilon, iterations, target: 1, seed })) {
      const now = x.dataSync();
      for (let i = 0; i < PIXELS; i++) {
        let want = start[i];
        for (let k = 0; k < t; k++) want = Math.min(1, Math.max(0, Math.min(origin[i] + epsilon, Math.max(origin[i] - epsilon, want + alpha * direction[i]))));
        expect(now[i], `pixel ${i}, t = ${t}`).toBeCloseTo(want, 6);
        if (t === iterations && Math.abs(start[i] + t * alpha * direction[i] - origin[i]) > epsilon) projected++;
      }
      expect(tf.max(tf.abs(tf.sub(x, x0))).dataSync()[0]).toBeLessThanOrEqual(epsilon + 1e-7);
      tf.dispose([x, logitsBefore]);
    }
    // α·T = 2.5ε: most pixels end on the ball's surface, pushed back by the projection.
    expect(projected).toBeGreaterThan(PIXELS / 2);
  });

  it('with restarts, keeps the end point of lowest loss among its random starts', () => {
    const model = linearSoftmax(3);
    const x0 = image(3);
    // Steps too short to reach the ball's surface, so where each run started still shows at its end.
    const settings = { epsilon: 0.03, iterations: 2, target: 0, seed: 11, stepSize: 0.002 };
    const lossOfRun = (seed: number) => {
      const frames = [...pgd(model, x0, { ...settings, seed })];
      const last = frames[frames.length - 1].x;
      const { grad, logits, loss } = model.lossGradient(last, 0);
      const value = loss.dataSync()[0];
      tf.dispose([grad, logits, loss, ...frames.flatMap((f) => [f.x, f.logitsBefore])]);
      return value;
    };
    const losses = [0, 1, 2, 3].map((r) => lossOfRun(settings.seed + r));
    const best = pgdWithRestarts(model, x0, settings, 4);
    expect(best.loss).toBeCloseTo(Math.min(...losses), 6);
    expect(best.restart).toBe(losses.indexOf(Math.min(...losses)));
    expect(new Set(losses).size).toBeGreaterThan(1);
    best.x.dispose();
  });

  it('leaves no tensor behind, run to the end or stopped early', () => {
    const model = linearSoftmax(2);
    const x0 = image(2);
    const before = tf.memory().numTensors;
    const run = pgd(model, x0, { epsilon: 0.05, iterations: 10, target: 0, seed: 1 });
    const { value } = run.next();
    if (value) tf.dispose([value.x, value.logitsBefore]);
    run.return();
    pgdWithRestarts(model, x0, { epsilon: 0.05, iterations: 3, target: 0, seed: 1 }, 3).x.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
