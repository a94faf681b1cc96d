import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readOnce } from './read-once';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('readOnce', () => {
  it('returns the values and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const values = await readOnce(tf.tensor1d([0.25, 0.5, 1]));
    expect(Array.from(values)).toEqual([0.25, 0.5, 1]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('disposes the tensor even when the read fails', async () => {
    const t = tf.tensor1d([1, 2]);
    const before = tf.memory().numTensors;
    t.data = () => Promise.reject(new Error('device lost'));
    await expect(readOnce(t)).rejects.toThrow('device lost');
    expect(tf.memory().numTensors).toBe(before - 1);
    expect(t.isDisposed).toBe(true);
  });
});
