import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { medianFilter3x3 } from './median';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The median of the nine pixels around (y, x), the border repeating the edge, by sorting. */
function bruteForce(values: Float32Array, [n, h, w, c]: number[]): number[] {
  const at = (k: number, y: number, x: number, ch: number) => values[((k * h + Math.min(h - 1, Math.max(0, y))) * w + Math.min(w - 1, Math.max(0, x))) * c + ch];
  const out: number[] = [];
  for (let k = 0; k < n; k++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let ch = 0; ch < c; ch++) {
          const nine = [-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => at(k, y + dy, x + dx, ch))).sort((a, b) => a - b);
          out.push(nine[4]);
        }
  return out;
}

describe('3×3 median filter', () => {
  it('equals the brute-force median of each pixel and its eight neighbours, borders included', () => {
    const shape: [number, number, number, number] = [2, 7, 9, 3];
    const x = tf.randomUniform(shape, 0, 1, 'float32', 3) as tf.Tensor4D;
    expect(Array.from(medianFilter3x3(x).dataSync())).toEqual(bruteForce(x.dataSync() as Float32Array, shape));
  });

  it('removes an isolated bright pixel and keeps an edge', () => {
    const values = Array.from({ length: 6 * 6 }, (_, i) => (i % 6 < 3 ? 0 : 1));
    values[2 * 6 + 1] = 1; // a speck on the dark side
    const y = Array.from(medianFilter3x3(tf.tensor4d(values, [1, 6, 6, 1])).dataSync());
    expect(y[2 * 6 + 1]).toBe(0);
    for (let r = 0; r < 6; r++) expect([y[r * 6 + 2], y[r * 6 + 3]]).toEqual([0, 1]);
  });
});
