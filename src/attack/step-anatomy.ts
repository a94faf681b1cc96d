// One sign step taken apart, for the lab's "inside a step" views: the gradient, the sign of the
// direction stepped along, the move, and which pixels the projection stopped. Pure tensor math,
// the same operations as fgsmStep (fgsm.ts), so what the views show is what the step did.
import * as tf from '@tensorflow/tfjs';
import { CLIP } from './clip';

export interface StepTensors {
  /** ∇ₓL summed over the colour channels: 1×H×W. */
  gradient: tf.Tensor3D;
  /** sign of the direction stepped along (the gradient itself, or MI-FGSM's accumulation): 1×H×W×3, in {−1, 0, 1}. */
  sign: tf.Tensor4D;
  /** Per colour channel, a CLIP code: 1×H×W×3. */
  clip: tf.Tensor4D;
  /** The step's size α in [0, 1] pixel units. */
  stepSize: number;
}

/**
 * The parts of the step x → Π(x − α·sign(direction)). A channel counts as stopped when the
 * projection moved it by more than a thousandth of the step: iterative FGSM never leaves the
 * ball, and float32 rounding at its edge must not count as a stop.
 */
export function stepAnatomy(x: tf.Tensor4D, grad: tf.Tensor4D, direction: tf.Tensor4D, stepSize: number, x0: tf.Tensor4D, epsilon: number): StepTensors {
  return tf.tidy(() => {
    const sign = tf.sign(direction);
    const moved = tf.sub(x, tf.mul(stepSize, sign));
    const inBall = tf.minimum(tf.maximum(moved, tf.sub(x0, epsilon)), tf.add(x0, epsilon));
    const inRange = tf.clipByValue(inBall, 0, 1);
    const tolerance = stepSize * 1e-3;
    const stoppedByBall = tf.greater(tf.abs(tf.sub(inBall, moved)), tolerance);
    const stoppedByRange = tf.greater(tf.abs(tf.sub(inRange, inBall)), tolerance);
    const clip = tf.where(stoppedByRange, tf.fill(x.shape, CLIP.range), tf.where(stoppedByBall, tf.fill(x.shape, CLIP.ball), tf.fill(x.shape, CLIP.free)));
    return { gradient: tf.sum(grad, 3) as tf.Tensor3D, sign: sign as tf.Tensor4D, clip: clip as tf.Tensor4D, stepSize };
  });
}
