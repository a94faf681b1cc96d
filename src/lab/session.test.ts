import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { linearSoftmax, SHAPE } from '../attack/testing/linear-model';
import { LabSession } from './session';
import { DEFAULT_SETTINGS, type LabSettings } from './settings';

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
    let frame = await session.start(image(), settings({ epsilon: 0.05, iterations: 4 }));
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

  it('aims at the class f does not predict, unless told otherwise', async () => {
    const session = new LabSession(() => ({ inception_v3: f }));
    const x0 = image();
    const fSays = tf.argMax(f.probabilities(x0), 1).dataSync()[0];
    expect((await session.start(x0, settings({}))).target).toBe(1 - fSays);
    expect((await session.start(null, settings({ target: fSays as 0 | 1 }))).target).toBe(fSays);
    session.dispose();
  });

  it('random noise is one draw of exactly ε per pixel', async () => {
    const session = new LabSession(() => ({ inception_v3: f }));
    await session.start(image(), settings({ mode: 'noise', epsilon: 0.03, iterations: 20 }));
    const frame = await session.step();
    expect([frame.t, frame.iterations, frame.done]).toEqual([1, 1, true]);
    expect(frame.linf).toBeCloseTo(0.03, 6);
    session.dispose();
  });

  it('a new setting mid-run starts over from x⁰ under a new generation, leaking nothing', async () => {
    const session = new LabSession(() => ({ inception_v3: f, mobilenet_v2: g }));
    const first = await session.start(image(), settings({ iterations: 10 }));
    const before = tf.memory().numTensors;
    await session.step();
    await session.step();
    const restarted = await session.start(null, settings({ mode: 'blackbox', iterations: 3 }));
    expect(restarted.generation).toBeGreaterThan(first.generation);
    expect([restarted.t, restarted.linf]).toEqual([0, 0]);
    expect(tf.memory().numTensors).toBe(before);
    await session.step();
    expect((await session.restart()).t).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    expect((await session.restart()).memory.numTensors).toBe(before);
    session.dispose();
  });

  it('white box needs f: a clear error while it is still loading', async () => {
    const session = new LabSession(() => ({ mobilenet_v2: g }));
    await session.start(image(), settings({ mode: 'whitebox' }));
    await expect(session.step()).rejects.toThrow(/inception_v3 is still loading/);
    session.dispose();
  });
});
