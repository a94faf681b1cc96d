// What a user sees and saves is 8-bit: 256 levels per channel. The attack's iterate x is float32
// and stays within ε of x⁰, but rounding it to the nearest level can overshoot: at ε = 0.01
// (2.55 levels) a pixel moved by −ε rounds to −3 levels, 0.0118 > ε. So the shown image is x
// rounded, then pulled back to the nearest level within ε of x⁰'s own level. The iterate itself
// is not rounded (steps of η = ε/T are often far below one level) and the attack formula is
// unchanged; the L∞, L2 and probabilities shown are all computed from these 8-bit pixels.
import * as tf from '@tensorflow/tfjs';
import { levelBudget } from './budget';

/** x as 8-bit levels (integers 0..255, float32) with |level − round(255·x⁰)| ≤ levelBudget(ε). */
export function eightBitLevels(x: tf.Tensor4D, x0: tf.Tensor4D, epsilon: number): tf.Tensor4D {
  const budget = levelBudget(epsilon);
  return tf.tidy(() => {
    const base = tf.round(tf.mul(x0, 255));
    const rounded = tf.round(tf.mul(x, 255));
    return tf.minimum<tf.Tensor4D>(tf.maximum(rounded, tf.sub(base, budget)), tf.add(base, budget));
  });
}

/** The 8-bit image the lab shows for the iterate x, back in [0, 1]: what a model is shown. */
export function shownImage(x: tf.Tensor4D, x0: tf.Tensor4D, epsilon: number): tf.Tensor4D {
  return tf.tidy(() => tf.div<tf.Tensor4D>(eightBitLevels(x, x0, epsilon), 255));
}
