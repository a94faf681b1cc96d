// One batch of the experiment: attack the images every way the plan says and record what f and g
// predict. The attacks are the lab's own (src/attack/fgsm.ts): no second implementation.
import * as tf from '@tensorflow/tfjs';
import { shownImage } from '../attack/eight-bit';
import { iterativeFgsm, lastIterate, randomSignNoise, type GradientModel } from '../attack/fgsm';
import { conditionKey, conditionsOf, targetOf, WHITEBOX_ITERATIONS, type Condition, type ExperimentPlan, type Judge, type Pixels } from './protocol';

export interface ExperimentModel extends GradientModel {
  logits(x: tf.Tensor4D): tf.Tensor2D;
}

export type ExperimentModels = Record<Judge, ExperimentModel>;

/** Predicted class of every image in x (argmax of the logits; ties go to the first class). */
async function predict(model: ExperimentModel, x: tf.Tensor4D): Promise<number[]> {
  const classes = tf.tidy(() => tf.argMax(model.logits(x), 1));
  const out = Array.from(await classes.data());
  classes.dispose();
  return out;
}

/** How an image was made from x⁰: a condition without its judge and pixels. */
type Made = Pick<Condition, 'method' | 'eps' | 'T' | 'seed'>;

/**
 * Outcomes of one batch of images that share a label: for each image, one digit (the predicted
 * class) per condition of the plan, in conditionsOf order. x0 stays the caller's.
 */
export async function batchOutcomes(models: ExperimentModels, x0: tf.Tensor4D, label: number, plan: ExperimentPlan): Promise<string[]> {
  const target = targetOf(label);
  const found = new Map<string, number[]>();
  const judge = async (x: tf.Tensor4D, conditions: Condition[]) => {
    for (const c of conditions) found.set(conditionKey(c), await predict(models[c.judge], x));
    // A macrotask between attacks: on wasm and cpu every pass is synchronous and data() resolves
    // as a microtask, so a whole batch would otherwise hold the event loop (a test runner's RPC, a
    // worker's incoming messages) for minutes.
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const conditions = conditionsOf(plan);
  /** The conditions of one image made from x⁰, judged as `pixels`. */
  const where = (pixels: Pixels, made: Made) =>
    conditions.filter((c) => c.pixels === pixels && c.method === made.method && c.eps === made.eps && c.T === made.T && c.seed === made.seed);
  /** Judges x as the lab shows it (8-bit, within ε) and as the float iterate, then disposes it. */
  const judgeBoth = async (x: tf.Tensor4D, made: Made) => {
    const shown = shownImage(x, x0, made.eps);
    try {
      await judge(shown, where('8bit', made));
      await judge(x, where('float', made));
    } finally {
      tf.dispose([x, shown]);
    }
  };

  await judge(x0, where('8bit', { method: 'none', eps: 0, T: null, seed: null }));
  for (const eps of plan.epsilons.filter((e) => e > 0)) {
    for (const seed of plan.noiseSeeds) await judgeBoth(randomSignNoise(x0, eps, seed), { method: 'noise', eps, T: null, seed });
    for (const T of plan.iterations) await judgeBoth(lastIterate(iterativeFgsm(models.g, x0, { epsilon: eps, iterations: T, target }), x0), { method: 'blackbox', eps, T, seed: null });
    const T = WHITEBOX_ITERATIONS;
    await judgeBoth(lastIterate(iterativeFgsm(models.f, x0, { epsilon: eps, iterations: T, target }), x0), { method: 'whitebox', eps, T, seed: null });
  }
  return Array.from({ length: x0.shape[0] }, (_, i) => conditions.map((c) => found.get(conditionKey(c))![i]).join(''));
}
