// The lab's gradient attacks by name: the same budget (ε, T, y*), three ways of moving.
import type * as tf from '@tensorflow/tfjs';
import type { GradientMethod } from '../lab/settings';
import { iterativeFgsm, type AttackSettings, type GradientModel, type Iteration } from './fgsm';
import { momentumFgsm } from './momentum';
import { pgd } from './pgd';

/** PGD's random start in the lab: one fixed draw, so a link shows everyone the same run. */
const PGD_START_SEED = 7;

export function gradientAttack(method: GradientMethod, model: GradientModel, x0: tf.Tensor4D, settings: AttackSettings): Generator<Iteration, void, undefined> {
  switch (method) {
    case 'ifgsm':
      return iterativeFgsm(model, x0, settings);
    case 'pgd':
      return pgd(model, x0, { ...settings, seed: PGD_START_SEED });
    case 'mifgsm':
      return momentumFgsm(model, x0, settings);
  }
}
