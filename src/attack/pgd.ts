// PGD (Madry et al. 2018): iterative FGSM from a random point of the ε-ball, with a larger step and
// the projection back onto the ball doing the rest. Restarts try several random starts and keep the best.
import * as tf from '@tensorflow/tfjs';
import { pgdStepSize } from './budget';
import { signSteps, type AttackSettings, type GradientModel, type Iteration } from './fgsm';

export interface PgdSettings extends AttackSettings {
  /** Step α in [0,1] pixel units; default 2.5·ε/T, Madry et al.'s choice. */
  stepSize?: number;
  /** Seeds the random start: one start per seed. */
  seed: number;
}


/** x⁰ + u with u uniform in [−ε, ε] per pixel, clipped to [0, 1]: a random point of the ball. */
export function randomStart(x0: tf.Tensor4D, epsilon: number, seed: number): tf.Tensor4D {
  return tf.tidy(() => tf.clipByValue(tf.add<tf.Tensor4D>(x0, tf.randomUniform(x0.shape, -epsilon, epsilon, 'float32', seed)), 0, 1));
}

export function pgd(model: GradientModel, x0: tf.Tensor4D, settings: PgdSettings): Generator<Iteration, void, undefined> {
  return signSteps(model, x0, settings, { start: randomStart(x0, settings.epsilon, settings.seed), stepSize: pgdStepSize(settings) });
}

/** Runs PGD from `restarts` random starts (seeds seed, seed + 1, …) and keeps the end point with the lowest loss towards y*. */
export function pgdWithRestarts(model: GradientModel, x0: tf.Tensor4D, settings: PgdSettings, restarts: number): { x: tf.Tensor4D; loss: number; restart: number } {
  let best: { x: tf.Tensor4D; loss: number; restart: number } | null = null;
  for (let restart = 0; restart < restarts; restart++) {
    let last: tf.Tensor4D | null = null;
    for (const { x, logitsBefore } of pgd(model, x0, { ...settings, seed: settings.seed + restart })) {
      logitsBefore.dispose();
      last?.dispose();
      last = x;
    }
    const x = last ?? randomStart(x0, settings.epsilon, settings.seed + restart);
    const { grad, logits, loss } = model.lossGradient(x, settings.target);
    const value = loss.dataSync()[0];
    tf.dispose([grad, logits, loss]);
    if (!best || value < best.loss) {
      best?.x.dispose();
      best = { x, loss: value, restart };
    } else x.dispose();
  }
  if (!best) throw new Error('PGD needs at least one restart');
  return best;
}
