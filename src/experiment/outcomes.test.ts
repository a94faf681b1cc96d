import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { iterativeFgsm, randomSignNoise } from '../attack/fgsm';
import { linearSoftmax, SHAPE } from '../attack/testing/linear-model';
import { batchOutcomes, type ExperimentModel } from './outcomes';
import { eightBitLevels } from '../attack/eight-bit';
import { conditionKey, conditionsOf, PIXELS, type Condition, type ExperimentPlan } from './protocol';

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
  // 8-bit, as every leaf is.
  const x0 = tf.tidy(() => tf.div(tf.round(tf.mul(tf.randomUniform(SHAPE, 0.2, 0.8, 'float32', 3), 255)), 255)) as tf.Tensor4D;
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

  /** The prediction of `model` on x as the lab shows it (8-bit, within ε) and on the float x. */
  const judged = (model: ExperimentModel, x: tf.Tensor4D, eps: number) => {
    const shown = tf.tidy(() => tf.div(eightBitLevels(x, x0, eps), 255)) as tf.Tensor4D;
    const out = { '8bit': predicted(model, shown), float: predicted(model, x) };
    shown.dispose();
    return out;
  };
  const expectJudged = (outcome: string, match: Partial<Condition>, model: ExperimentModel, x: tf.Tensor4D, eps: number) => {
    const expected = judged(model, x, eps);
    for (const pixels of PIXELS) expect(digit(outcome, { ...match, pixels }), `${JSON.stringify(match)} ${pixels}`).toBe(expected[pixels]);
    x.dispose();
  };

  it('records every condition with the prediction of the lab attack module, on 8-bit and float images, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const [outcome] = await batchOutcomes({ f, g }, x0, label, plan);
    expect(tf.memory().numTensors).toBe(before);
    expect(outcome).toMatch(new RegExp(`^[01]{${conditions.length}}$`));
    expect(digit(outcome, { judge: 'f', method: 'none' })).toBe(label);
    expect(digit(outcome, { judge: 'g', method: 'none' })).toBe(predicted(g, x0));
    for (const eps of [0.05, 1]) {
      for (const seed of plan.noiseSeeds) expectJudged(outcome, { method: 'noise', eps, seed }, f, randomSignNoise(x0, eps, seed), eps);
      for (const T of plan.iterations) {
        expectJudged(outcome, { judge: 'f', method: 'blackbox', eps, T }, f, finalImage(g, eps, T), eps);
        expectJudged(outcome, { judge: 'g', method: 'blackbox', eps, T }, g, finalImage(g, eps, T), eps);
      }
      expectJudged(outcome, { method: 'whitebox', eps }, f, finalImage(f, eps, 1), eps);
    }
  });

  it('at ε below one brightness level the 8-bit image is x⁰: f judges it as the clean image', async () => {
    const [outcome] = await batchOutcomes({ f, g }, x0, label, { ...plan, epsilons: [0, 0.003] });
    const small = conditionsOf({ ...plan, epsilons: [0, 0.003] });
    const eightBit = small.map((c, i) => [c, outcome[i]] as const).filter(([c]) => c.pixels === '8bit' && c.method !== 'none');
    expect(eightBit).toHaveLength(plan.noiseSeeds.length + 2 * plan.iterations.length + 1);
    for (const [c, d] of eightBit) expect(Number(d), conditionKey(c)).toBe(c.judge === 'f' ? label : predicted(g, x0));
  });

  it('attacks towards the other class: a full-size white-box step fools f', async () => {
    const [outcome] = await batchOutcomes({ f, g }, x0, label, plan);
    expect(digit(outcome, { method: 'whitebox', eps: 1 })).toBe(target);
  });
});
