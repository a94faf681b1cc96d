// MI-FGSM (Dong et al. 2018): iterative FGSM that steps along an accumulated gradient,
//   g ← μ·g + ∇ₓL / ‖∇ₓL‖₁,   x ← Π(x − η·sign(g)),   η = ε/T.
// Normalising each gradient by its L1 norm lets every iteration count alike; the momentum keeps
// the direction from chasing the substitute's local bumps, which made their images transfer better.
import * as tf from '@tensorflow/tfjs';
import { stepSize } from './budget';
import { signSteps, type AttackSettings, type GradientModel, type Iteration, type SignStepRule } from './fgsm';

export interface MomentumSettings extends AttackSettings {
  /** Decay μ of the accumulated gradient; 1 by default, as in the paper. */
  momentum?: number;
}

/** Per-image L1 norm over pixels and channels, kept ≥ a tiny floor so a zero gradient stays zero. */
const perImageL1 = (grad: tf.Tensor4D) => tf.maximum(tf.sum(tf.abs(grad), [1, 2, 3], true), 1e-12);

/** The accumulator: state between iterations, so it is kept out of tidy and freed at the end. */
function momentumDirection(momentum: number): Required<Pick<SignStepRule, 'direction' | 'dispose'>> {
  let accumulated: tf.Tensor4D | null = null;
  return {
    direction(grad) {
      const next = tf.tidy(() => {
        const normalised = tf.div<tf.Tensor4D>(grad, perImageL1(grad));
        return accumulated ? tf.add<tf.Tensor4D>(tf.mul(momentum, accumulated), normalised) : normalised;
      });
      accumulated?.dispose();
      accumulated = next;
      return tf.clone(next);
    },
    dispose() {
      accumulated?.dispose();
      accumulated = null;
    },
  };
}

export function momentumFgsm(model: GradientModel, x0: tf.Tensor4D, settings: MomentumSettings): Generator<Iteration, void, undefined> {
  return signSteps(model, x0, settings, { stepSize: stepSize(settings), ...momentumDirection(settings.momentum ?? 1) });
}
