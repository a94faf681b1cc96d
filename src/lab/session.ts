// One attack session, step by step: the image x⁰, the setting, and where the attack is. Lives in
// the worker (tensors never cross to the page); the page asks for one iteration at a time, so it
// can pause, step, or start over between any two iterations. No React here. Its async methods
// must not overlap (the worker queues them): each reads and changes the one current state.
import * as tf from '@tensorflow/tfjs';
import { iterativeFgsm, perturbationNorms, randomSignNoise, type GradientModel, type Iteration } from '../attack/fgsm';
import { predictedClass } from '../config';
import type { ModelId } from '../models/specs';
import type { AttackMode, LabSettings } from './settings';

export interface LabModel extends GradientModel {
  probabilities(x: tf.Tensor4D): tf.Tensor2D;
}

/** Which model's gradient each mode uses (noise uses none). */
export const ATTACKED_MODEL: Record<AttackMode, ModelId | null> = { whitebox: 'inception_v3', blackbox: 'mobilenet_v2', noise: null };

export interface LabFrame {
  /** Bumped by every new image or setting: frames of an older generation are stale. */
  generation: number;
  t: number;
  iterations: number;
  done: boolean;
  /** The target label y* actually used. */
  target: number;
  probabilities: Partial<Record<ModelId, number[]>>;
  linf: number;
  l2: number;
  /** The adversarial image x and the perturbation (x − x⁰)·amplification + ½, as RGBA bytes. */
  image: Uint8ClampedArray;
  perturbation: Uint8ClampedArray;
  amplification: number;
  /** tfjs memory once this frame was made (for the `?debug=1` readout and leak tests). */
  memory: { numTensors: number; numBytes: number };
}

const NOISE_SEED = 7;

export class LabSession {
  private x0: tf.Tensor4D | null = null;
  private x: tf.Tensor4D | null = null;
  private run: Generator<Iteration, void, undefined> | null = null;
  private t = 0;
  private target = 0;
  private generation = 0;
  private settings: LabSettings | null = null;

  constructor(private readonly models: () => Partial<Record<ModelId, LabModel>>) {}

  /** A new image or setting: back to x⁰, t = 0. Returns the starting frame. */
  async start(x0: tf.Tensor4D | null, settings: LabSettings): Promise<LabFrame> {
    if (x0) {
      this.x0?.dispose();
      this.x0 = x0;
    }
    if (!this.x0) throw new Error('no image');
    this.settings = settings;
    this.generation++;
    this.reset();
    this.target = settings.target === 'auto' ? this.defaultTarget() : settings.target;
    return this.frame();
  }

  /** Back to x⁰ with the same setting. */
  async restart(): Promise<LabFrame> {
    this.generation++;
    this.reset();
    return this.frame();
  }

  /** One more iteration (noise: its single draw), or the last frame again when done. */
  async step(): Promise<LabFrame> {
    const { settings, x0 } = this;
    if (!settings || !x0) throw new Error('no image');
    if (this.t >= this.totalIterations()) return this.frame();
    let next: tf.Tensor4D;
    if (settings.mode === 'noise') {
      next = randomSignNoise(x0, settings.epsilon, NOISE_SEED);
    } else {
      this.run ??= iterativeFgsm(this.attackedModel(settings.mode), x0, { epsilon: settings.epsilon, iterations: settings.iterations, target: this.target });
      const { value } = this.run.next();
      if (!value) throw new Error('attack ended early');
      value.logitsBefore.dispose();
      next = value.x;
    }
    if (this.x !== x0) this.x?.dispose();
    this.x = next;
    this.t++;
    return this.frame();
  }

  dispose(): void {
    this.reset();
    this.x0?.dispose();
    this.x0 = null;
  }

  private totalIterations(): number {
    return this.settings?.mode === 'noise' ? 1 : (this.settings?.iterations ?? 0);
  }

  private reset(): void {
    this.run?.return();
    this.run = null;
    if (this.x && this.x !== this.x0) this.x.dispose();
    this.x = this.x0;
    this.t = 0;
  }

  private attackedModel(mode: AttackMode): LabModel {
    const id = ATTACKED_MODEL[mode]!;
    const model = this.models()[id];
    if (!model) throw new Error(`${id} is still loading`);
    return model;
  }

  /** The class f does not predict for x⁰ (g's, while f is still loading). */
  private defaultTarget(): number {
    const models = this.models();
    const judge = models.inception_v3 ?? models.mobilenet_v2;
    if (!judge) return 0;
    const p = tf.tidy(() => judge.probabilities(this.x0!).dataSync());
    return 1 - predictedClass(p);
  }

  private async frame(): Promise<LabFrame> {
    const { t, generation, target } = this;
    const x = this.x!;
    const x0 = this.x0!;
    const epsilon = this.settings!.epsilon;
    const iterations = this.totalIterations();
    const probabilities: LabFrame['probabilities'] = {};
    for (const [id, model] of Object.entries(this.models()) as [ModelId, LabModel][]) {
      const p = model.probabilities(x);
      probabilities[id] = Array.from(await p.data());
      p.dispose();
    }
    const amplification = epsilon > 0 ? 0.5 / epsilon : 1;
    const [image, perturbation] = tf.tidy(() => [
      toRgba(x),
      toRgba(tf.clipByValue(tf.add(tf.mul(tf.sub(x, x0), amplification), 0.5), 0, 1) as tf.Tensor4D),
    ]);
    const frame: LabFrame = {
      generation,
      t,
      iterations,
      done: t >= iterations,
      target,
      probabilities,
      ...perturbationNorms(x, x0),
      image: new Uint8ClampedArray(await image.data()),
      perturbation: new Uint8ClampedArray(await perturbation.data()),
      amplification,
      memory: { numTensors: 0, numBytes: 0 },
    };
    tf.dispose([image, perturbation]);
    const { numTensors, numBytes } = tf.memory();
    frame.memory = { numTensors, numBytes };
    return frame;
  }
}

/** 1×H×W×3 in [0,1] → H×W×4 bytes (alpha 255), rounded as a canvas would. */
function toRgba(x: tf.Tensor4D): tf.Tensor3D {
  const [, h, w] = x.shape;
  const rgb = tf.round(tf.mul(tf.reshape(x, [h, w, 3]), 255));
  return tf.cast(tf.concat([rgb, tf.fill([h, w, 1], 255)], 2), 'int32') as tf.Tensor3D;
}
