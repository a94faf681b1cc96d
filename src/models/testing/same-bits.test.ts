import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { sameBits } from './same-bits';

it('sameBits tells 0 from -0, matches NaN with NaN, and refuses another shape or dtype', () => {
  const t = (values: number[], shape = [values.length]) => tf.tensor(values, shape, 'float32');
  expect(sameBits(t([1, NaN, 0]), t([1, NaN, 0]))).toBe(true);
  expect(sameBits(t([1, 2, 0]), t([1, 2, -0]))).toBe(false);
  expect(sameBits(t([1, 2, 3, 4]), t([1, 2, 3, 4], [2, 2]))).toBe(false);
  expect(sameBits(tf.tensor([1, 2], [2], 'int32'), tf.tensor([1, 2], [2], 'int32'))).toBe(false);
  expect(sameBits(t([1, 2]), t([1, 2.0000002]))).toBe(false);
});
