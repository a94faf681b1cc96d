import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { linearSoftmax, SHAPE } from '../attack/testing/linear-model';
import { adaptiveModel, behindDefense } from './defended';
import { DEFENSES, type Defense } from './defenses';
import { randomResizePad } from './resize-pad';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const f = linearSoftmax(3);
const x = () => tf.randomUniform(SHAPE, 0.1, 0.9, 'float32', 5) as tf.Tensor4D;
const values = (t: tf.Tensor) => Array.from(t.dataSync());

/** JPEG needs sides of 8: the toy images are 4×4, so the toy defenses are the other two plus a stand-in. */
const rounding: Defense = { id: 'bitDepth', random: false, differentiable: false, apply: (im) => tf.tidy(() => tf.div(tf.round(tf.mul(im, 3)), 3) as tf.Tensor4D) };

describe('f behind a defense', () => {
  it("the defender's classifier is f on the defended image", () => {
    const image = x();
    expect(values(behindDefense(f, DEFENSES.median, 0).probabilities(image))).toEqual(values(f.probabilities(DEFENSES.median.apply(image, 0))));
  });

  it('BPDA: through a defense with no gradient, the adaptive gradient is the undefended gradient at the defended point', () => {
    const image = x();
    for (const defense of [rounding, DEFENSES.median, DEFENSES.bitDepth]) {
      const adaptive = adaptiveModel(f, defense, { samples: 4, seed: 1 }).lossGradient(image, 1);
      const atDefended = f.lossGradient(defense.apply(image, 0), 1);
      expect(values(adaptive.grad), defense.id).toEqual(values(atDefended.grad));
      expect(values(adaptive.logits)).toEqual(values(atDefended.logits));
      // …and not the gradient at x itself: the defense moved the point.
      expect(values(adaptive.grad)).not.toEqual(values(f.lossGradient(image, 1).grad));
    }
  });

  it("EOT: through a random, differentiable defense, the mean over its draws of the true gradient of L(f(D(x)))", () => {
    const size = 16;
    const image = tf.randomUniform([1, size, size, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
    // A linear model on 16×16 images: logits = W·x, so L(f(D(x))) has a gradient tfjs can take end to end.
    const w = tf.randomNormal([2, size * size * 3], 0, 1, 'float32', 4) as tf.Tensor2D;
    const logitsOf = (im: tf.Tensor) => tf.matMul(tf.reshape(im, [1, -1]), w, false, true) as tf.Tensor2D;
    const lossOf = (im: tf.Tensor, target: number) => tf.neg(tf.gather(tf.logSoftmax(logitsOf(im)), [target], 1).sum()) as tf.Scalar;
    const model = {
      lossGradient: (im: tf.Tensor4D, target: number) => {
        const grad = tf.grad((v: tf.Tensor) => lossOf(v, target))(im) as tf.Tensor4D;
        return { grad, logits: logitsOf(im), loss: lossOf(im, target) };
      },
    };
    const samples = 3;
    const seed = 10;
    const adaptive = adaptiveModel(model, DEFENSES.resizePad, { samples, seed });
    const first = adaptive.lossGradient(image, 0);
    const endToEnd = (s: number) => tf.grad((v: tf.Tensor) => lossOf(randomResizePad(v as tf.Tensor4D, s), 0))(image);
    const expected = tf.div(tf.addN([0, 1, 2].map((k) => endToEnd(seed + k))), samples);
    const gap = tf.max(tf.abs(tf.sub(first.grad, expected))).dataSync()[0];
    expect(gap).toBeLessThan(1e-5 * tf.max(tf.abs(expected)).dataSync()[0]);
    // The next gradient takes the next draws, never the same ones again.
    const second = adaptive.lossGradient(image, 0);
    const expectedNext = tf.div(tf.addN([3, 4, 5].map((k) => endToEnd(seed + k))), samples);
    expect(tf.max(tf.abs(tf.sub(second.grad, expectedNext))).dataSync()[0]).toBeLessThan(1e-5 * tf.max(tf.abs(expectedNext)).dataSync()[0]);
  });

  it('leaves no tensor behind', () => {
    const image = x();
    const before = tf.memory().numTensors;
    const r = adaptiveModel(f, rounding, { samples: 1, seed: 0 }).lossGradient(image, 0);
    tf.dispose([r.grad, r.logits, r.loss]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
