import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { levelBudget } from './budget';
import { eightBitLevels } from './eight-bit';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the 8-bit image shown', () => {
  it('may move a pixel by the whole levels that fit in ε', () => {
    expect([0, 0.001, 2 / 255, 0.01, 0.0196, 0.1].map(levelBudget)).toEqual([0, 0, 2, 2, 4, 25]);
  });

  it('is x rounded, pulled back within ε of x⁰ where rounding overshoots, and never pushed further', () => {
    const x0 = tf.tensor4d([100, 100, 0, 255].map((v) => v / 255), [1, 1, 4, 1]);
    // −ε rounds to −3 levels at ε = 0.01: pulled back to −2; +0.4 levels rounds to 0; clipped pixels stay.
    const x = tf.tensor4d([100 / 255 - 0.01, 100.4 / 255, 0, 1], [1, 1, 4, 1]);
    expect(Array.from(eightBitLevels(x, x0, 0.01).dataSync())).toEqual([98, 100, 0, 255]);
  });
});
