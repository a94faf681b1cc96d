import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { iterativeFgsm, type Iteration } from './fgsm';
import { momentumFgsm } from './momentum';
import { pgd } from './pgd';
import { CLIP } from './clip';
import { linearSoftmax, PIXELS, SHAPE } from './testing/linear-model';
import { scriptedGradients } from './testing/scripted-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const image = (seed: number) => tf.randomUniform(SHAPE, 0, 1, 'float32', seed) as tf.Tensor4D;

/** Runs an attack with its steps kept, as plain arrays: x before and after each step, and the step's parts. */
function unpack(steps: Iterable<Iteration>, start: Float32Array) {
  let before = start;
  const out = [];
  for (const { x, logitsBefore, step } of steps) {
    if (!step) throw new Error('no step kept');
    const after = x.dataSync() as Float32Array;
    out.push({ before, after, gradient: step.gradient.dataSync(), sign: step.sign.dataSync(), clip: step.clip.dataSync() });
    before = after;
    tf.dispose([x, logitsBefore, step.gradient, step.sign, step.clip]);
  }
  return out;
}

describe('a step taken apart', () => {
  it('iterative FGSM: the move is −η·sign(∇L) wherever the clip did not act, and the clip acts only at 0 or 1', () => {
    const [epsilon, iterations] = [0.3, 3];
    const eta = epsilon / iterations;
    const model = linearSoftmax(7);
    const x0 = image(7);
    const gradients: number[][] = [];
    const recording = {
      lossGradient: (at: tf.Tensor4D, target: number) => {
        const result = model.lossGradient(at, target);
        gradients.push(Array.from(result.grad.dataSync()));
        return result;
      },
    };
    const steps = unpack(iterativeFgsm(recording, x0, { epsilon, iterations, target: 1, keepSteps: true }), x0.dataSync() as Float32Array);
    let stopped = 0;
    steps.forEach(({ before, after, gradient, sign, clip }, t) => {
      for (let p = 0; p < PIXELS / 3; p++) {
        const sum = gradients[t][3 * p] + gradients[t][3 * p + 1] + gradients[t][3 * p + 2];
        expect(gradient[p]).toBeCloseTo(sum, 5);
      }
      for (let i = 0; i < PIXELS; i++) {
        expect(sign[i]).toBe(Math.sign(gradients[t][i]));
        expect(clip[i], 'iterative FGSM never reaches past the ball').not.toBe(CLIP.ball);
        if (clip[i] === CLIP.free) expect(after[i] - before[i]).toBeCloseTo(-eta * sign[i], 6);
        else {
          stopped++;
          expect(after[i]).toBe(sign[i] > 0 ? 0 : 1);
          expect(Math.abs(after[i] - before[i])).toBeLessThan(eta);
        }
      }
    });
    // The image was chosen so that both kinds of channel occur.
    expect(stopped).toBeGreaterThan(0);
    expect(stopped).toBeLessThan(PIXELS * iterations);
    x0.dispose();
  });

  it('PGD: the large step is stopped at the ε-ball, and those channels end exactly ε from x⁰', () => {
    const epsilon = 0.05;
    const x0 = tf.fill(SHAPE, 0.5) as tf.Tensor4D;
    const steps = unpack(pgd(linearSoftmax(3), x0, { epsilon, iterations: 2, target: 1, seed: 1, keepSteps: true }), new Float32Array(PIXELS));
    const atBall = steps.flatMap(({ after, clip }) => Array.from(after).filter((_, i) => clip[i] === CLIP.ball));
    expect(atBall.length).toBeGreaterThan(0);
    atBall.forEach((v) => expect(Math.abs(v - 0.5)).toBeCloseTo(epsilon, 6));
    x0.dispose();
  });

  it('MI-FGSM: the sign shown is that of the accumulated direction, not of this step’s gradient', () => {
    const first = Array.from({ length: PIXELS }, (_, i) => (i % 2 ? 10 : -10));
    const second = first.map((v) => -v / 100);
    const x0 = tf.fill(SHAPE, 0.5) as tf.Tensor4D;
    const [, step2] = unpack(momentumFgsm(scriptedGradients(SHAPE, [first, second]), x0, { epsilon: 0.1, iterations: 2, target: 1, keepSteps: true }), x0.dataSync() as Float32Array);
    // The second gradient points the other way everywhere, but momentum keeps the first direction.
    step2.sign.forEach((s, i) => expect(s).toBe(Math.sign(first[i])));
    x0.dispose();
  });

  it('keeps nothing when not asked, and leaks no tensor when asked', () => {
    const x0 = image(2);
    const before = tf.memory().numTensors;
    for (const { x, logitsBefore, step } of iterativeFgsm(linearSoftmax(2), x0, { epsilon: 0.1, iterations: 2, target: 0 })) {
      expect(step).toBeUndefined();
      tf.dispose([x, logitsBefore]);
    }
    unpack(iterativeFgsm(linearSoftmax(2), x0, { epsilon: 0.1, iterations: 2, target: 0, keepSteps: true }), x0.dataSync() as Float32Array);
    // linearSoftmax's own weights are the only tensors left.
    expect(tf.memory().numTensors - before).toBe(4);
    x0.dispose();
  });
});
