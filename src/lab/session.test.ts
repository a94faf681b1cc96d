import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { linearSoftmax, PIXELS, SHAPE } from '../attack/testing/linear-model';
import { scriptedGradients } from '../attack/testing/scripted-model';
import { rgbaToImage } from '../models/preprocess';
import { reduceBitDepth } from '../defense/bit-depth';
import { BIT_DEPTH } from '../defense/names';
import { LabSession, type LabFrame } from './session';
import { ATTACK_MODES, clampEpsilon, DEFAULT_SETTINGS, GRADIENT_METHODS, EPSILON_MAX, ITERATIONS_MAX, type LabSettings } from './settings';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const f = linearSoftmax(1);
const g = linearSoftmax(2);
const image = () => tf.randomUniform(SHAPE, 0.2, 0.8, 'float32', 4) as tf.Tensor4D;
const settings = (s: Partial<LabSettings>): LabSettings => ({ ...DEFAULT_SETTINGS, image: 'x', ...s });

describe('a lab session', () => {
  it('walks t = 0..T, each frame within ε, then stays done', async () => {
    const session = new LabSession(() => ({ inception_v3: f, mobilenet_v2: g }));
    let frame = await session.reset(image(), settings({ epsilon: 0.05, iterations: 4 }));
    expect([frame.t, frame.done, frame.linf]).toEqual([0, false, 0]);
    for (let t = 1; t <= 4; t++) {
      frame = await session.step();
      expect(frame.t).toBe(t);
      expect(frame.linf).toBeLessThanOrEqual(0.05 + 1e-7);
      expect(frame.probabilities.inception_v3).toHaveLength(2);
      expect(frame.image).toHaveLength(4 * 4 * 4);
    }
    expect(frame.done).toBe(true);
    expect((await session.step()).t).toBe(4);
    session.dispose();
  });

  it('keeps every frame of the run for scrubbing back, each with the step that made it; a new setting forgets them', async () => {
    const session = new LabSession(() => ({ inception_v3: f, mobilenet_v2: g }));
    const first = await session.reset(image(), settings({ epsilon: 0.05, iterations: 3 }));
    expect(first.step).toBeNull();
    const shown = [first];
    for (let t = 1; t <= 3; t++) shown.push(await session.step());
    for (const [t, frame] of shown.entries()) {
      const kept = session.frameAt(t)!;
      expect([kept.t, kept.linf, Array.from(kept.image).join()]).toEqual([t, frame.linf, Array.from(frame.image).join()]);
      if (t > 0) {
        expect(kept.step!.gradient).toHaveLength(PIXELS / 3);
        expect(kept.step!.sign).toHaveLength(PIXELS);
        expect(kept.step!.stepSize).toBeCloseTo(0.05 / 3, 9);
      }
    }
    expect(session.frameAt(4)).toBeNull();
    // The kept frame's images are its own: moving a shown frame's buffer away leaves them whole.
    structuredClone(shown[2].image, { transfer: [shown[2].image.buffer] });
    expect(session.frameAt(2)!.image).toHaveLength(4 * 4 * 4);
    await session.reset(null, settings({ epsilon: 0.04, iterations: 3 }));
    expect(session.frameAt(1)).toBeNull();
    session.dispose();
  });

  it('random noise has no gradient step to show', async () => {
    const session = new LabSession(() => ({ inception_v3: f }));
    await session.reset(image(), settings({ mode: 'noise' }));
    expect((await session.step()).step).toBeNull();
    session.dispose();
  });

  it('moves by the method it is set to: each method its own iterates, the same for the same method', async () => {
    // Gradients whose signs change between steps (a linear model's never do, and momentum would then change nothing).
    const turning = () => ({ ...scriptedGradients(SHAPE, [0, 1].map((k) => Array.from({ length: PIXELS }, (_, i) => ((i * (k + 2)) % 5) - 2 + 0.5 * k))), probabilities: f.probabilities });
    const firstStep = async (method: LabSettings['method']) => {
      const session = new LabSession(() => ({ inception_v3: turning() }));
      await session.reset(image(), settings({ method, epsilon: 0.05, iterations: 4 }));
      await session.step();
      const second = await session.step();
      session.dispose();
      return Array.from(second.image).join();
    };
    const frames = await Promise.all(GRADIENT_METHODS.map(firstStep));
    expect(new Set(frames).size).toBe(GRADIENT_METHODS.length);
    expect(await firstStep('pgd')).toBe(frames[GRADIENT_METHODS.indexOf('pgd')]);
  });

  it('query only: each step is one batch of queries to f, counted, within ε, until f says y* or the budget would be passed', async () => {
    let shown = 0;
    // The toy f takes one image at a time; the real classifiers take batches.
    const batched = (x: tf.Tensor4D) => tf.tidy(() => tf.concat(tf.split(x, x.shape[0]).map((one) => f.probabilities(one as tf.Tensor4D))) as tf.Tensor2D);
    const counted = { ...f, probabilities: (x: tf.Tensor4D) => ((shown += x.shape[0]), batched(x)) };
    const session = new LabSession(() => ({ inception_v3: counted }));
    const start = await session.reset(image(), settings({ mode: 'query', epsilon: 0.002, queryBudget: 40 }));
    expect(start.queries).toEqual({ used: 0, budget: 40, perSecond: null, finished: false });
    const used: number[] = [];
    let frame = start;
    while (!frame.done) {
      const before = shown;
      frame = await session.step();
      expect(frame.linf).toBeLessThanOrEqual(0.002 + 1e-7);
      expect(frame.t).toBe(frame.queries!.used);
      // The frame's own classification (one image per model) is the page's, not the attacker's: not counted.
      if (!frame.done) expect(frame.queries!.used - (used.at(-1) ?? 0)).toBe(shown - before - 1);
      used.push(frame.queries!.used);
    }
    // ε = 0.002 cannot fool the toy f: it ran to the budget, 1 + 8 + 8 + 8 + 8 = 33 (one more batch would make 41).
    expect([...new Set(used)]).toEqual([1, 9, 17, 25, 33]);
    expect(frame.queries!.finished).toBe(true);
    expect((await session.step()).t).toBe(33);
    session.dispose();
  });

  it("behind a defense, f judges the defended image, and the two attackers follow different gradients", async () => {
    // A toy f whose gradient's sign depends on where it is taken (a linear one's never does):
    // logits (0, Σ w·(x − c)²), with c near x⁰, so rounding x moves many pixels to the other side of c.
    const [w, c] = [tf.randomNormal(SHAPE, 0, 1, 'float32', 8), tf.add(image(), tf.randomUniform(SHAPE, -0.02, 0.02, 'float32', 9))];
    const logitsOf = (x: tf.Tensor) => tf.stack([tf.zeros([x.shape[0]!]), tf.sum(tf.mul(w, tf.square(tf.sub(x, c))), [1, 2, 3])], 1) as tf.Tensor2D;
    const curved = {
      probabilities: (x: tf.Tensor4D) => tf.tidy(() => tf.softmax(logitsOf(x))),
      lossGradient: (x: tf.Tensor4D, target: number) => tf.tidy(() => {
        const lossOf = (v: tf.Tensor) => tf.neg(tf.sum(tf.mul(tf.oneHot([target], 2), tf.logSoftmax(logitsOf(v))))) as tf.Scalar;
        return { grad: tf.grad(lossOf)(x) as tf.Tensor4D, logits: logitsOf(x), loss: lossOf(x) };
      }),
    };
    const run = async (defense: LabSettings['defense'], attacker: LabSettings['attacker']) => {
      const session = new LabSession(() => ({ inception_v3: curved }));
      await session.reset(image(), settings({ defense, attacker, epsilon: 0.05, iterations: 3 }));
      let frame = await session.step();
      frame = await session.step();
      session.dispose();
      return frame;
    };
    const naive = await run('bitDepth', 'naive');
    const shown = rgbaToImage(naive.image, 4, 4);
    const expected = Array.from(curved.probabilities(reduceBitDepth(shown, BIT_DEPTH)).dataSync());
    naive.probabilities.inception_v3!.forEach((p, k) => expect(p).toBeCloseTo(expected[k], 6));
    expect(naive.defended).toHaveLength(4 * 4 * 4);
    // The naive attacker's images are the undefended attack's; the adaptive one's are not.
    expect(Array.from(naive.image)).toEqual(Array.from((await run('none', 'naive')).image));
    expect(Array.from((await run('bitDepth', 'adaptive')).image)).not.toEqual(Array.from(naive.image));
    expect((await run('none', 'naive')).defended).toBeNull();
  });

  it('aims at the class f does not predict, unless told otherwise', async () => {
    const session = new LabSession(() => ({ inception_v3: f }));
    const x0 = image();
    const fSays = tf.argMax(f.probabilities(x0), 1).dataSync()[0];
    expect((await session.reset(x0, settings({}))).target).toBe(1 - fSays);
    expect((await session.reset(null, settings({ target: fSays as 0 | 1 }))).target).toBe(fSays);
    session.dispose();
  });

  it('random noise is one draw of ε per pixel, shown as the largest whole 8-bit step within ε', async () => {
    const session = new LabSession(() => ({ inception_v3: f }));
    await session.reset(image(), settings({ mode: 'noise', epsilon: 0.03, iterations: 20 }));
    const frame = await session.step();
    expect([frame.t, frame.iterations, frame.done]).toEqual([1, 1, true]);
    expect(frame.linf).toBe(Math.floor(0.03 * 255) / 255);
    session.dispose();
  });

  it('a new setting mid-run starts over from x⁰ under that setting, leaking nothing', async () => {
    const session = new LabSession(() => ({ inception_v3: f, mobilenet_v2: g }));
    await session.reset(image(), settings({ iterations: 10 }));
    const before = tf.memory().numTensors;
    await session.step();
    await session.step();
    const restarted = await session.reset(null, settings({ mode: 'blackbox', iterations: 3 }));
    expect([restarted.t, restarted.linf, restarted.iterations, restarted.settings.mode]).toEqual([0, 0, 3, 'blackbox']);
    expect(tf.memory().numTensors).toBe(before);
    await session.step();
    expect((await session.reset(null, restarted.settings)).t).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    expect((await session.reset(null, restarted.settings)).memory.numTensors).toBe(before);
    session.dispose();
  });

  it('white box needs f: a clear error while it is still loading', async () => {
    const session = new LabSession(() => ({ mobilenet_v2: g }));
    await session.reset(image(), settings({ mode: 'whitebox' }));
    await expect(session.step()).rejects.toThrow(/inception_v3 is still loading/);
    session.dispose();
  });

  it('shows numbers true of the 8-bit pixels shown: for 200 random (ε, T), L∞ ≤ ε and the probabilities are a fresh classification', async () => {
    const session = new LabSession(() => ({ inception_v3: f, mobilenet_v2: g }));
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // x⁰ as every real image is: 8-bit levels, including the extremes 0 and 255.
    const bytes = Array.from({ length: 4 * 4 * 3 }, (_, i) => (i < 6 ? [0, 255][i % 2] : Math.floor(random() * 256)));
    const x0 = tf.tensor4d(bytes.map((b) => b / 255), SHAPE);
    const x0Rgba = (await session.reset(x0, settings({}))).image;
    const check = (frame: LabFrame, epsilon: number) => {
      let most = 0;
      for (let i = 0; i < frame.image.length; i++) most = Math.max(most, Math.abs(frame.image[i] - x0Rgba[i]));
      expect(frame.linf).toBe(most / 255);
      expect(frame.linf).toBeLessThanOrEqual(epsilon);
      const shown = rgbaToImage(frame.image, 4, 4);
      for (const [id, model] of [['inception_v3', f], ['mobilenet_v2', g]] as const) {
        expect(frame.probabilities[id]).toEqual(Array.from(tf.tidy(() => model.probabilities(shown).dataSync())));
      }
      shown.dispose();
    };
    let overshootsAvoided = 0;
    for (let pair = 0; pair < 200; pair++) {
      const epsilon = clampEpsilon(random() * EPSILON_MAX);
      const iterations = 1 + Math.floor(random() * ITERATIONS_MAX);
      const mode = ATTACK_MODES[pair % 3];
      let frame = await session.reset(null, settings({ epsilon, iterations, mode, target: (pair % 2) as 0 | 1 }));
      check(frame, epsilon);
      while (!frame.done) {
        frame = await session.step();
        check(frame, epsilon);
      }
      // Plain rounding of x would have gone past ε here: the pull-back was needed.
      if (Math.round(epsilon * 255) / 255 > epsilon && frame.linf > 0) overshootsAvoided++;
    }
    expect(overshootsAvoided).toBeGreaterThan(20);
    session.dispose();
  });
});
