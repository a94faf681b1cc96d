import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { reduceBitDepth } from './bit-depth';
import { DEFENSES } from './defenses';
import { DEFENSE_IDS } from './names';
import { randomResizePad, resizePadDraw, RESIZE_MIN_SHARE } from './resize-pad';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const image = (seed: number, size = 32) => tf.randomUniform([1, size, size, 3], 0, 1, 'float32', seed) as tf.Tensor4D;

describe('bit-depth reduction', () => {
  it('rounds each value to the nearest of 2^k levels', () => {
    const x = tf.tensor4d([0, 0.1, 0.2, 0.49, 0.51, 0.9, 1, 0.74], [1, 2, 4, 1]);
    expect(Array.from(reduceBitDepth(x, 1).dataSync())).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    const three = Array.from(reduceBitDepth(x, 3).dataSync());
    three.forEach((v, i) => {
      expect(Math.abs(v * 7 - Math.round(v * 7))).toBeLessThan(1e-6);
      expect(Math.abs(v - x.dataSync()[i])).toBeLessThanOrEqual(1 / 14 + 1e-6);
    });
  });
});

describe('random resize and pad', () => {
  it('shrinks to a random side within its range and places it at a random offset on black, the same for a seed', () => {
    const size = 32;
    const draws = Array.from({ length: 40 }, (_, seed) => resizePadDraw(size, seed));
    for (const { side, top, left } of draws) {
      expect(side).toBeGreaterThanOrEqual(Math.ceil(RESIZE_MIN_SHARE * size));
      expect(side).toBeLessThanOrEqual(size);
      expect(top + side).toBeLessThanOrEqual(size);
      expect(left + side).toBeLessThanOrEqual(size);
    }
    expect(new Set(draws.map((d) => `${d.side},${d.top},${d.left}`)).size).toBeGreaterThan(10);
    const x = tf.add(image(1), 0.01) as tf.Tensor4D; // nothing black in the picture itself
    const seed = draws.findIndex((d) => d.side < size && d.top > 0);
    const { side, top, left } = draws[seed];
    const y = randomResizePad(x, seed);
    expect(y.shape).toEqual(x.shape);
    const values = y.dataSync();
    const at = (r: number, c: number) => values[(r * size + c) * 3];
    expect(at(top - 1, left)).toBe(0);
    expect(at(top, left)).toBeGreaterThan(0);
    expect(at(top + side - 1, left + side - 1)).toBeGreaterThan(0);
    // Corners aligned: the picture's corner pixel lands on the placed square's corner.
    expect(at(top, left)).toBeCloseTo(x.dataSync()[0], 5);
    expect(Array.from(randomResizePad(x, seed).dataSync())).toEqual(Array.from(values));
  });
});

describe('the defenses by name', () => {
  it('each keeps the shape and the [0, 1] range; only the random one changes with the seed', () => {
    const x = image(2);
    for (const id of DEFENSE_IDS) {
      const d = DEFENSES[id];
      const [a, b] = [1, 2].map((seed) => d.apply(x, seed));
      expect(a.shape).toEqual(x.shape);
      expect(tf.min(a).dataSync()[0]).toBeGreaterThanOrEqual(0);
      expect(tf.max(a).dataSync()[0]).toBeLessThanOrEqual(1);
      const same = tf.equal(a, b).all().dataSync()[0] === 1;
      expect(same, id).toBe(!d.random);
      // It changes the image: a defense that does nothing defends nothing.
      expect(tf.max(tf.abs(tf.sub(a, x))).dataSync()[0], id).toBeGreaterThan(0.01);
    }
  });
});
