import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { iterativeFgsm, randomSignNoise } from '../attack/fgsm';
import { linearSoftmax, SHAPE } from '../attack/testing/linear-model';
import { batchOutcomes, type ExperimentModel } from './outcomes';
import { conditionsOf, type Condition, type ExperimentPlan } from './protocol';

const toyModel = (seed: number): ExperimentModel => {
  const m = linearSoftmax(seed);
  return { lossGradient: m.lossGradient, logits: (x) => tf.tidy(() => tf.log(m.probabilities(x))) };
};
const predicted = (model: ExperimentModel, x: tf.Tensor4D) => tf.tidy(() => tf.argMax(model.logits(x), 1).dataSync()[0]);
const plan: ExperimentPlan = { epsilons: [0, 0.05, 1], iterations: [1, 3], noiseSeeds: [1, 2] };

describe('one batch of the experiment (toy linear models)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const f = toyModel(1);
  const g = toyModel(2);
  const x0 = tf.randomUniform(SHAPE, 0.2, 0.8, 'float32', 3) as tf.Tensor4D;
  const label = predicted(f, x0);
  const target = 1 - label;
  const conditions = conditionsOf(plan);
  const digit = (outcome: string, match: Partial<Condition>) =>
    Number(outcome[conditions.findIndex((c) => Object.entries(match).every(([k, v]) => c[k as keyof Condition] === v))]);
  const finalImage = (model: ExperimentModel, eps: number, T: number) => {
    let last: tf.Tensor4D | null = null;
    for (const { x, logitsBefore } of iterativeFgsm(model, x0, { epsilon: eps, iterations: T, target })) {
      logitsBefore.dispose();
      last?.dispose();
      last = x;
    }
    return last!;
  };

  it('records every condition with the prediction of the lab attack module, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const [outcome] = await batchOutcomes({ f, g }, x0, label, plan);
    expect(tf.memory().numTensors).toBe(before);
    expect(outcome).toMatch(new RegExp(`^[01]{${conditions.length}}$`));
    expect(digit(outcome, { judge: 'f', method: 'none' })).toBe(label);
    expect(digit(outcome, { judge: 'g', method: 'none' })).toBe(predicted(g, x0));
    for (const eps of [0.05, 1]) {
      for (const seed of plan.noiseSeeds) {
        const noisy = randomSignNoise(x0, eps, seed);
        expect(digit(outcome, { method: 'noise', eps, seed })).toBe(predicted(f, noisy));
        noisy.dispose();
      }
      for (const T of plan.iterations) {
        const onG = finalImage(g, eps, T);
        expect(digit(outcome, { judge: 'f', method: 'blackbox', eps, T })).toBe(predicted(f, onG));
        expect(digit(outcome, { judge: 'g', method: 'blackbox', eps, T })).toBe(predicted(g, onG));
        onG.dispose();
      }
      const onF = finalImage(f, eps, 1);
      expect(digit(outcome, { method: 'whitebox', eps })).toBe(predicted(f, onF));
      onF.dispose();
    }
  });

  it('attacks towards the other class: a full-size white-box step fools f', async () => {
    const [outcome] = await batchOutcomes({ f, g }, x0, label, plan);
    expect(digit(outcome, { method: 'whitebox', eps: 1 })).toBe(target);
  });
});
