import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random';
import { squareAttack, squareProposal, stripedStart, windowSide, type QueryModel } from './square';
import { linearSoftmax, PIXELS, SHAPE } from './testing/linear-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SIZE = [SHAPE[1], SHAPE[2], SHAPE[3]] as const;
const image = (seed: number) => tf.randomUniform(SHAPE, 0.2, 0.8, 'float32', seed) as tf.Tensor4D;

/** The linear model as a black box that counts every image it is shown. */
function countingModel(seed: number): QueryModel & { shown: () => number } {
  const model = linearSoftmax(seed);
  let shown = 0;
  return {
    probabilities(x) {
      shown += x.shape[0];
      return tf.tidy(() => tf.concat(tf.split(x, x.shape[0]).map((one) => model.probabilities(one as tf.Tensor4D))) as tf.Tensor2D);
    },
    shown: () => shown,
  };
}

/** Every step of a run, in order (Array.fromAsync is Node 22's). */
async function allSteps<T>(steps: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const step of steps) out.push(step);
  return out;
}

describe('Square Attack', () => {
  it('starts on the ball: vertical stripes of ±ε, one sign per column and channel', () => {
    const x0 = new Float32Array(PIXELS).fill(0.5);
    const start = stripedStart(x0, SIZE, 0.1, seededRandom(1));
    const [, width, channels] = SIZE;
    start.forEach((v, i) => {
      expect(Math.abs(v - 0.5)).toBeCloseTo(0.1, 6);
      // Same column and channel, another row: the same sign.
      expect(v).toBe(start[i % (width * channels)]);
    });
    expect(new Set(start).size).toBe(2);
  });

  it('changes one side × side window of the image, each channel to x⁰ ± ε there, and nothing else', () => {
    const x0 = new Float32Array(PIXELS).fill(0.5);
    const x = new Float32Array(PIXELS).fill(0.55);
    const [, width, channels] = SIZE;
    const out = squareProposal(x, x0, SIZE, 2, 0.1, seededRandom(4));
    const changed = [...out.keys()].filter((i) => out[i] !== x[i]);
    const pixels = new Set(changed.map((i) => Math.floor(i / channels)));
    const rows = [...pixels].map((p) => Math.floor(p / width));
    const cols = [...pixels].map((p) => p % width);
    expect(Math.max(...rows) - Math.min(...rows)).toBeLessThanOrEqual(1);
    expect(Math.max(...cols) - Math.min(...cols)).toBeLessThanOrEqual(1);
    changed.forEach((i) => expect(Math.abs(out[i] - 0.5)).toBeCloseTo(0.1, 6));
  });

  it("shrinks the window on the paper's schedule, scaled to the budget", () => {
    expect(windowSide(0, 10_000, 256, 256)).toBe(Math.round(Math.sqrt(0.05 * 256 * 256)));
    expect(windowSide(11, 10_000, 256, 256)).toBe(Math.round(Math.sqrt(0.025 * 256 * 256)));
    // A budget of 1,000 reaches the same point ten times sooner.
    expect(windowSide(6, 1_000, 256, 256)).toBe(windowSide(51, 10_000, 256, 256));
    expect(windowSide(10_000, 10_000, 4, 4)).toBe(1);
  });

  it('counts every image it sends, in batches, and never passes its budget', async () => {
    const model = countingModel(3);
    const x0 = image(3);
    let last = 0;
    for await (const step of squareAttack(model, x0, { epsilon: 0.001, target: 1, queryBudget: 50, batchSize: 8, seed: 2 })) {
      expect(step.queries).toBe(model.shown());
      expect(step.queries === 1 || step.queries - last === 8).toBe(true);
      last = step.queries;
      step.x.dispose();
    }
    // ε this small cannot fool it: it ran to the budget (1 + 8·6 = 49; one more batch would pass 50).
    expect(last).toBe(49);
  });

  it('keeps |x − x⁰|∞ ≤ ε, accepts only a lower loss, and stops as soon as f says y*', async () => {
    const model = countingModel(5);
    const x0 = image(5);
    const start = x0.dataSync();
    const target = model.probabilities(x0).dataSync()[0] > 0.5 ? 1 : 0;
    const steps = await allSteps(squareAttack(model, x0, { epsilon: 0.3, target, queryBudget: 2_000, batchSize: 4, seed: 1 }));
    let previous = Infinity;
    for (const step of steps) {
      const x = step.x.dataSync();
      x.forEach((v, i) => {
        expect(Math.abs(v - start[i])).toBeLessThanOrEqual(0.3 + 1e-6);
        expect(v).toBeGreaterThanOrEqual(0);
      });
      expect(step.loss).toBeLessThanOrEqual(previous);
      if (!step.accepted) expect(step.loss).toBe(previous);
      previous = step.loss;
    }
    const last = steps[steps.length - 1];
    expect(last.probabilities[target]).toBeGreaterThan(0.5);
    // It stopped there: no step before the last had fooled it.
    steps.slice(0, -1).forEach((s) => expect(s.probabilities[target]).toBeLessThanOrEqual(0.5));
    expect(steps.map((s) => s.fooled)).toEqual([...steps.slice(0, -1).map(() => false), true]);
    expect(steps.some((s) => s.accepted && s.queries > 1)).toBe(true);
    steps.forEach((s) => s.x.dispose());
  });

  it('repeats exactly for a seed', async () => {
    const run = async (seed: number) => (await allSteps(squareAttack(countingModel(6), image(6), { epsilon: 0.05, target: 1, queryBudget: 40, batchSize: 4, seed }))).map((s) => {
      const values = Array.from(s.x.dataSync());
      s.x.dispose();
      return values;
    });
    expect(await run(3)).toEqual(await run(3));
    expect(await run(3)).not.toEqual(await run(4));
  });
});
