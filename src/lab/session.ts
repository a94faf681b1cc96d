// One attack session, step by step: the image x⁰, the setting, and where the attack is. Lives in
// the worker (tensors never cross to the page); the page asks for one iteration at a time, so it
// can pause, step, or start over between any two iterations. No React here. Its async methods
// must not overlap (the worker queues them): each reads and changes the one current state.
import * as tf from '@tensorflow/tfjs';
import { eightBitLevels, shownImage } from '../attack/eight-bit';
import { randomSignNoise, type GradientModel, type Iteration } from '../attack/fgsm';
import { gradientAttack } from '../attack/methods';
import type { StepTensors } from '../attack/step-anatomy';
import { squareAttack, type QueryModel, type QueryStep } from '../attack/square';
import { adaptiveModel, behindDefense } from '../defense/defended';
import { DEFENSES } from '../defense/defenses';
import { EOT_SAMPLES, type DefenseId } from '../defense/names';
import { predictedClass } from '../config';
import { rgbaToImage } from '../models/preprocess';
import { readOnce } from '../models/read-once';
import type { ModelId } from '../models/specs';
import { ATTACKED_MODEL, QUERY_BATCH, type AttackMode, type LabSettings } from './settings';

/** What judges an image: probabilities for a batch. */
type Judge = Pick<LabModel, 'probabilities'>;

export interface LabModel extends GradientModel {
  probabilities(x: tf.Tensor4D): tf.Tensor2D;
}

export interface LabFrame {
  /** The setting this frame was made under (the newest setting may differ while a restart is on its way). */
  settings: LabSettings;
  t: number;
  iterations: number;
  done: boolean;
  /** The target label y* actually used. */
  target: number;
  /** Each model's probabilities for `image`, the 8-bit pixels shown and downloaded. */
  probabilities: Partial<Record<ModelId, number[]>>;
  /** Distances between `image` and x⁰'s 8-bit pixels: L∞ ≤ ε always. */
  linf: number;
  l2: number;
  /** The adversarial image x in 8 bits and the perturbation (x − x⁰)·amplification + ½, as RGBA bytes. */
  image: Uint8ClampedArray;
  perturbation: Uint8ClampedArray;
  amplification: number;
  /** What f sees behind the defense (RGBA), or null without one. */
  defended: Uint8ClampedArray | null;
  /** Query only: the images sent to f so far, the budget, and how fast they went (null in other modes). */
  queries: QueryCount | null;
  /** How far x⁰ is from f's world (null until f has loaded). */
  outOfWorld: WorldReading | null;
  /** The gradient step that made this x, taken apart (null at t = 0, for noise and for queries). */
  step: StepView | null;
  /** tfjs memory once this frame was made (for the `?debug=1` readout and leak tests). */
  memory: { numTensors: number; numBytes: number };
}

const NOISE_SEED = 7;
const SQUARE_SEED = 7;
/** The draw of a random defense when f judges the frame, and the adaptive attacker's first draw. */
const JUDGE_SEED = 0;
const ADAPTIVE_SEED = 1;

/** A step's parts as the page draws them (see attack/step-anatomy.ts), row-major H×W pixels. */
export interface StepView {
  /** ∇ₓL summed over R, G, B, per pixel (H·W), at the float iterate the step began from. */
  gradient: Float32Array;
  /** sign of the direction stepped along, per channel (H·W·3): −1, 0 or 1. */
  sign: Int8Array;
  /** Per channel (H·W·3), a CLIP code: moved freely, stopped at the ε-ball, or at 0 or 1. */
  clip: Uint8Array;
  /** The step's size in [0, 1] pixel units (η, or PGD's α). */
  stepSize: number;
  /** What the sign is taken of: the gradient itself, or MI-FGSM's accumulated direction. */
  direction: 'gradient' | 'momentum';
}

export interface QueryCount {
  used: number;
  budget: number;
  /** Queries per second since the run began (wall clock: for people to read, never for tests). */
  perSecond: number | null;
  /** The attack has ended: f says y*, or the next batch would pass the budget. */
  finished: boolean;
}

/** f's out-of-world score of x⁰ and the threshold above which the page warns (models/out-of-world.ts). */
export interface WorldReading {
  score: number;
  threshold: number;
  /** Share of validation photos at or below the threshold. */
  pass: number;
}

export class LabSession {
  private x0: tf.Tensor4D | null = null;
  private x: tf.Tensor4D | null = null;
  private run: Generator<Iteration, void, undefined> | null = null;
  private queryRun: { steps: AsyncGenerator<QueryStep, void, undefined>; count: QueryCount; started: number } | null = null;
  private t = 0;
  private target = 0;
  private settings: LabSettings | null = null;
  /** Read once per x⁰ (a forward pass of f), as soon as f is there. */
  private world: WorldReading | null = null;
  /** The current step's parts, read once from the attack's tensors. */
  private stepView: StepView | null = null;
  /** Every frame of this run so far by t (gradient attacks and noise: T ≤ 50), so the page can scrub back. */
  private timeline: LabFrame[] = [];

  constructor(
    private readonly models: () => Partial<Record<ModelId, LabModel>>,
    private readonly readWorld: (x0: tf.Tensor4D) => Promise<WorldReading | null> = async () => null,
  ) {}

  /** Back to x⁰, t = 0, with `settings` (and a new image x⁰ when given). Returns the starting frame. */
  async reset(x0: tf.Tensor4D | null, settings: LabSettings): Promise<LabFrame> {
    if (x0) {
      this.x0?.dispose();
      this.x0 = x0;
      this.world = null;
    }
    if (!this.x0) throw new Error('no image');
    this.settings = settings;
    this.rewind();
    this.target = settings.target === 'auto' ? await this.defaultTarget() : settings.target;
    return this.frame();
  }

  /** One more iteration (noise: its single draw; query only: one batch of queries), or the last frame again when done. */
  async step(): Promise<LabFrame> {
    const { settings, x0 } = this;
    if (!settings || !x0) throw new Error('no image');
    if (this.t >= this.totalIterations() || this.queryRun?.count.finished) return this.frame();
    let next: tf.Tensor4D | null;
    if (settings.mode === 'noise') {
      next = randomSignNoise(x0, settings.epsilon, NOISE_SEED);
    } else if (settings.mode === 'query') {
      next = await this.nextQueries(settings, x0);
    } else {
      this.run ??= gradientAttack(settings.method, this.attackedModel(settings.mode), x0, { epsilon: settings.epsilon, iterations: settings.iterations, target: this.target, keepSteps: true });
      const { value } = this.run.next();
      if (!value) throw new Error('attack ended early');
      value.logitsBefore.dispose();
      this.stepView = value.step ? await readStep(value.step, settings.method) : null;
      next = value.x;
    }
    if (next) {
      if (this.x !== x0) this.x?.dispose();
      this.x = next;
      if (settings.mode !== 'query') this.t++;
    }
    return this.frame();
  }

  /**
   * One batch of Square Attack's queries to f. The attacker sends the 8-bit images the page would
   * show, so what f answers it is what the student sees. Null once the attack has ended.
   */
  private async nextQueries(settings: LabSettings, x0: tf.Tensor4D): Promise<tf.Tensor4D | null> {
    if (!this.queryRun) {
      // The attacker asks the deployed classifier: f behind the defense, if there is one.
      const f = this.deployed().inception_v3;
      if (!f) throw new Error('inception_v3 is still loading');
      const asked: QueryModel = { probabilities: (x) => tf.tidy(() => f.probabilities(shownImage(x, x0, settings.epsilon))) };
      const steps = squareAttack(asked, x0, { epsilon: settings.epsilon, target: this.target, queryBudget: settings.queryBudget, batchSize: QUERY_BATCH, seed: SQUARE_SEED });
      this.queryRun = { steps, count: { used: 0, budget: settings.queryBudget, perSecond: null, finished: false }, started: performance.now() };
    }
    const run = this.queryRun;
    const { value } = await run.steps.next();
    if (!value) {
      run.count = { ...run.count, finished: true };
      return null;
    }
    const seconds = (performance.now() - run.started) / 1000;
    run.count = { ...run.count, used: value.queries, perSecond: seconds > 0 ? value.queries / seconds : null, finished: value.fooled };
    this.t = value.queries;
    return value.x;
  }

  /** The frame of iteration t of this run, as it was shown then (null if t was not reached, or for queries). */
  frameAt(t: number): LabFrame | null {
    const frame = this.timeline[t];
    return frame ? frameCopy(frame) : null;
  }

  dispose(): void {
    this.rewind();
    this.x0?.dispose();
    this.x0 = null;
  }

  private totalIterations(): number {
    const settings = this.settings;
    if (!settings) return 0;
    return settings.mode === 'noise' ? 1 : settings.mode === 'query' ? settings.queryBudget : settings.iterations;
  }

  private rewind(): void {
    this.run?.return();
    this.run = null;
    void this.queryRun?.steps.return();
    this.queryRun = null;
    if (this.x && this.x !== this.x0) this.x.dispose();
    this.x = this.x0;
    this.t = 0;
    this.stepView = null;
    this.timeline = [];
  }

  /** The model whose gradient the attack follows: as it is, or (adaptive attacker) with the defense in front, BPDA + EOT. */
  private attackedModel(mode: AttackMode): GradientModel {
    const model = this.loaded(ATTACKED_MODEL[mode]!);
    const { defense, attacker } = this.settings!;
    if (defense === 'none' || attacker === 'naive') return model;
    return adaptiveModel(model, DEFENSES[defense], { samples: EOT_SAMPLES, seed: ADAPTIVE_SEED });
  }

  private loaded(id: ModelId): LabModel {
    const model = this.models()[id];
    if (!model) throw new Error(`${id} is still loading`);
    return model;
  }

  /** Each model as it judges images: f behind the defense, if the defender has switched one on (g is the attacker's own). */
  private deployed(): Partial<Record<ModelId, Judge>> {
    const models: Partial<Record<ModelId, Judge>> = this.models();
    const defense = this.settings?.defense ?? 'none';
    if (defense === 'none' || !models.inception_v3) return models;
    return { ...models, inception_v3: behindDefense(models.inception_v3, DEFENSES[defense], JUDGE_SEED) };
  }

  /** The class f does not predict for x⁰ (g's, while f is still loading). */
  private async defaultTarget(): Promise<number> {
    const models = this.deployed();
    const judge = models.inception_v3 ?? models.mobilenet_v2;
    if (!judge) return 0;
    return 1 - predictedClass(await readOnce(judge.probabilities(this.x0!)));
  }

  /** What f sees behind the defense, as RGBA bytes (null without one). */
  private async defendedView(shown: tf.Tensor4D, settings: LabSettings): Promise<Uint8ClampedArray | null> {
    if (settings.defense === 'none') return null;
    const rgba = tf.tidy(() => toRgba(tf.round(tf.mul(DEFENSES[settings.defense as DefenseId].apply(shown, JUDGE_SEED), 255)) as tf.Tensor4D));
    return new Uint8ClampedArray(await readOnce(rgba));
  }

  /**
   * What the page shows for the current x: the 8-bit image (see attack/eight-bit.ts), and the
   * L∞, L2 and probabilities of exactly those pixels, as a fresh classification of the shown or
   * downloaded image would give them.
   */
  private async frame(): Promise<LabFrame> {
    const { t, target } = this;
    const settings = this.settings!;
    const [, height, width] = this.x0!.shape;
    const iterations = this.totalIterations();
    const amplification = settings.epsilon > 0 ? 0.5 / settings.epsilon : 1;
    const [imageRgba, perturbationRgba, linf, l2] = tf.tidy(() => {
      const levels = eightBitLevels(this.x!, this.x0!, settings.epsilon);
      const change = tf.sub(levels, tf.round(tf.mul(this.x0!, 255)));
      const shownChange = tf.clipByValue(tf.add(tf.mul(change, amplification), 127.5), 0, 255);
      return [toRgba(levels), toRgba(tf.round(shownChange) as tf.Tensor4D), tf.max(tf.abs(change)), tf.norm(change)];
    });
    const [imageLevels, perturbationLevels, linfLevels, l2Levels] = await Promise.all([imageRgba, perturbationRgba, linf, l2].map(readOnce));
    const image = new Uint8ClampedArray(imageLevels);
    const perturbation = new Uint8ClampedArray(perturbationLevels);
    const levelDistances = [linfLevels[0], l2Levels[0]];
    const shown = rgbaToImage(image, width, height);
    const defended = await this.defendedView(shown, settings);
    const probabilities: LabFrame['probabilities'] = {};
    for (const [id, model] of Object.entries(this.deployed()) as [ModelId, Judge][]) {
      probabilities[id] = Array.from(await readOnce(model.probabilities(shown)));
    }
    shown.dispose();
    this.world ??= await this.readWorld(this.x0!);
    const { numTensors, numBytes } = tf.memory();
    const frame: LabFrame = {
      settings,
      t,
      iterations,
      done: t >= iterations || Boolean(this.queryRun?.count.finished),
      target,
      probabilities,
      linf: levelDistances[0] / 255,
      l2: levelDistances[1] / 255,
      image,
      perturbation,
      amplification,
      defended,
      queries: settings.mode === 'query' ? (this.queryRun?.count ?? { used: 0, budget: settings.queryBudget, perSecond: null, finished: false }) : null,
      outOfWorld: this.world,
      step: this.stepView,
      memory: { numTensors, numBytes },
    };
    // Kept as a copy: the frame's images are moved to the page.
    if (settings.mode !== 'query') this.timeline[t] = frameCopy(frame);
    return frame;
  }
}

/** A frame whose images are its own (the step's arrays are never moved, so they are shared). */
const frameCopy = (frame: LabFrame): LabFrame => ({ ...frame, image: frame.image.slice(), perturbation: frame.perturbation.slice() });

/** A step's tensors as the arrays the page draws (and the tensors freed). */
async function readStep(step: StepTensors, method: LabSettings['method']): Promise<StepView> {
  const [gradient, sign, clip] = await Promise.all([step.gradient.data(), step.sign.data(), step.clip.data()]);
  tf.dispose([step.gradient, step.sign, step.clip]);
  return { gradient: Float32Array.from(gradient), sign: Int8Array.from(sign), clip: Uint8Array.from(clip), stepSize: step.stepSize, direction: method === 'mifgsm' ? 'momentum' : 'gradient' };
}

/** 1×H×W×3 8-bit levels → H×W×4 bytes (alpha 255). */
function toRgba(levels: tf.Tensor4D): tf.Tensor3D {
  const [, h, w] = levels.shape;
  return tf.cast(tf.concat([tf.reshape(levels, [h, w, 3]), tf.fill([h, w, 1], 255)], 2), 'int32') as tf.Tensor3D;
}
