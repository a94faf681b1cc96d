// Targeted iterative FGSM, the method the demo teaches, as pure tensor math (no React, no worker):
//   η = ε / T;  repeat T times:  x ← clip₍₀,₁₎(x − η · sign(∂L(x, y*)/∂x))
// where L is the cross-entropy towards the wrong target y*. Then |x − x⁰|∞ ≤ T·η = ε.
import * as tf from '@tensorflow/tfjs';
import { stepSize } from './budget';
import { stepAnatomy, type StepTensors } from './step-anatomy';

/** Anything that gives the loss gradient towards a target (a Classifier, or a toy model in tests). */
export interface GradientModel {
  lossGradient(x: tf.Tensor4D, target: number): { grad: tf.Tensor4D; logits: tf.Tensor2D; loss: tf.Scalar };
}

export interface AttackSettings {
  /** L∞ budget in [0,1] pixel units. */
  epsilon: number;
  /** Number of iterations T ≥ 1. */
  iterations: number;
  /** Index of the target class y*. */
  target: number;
  /** Also yield each step taken apart (the lab's step views); off where only the end point counts. */
  keepSteps?: boolean;
}

/**
 * One step: x − η·sign(g), clipped to valid pixels. It is also clipped to the ε-ball around x⁰:
 * mathematically a no-op (T steps of η never leave it), it keeps T steps' float32 rounding from
 * adding up, so |x − x⁰| stays within one float32 rounding (< 1e-7) of ε.
 */
export function fgsmStep(x: tf.Tensor4D, grad: tf.Tensor4D, eta: number, x0: tf.Tensor4D, epsilon: number): tf.Tensor4D {
  return tf.tidy(() => {
    const moved = tf.sub<tf.Tensor4D>(x, tf.mul(eta, tf.sign(grad)));
    const inBall = tf.minimum<tf.Tensor4D>(tf.maximum(moved, tf.sub(x0, epsilon)), tf.add(x0, epsilon));
    return tf.clipByValue(inBall, 0, 1);
  });
}

export interface Iteration {
  /** 1..T */
  t: number;
  x: tf.Tensor4D;
  /** Logits of the attacked model at the previous x (the one whose gradient made this step). */
  logitsBefore: tf.Tensor2D;
  /** With `keepSteps`: this step taken apart (the caller's: dispose it). */
  step?: StepTensors;
}

/**
 * How a sign-gradient attack moves: where it starts, its step, and the direction whose sign it
 * steps against (the gradient itself, or an accumulation of it). Iterative FGSM, PGD and MI-FGSM
 * differ only here.
 */
export interface SignStepRule {
  /** The first iterate (default x⁰); the rule's own, disposed when the run ends. */
  start?: tf.Tensor4D;
  /** Step size in [0,1] pixel units. */
  stepSize: number;
  /** Turns this iteration's gradient into the direction stepped along (default: the gradient). Returns a new tensor. */
  direction?(grad: tf.Tensor4D): tf.Tensor4D;
  /** Frees what the rule keeps between iterations. */
  dispose?(): void;
}

/**
 * T iterations of x ← Π(x − stepSize·sign(direction(∇ₓL))), Π the projection onto the ε-ball around
 * x⁰ and [0, 1], one at a time, so a UI can show each step and stop between steps. Each yielded x
 * belongs to the caller (dispose it); the generator disposes its own intermediates.
 */
export function* signSteps(model: GradientModel, x0: tf.Tensor4D, settings: AttackSettings, rule: SignStepRule): Generator<Iteration, void, undefined> {
  let x = rule.start ?? x0;
  try {
    for (let t = 1; t <= settings.iterations; t++) {
      const { grad, logits, loss } = model.lossGradient(x, settings.target);
      const direction = rule.direction ? rule.direction(grad) : grad;
      const next = fgsmStep(x, direction, rule.stepSize, x0, settings.epsilon);
      const step = settings.keepSteps ? stepAnatomy(x, grad, direction, rule.stepSize, x0, settings.epsilon) : undefined;
      tf.dispose([grad, direction, loss]);
      if (x !== x0) x.dispose();
      x = next;
      yield { t, x: tf.clone(next), logitsBefore: logits, step };
    }
  } finally {
    // Also when the caller stops early (a new setting arrived): nothing of ours stays behind.
    if (x !== x0) x.dispose();
    rule.dispose?.();
  }
}

/** The course's method: T steps of η = ε/T from x⁰ against the sign of the gradient itself. */
export function iterativeFgsm(model: GradientModel, x0: tf.Tensor4D, settings: AttackSettings): Generator<Iteration, void, undefined> {
  return signSteps(model, x0, settings, { stepSize: stepSize(settings) });
}

/**
 * The baseline: x⁰ + ε·s with s a random ±1 per pixel, clipped; seeded so it is reproducible.
 * One pattern per seed, shared by every image of a batch, so an image gets the same noise whether
 * it is attacked alone (the lab, the browser's experiment) or in a batch (the experiment script).
 */
export function randomSignNoise(x0: tf.Tensor4D, epsilon: number, seed: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w, c] = x0.shape;
    const signs = tf.sub(tf.mul(tf.cast(tf.greater(tf.randomUniform([1, h, w, c], 0, 1, 'float32', seed), 0.5), 'float32'), 2), 1);
    return tf.clipByValue(tf.add<tf.Tensor4D>(x0, tf.mul(epsilon, signs)), 0, 1);
  });
}

/** Runs an attack to its end and returns its last iterate (the caller's: dispose it); x⁰'s copy for T = 0. */
export function lastIterate(steps: Iterable<Iteration>, x0: tf.Tensor4D): tf.Tensor4D {
  let last: tf.Tensor4D | null = null;
  for (const { x, logitsBefore } of steps) {
    logitsBefore.dispose();
    last?.dispose();
    last = x;
  }
  return last ?? tf.clone(x0);
}
