// Our tensor JPEG against a reference encoder and decoder (jpeg-js) at the same quality, on leaf
// photos. Stated tolerances, in levels of 255:
// - grey photos (R = G = B, where both colour conversions are exact), qualities 75, 90, 100:
//   ≥ 99.9 % of values within 1 level, none more than 2 apart;
// - colour photos, qualities 75 and 90: mean |difference| ≤ 1 and ≥ 95 % within 2 levels. jpeg-js
//   truncates in its colour conversion (at quality 100 its pixels sit about half a level below
//   the original, ours within 0.2 of it), which moves coefficients near a rounding boundary by
//   one quantisation step; ours must also stay no further from the original than jpeg-js.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import jpeg from 'jpeg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCanonical } from '../../scripts/lib/leaves';
import { leavesDir } from '../../scripts/lib/paths';
import { jpegRoundTrip, quantisationTable } from './jpeg';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SIZE = 256;
const photos = () => {
  const dir = path.join(leavesDir(), 'test', 'healthy');
  return fs.readdirSync(dir).sort().slice(0, 3).map((f) => loadCanonical(path.join(dir, f)));
};

/** The 8-bit values of x, and what jpeg-js gives back after encoding them at `quality`. */
function reference(x: tf.Tensor4D, quality: number): { original: number[]; decoded: number[] } {
  const original = Array.from(tf.tidy(() => tf.round(tf.mul(x, 255))).dataSync());
  const rgba = Buffer.alloc(SIZE * SIZE * 4, 255);
  original.forEach((v, i) => (rgba[Math.floor(i / 3) * 4 + (i % 3)] = v));
  const { data } = jpeg.decode(jpeg.encode({ data: rgba, width: SIZE, height: SIZE }, quality).data, { useTArray: true });
  return { original, decoded: original.map((_, i) => data[Math.floor(i / 3) * 4 + (i % 3)]) };
}

const meanAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

describe('JPEG from tensor ops', () => {
  it.each([75, 90])('matches jpeg-js at quality %i within the stated tolerance, and is no further from the original', (quality) => {
    for (const x of photos()) {
      const ours = Array.from(tf.tidy(() => tf.round(tf.mul(jpegRoundTrip(x, quality), 255))).dataSync());
      const { original, decoded } = reference(x, quality);
      expect(meanAbs(ours, decoded)).toBeLessThanOrEqual(1);
      expect(ours.filter((v, i) => Math.abs(v - decoded[i]) <= 2).length / ours.length).toBeGreaterThanOrEqual(0.95);
      expect(meanAbs(ours, original)).toBeLessThanOrEqual(meanAbs(decoded, original));
      x.dispose();
    }
  });

  it.each([75, 90, 100])('matches jpeg-js at quality %i on grey photos, where the colour conversions are exact', (quality) => {
    for (const colour of photos()) {
      const x = tf.tidy(() => tf.tile(tf.div(tf.round(tf.mul(tf.mean(colour, 3, true), 255)), 255), [1, 1, 1, 3]) as tf.Tensor4D);
      const ours = Array.from(tf.tidy(() => tf.round(tf.mul(jpegRoundTrip(x, quality), 255))).dataSync());
      const { decoded } = reference(x, quality);
      const apart = ours.map((v, i) => Math.abs(v - decoded[i]));
      expect(apart.filter((d) => d <= 1).length / apart.length).toBeGreaterThanOrEqual(0.999);
      expect(apart.every((d) => d <= 2)).toBe(true);
      tf.dispose([x, colour]);
    }
  });

  it('removes more the lower the quality, and gives 8-bit pixels', () => {
    const [x] = photos();
    const errors = [95, 75, 30, 10].map((q) => {
      const y = jpegRoundTrip(x, q);
      const values = y.dataSync();
      values.forEach((v) => expect(Math.abs(v * 255 - Math.round(v * 255))).toBeLessThan(1e-3));
      const e = tf.tidy(() => tf.mean(tf.abs(tf.sub(y, x))).dataSync()[0]);
      y.dispose();
      return e;
    });
    errors.slice(1).forEach((e, i) => expect(e).toBeGreaterThan(errors[i]));
    expect(errors[0]).toBeLessThan(2 / 255);
  });

  it("scales the standard tables as the IJG library does", () => {
    const base = [16, 11, 99, 1];
    expect(quantisationTable(base, 50)).toEqual([16, 11, 99, 1]);
    expect(quantisationTable(base, 75)).toEqual([8, 6, 50, 1]);
    expect(quantisationTable(base, 10)).toEqual([80, 55, 255, 5]);
    expect(quantisationTable(base, 100)).toEqual([1, 1, 1, 1]);
  });

  it('refuses sides that are not multiples of 8', () => {
    expect(() => jpegRoundTrip(tf.zeros([1, 12, 16, 3]) as tf.Tensor4D, 75)).toThrow(/multiples of 8/);
  });
});
