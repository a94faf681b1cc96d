// f behind a defense, as the defender deploys it and as each attacker sees it.
// - The defender's classifier: probabilities(x) = f(D(x)), a random D's draw named by a seed.
// - The naive attacker attacks f itself and never learns of D (no code needed: it is f).
// - The adaptive attacker attacks f∘D: through D's own gradient where D has one, through the
//   identity where it has none (BPDA, Athalye et al. 2018), averaged over D's draws (EOT).
import * as tf from '@tensorflow/tfjs';
import type { GradientModel } from '../attack/fgsm';
import type { Defense } from './defenses';

interface Judged {
  probabilities(x: tf.Tensor4D): tf.Tensor2D;
}

/** The defender's classifier. `seed` names the draw of a random defense. */
export function behindDefense(model: Judged, defense: Defense, seed: number): Judged {
  return { probabilities: (x) => tf.tidy(() => model.probabilities(defense.apply(x, seed))) };
}

export interface AdaptiveOptions {
  /** Draws averaged per gradient (EOT); 1 for a defense that does not draw. */
  samples: number;
  /** The first draw's seed; every call takes the next `samples` seeds, so no two gradients share a draw. */
  seed: number;
}

/** The adaptive attacker's model: ∇ₓ L(f(D(x))) by BPDA where D has no gradient, averaged over D's draws. */
export function adaptiveModel(model: GradientModel, defense: Defense, options: AdaptiveOptions): GradientModel {
  const samples = defense.random ? options.samples : 1;
  let call = 0;
  return {
    lossGradient(x, target) {
      const seeds = Array.from({ length: samples }, (_, k) => options.seed + call * samples + k);
      call++;
      return tf.tidy(() => {
        const parts = seeds.map((seed) => {
          const defended = defense.apply(x, seed);
          const { grad, logits, loss } = model.lossGradient(defended, target);
          // BPDA: D's Jacobian replaced by the identity. Otherwise Dᵀ·grad, by tfjs's own gradient of D.
          const throughD = defense.differentiable ? tf.grad((input: tf.Tensor) => tf.sum(tf.mul(defense.apply(input as tf.Tensor4D, seed), grad)))(x) : grad;
          return { grad: throughD, logits, loss };
        });
        const mean = <T extends tf.Tensor>(ts: T[]) => tf.div<T>(tf.addN(ts), ts.length);
        return { grad: mean(parts.map((p) => p.grad)) as tf.Tensor4D, logits: mean(parts.map((p) => p.logits)), loss: mean(parts.map((p) => p.loss)) };
      });
    },
  };
}
