// Square Attack (Andriushchenko et al. 2020), L∞ and targeted: a black box that can only ask f for
// its probabilities. It starts on a vertex of the ε-ball (vertical stripes of ±ε) and proposes
// changes of one random square window, each channel set to x⁰ ± ε there, keeping a proposal only if
// it lowers L = −log P(y*). Every image sent to f is one query; proposals go in batches, so one
// forward pass answers several, and the best of a batch is kept if it improves.
import * as tf from '@tensorflow/tfjs';
import { predictedClass } from '../config';
import { seededRandom } from '../seeded-random';

/** Anything that answers queries: probabilities for a batch of images (N × classes). */
export interface QueryModel {
  probabilities(x: tf.Tensor4D): tf.Tensor2D;
}

export interface SquareSettings {
  epsilon: number;
  target: number;
  /** The attack stops once it has sent this many images. */
  queryBudget: number;
  /** Proposals per forward pass. */
  batchSize: number;
  seed: number;
  /** Share of the image's pixels the first windows cover; halves on the paper's schedule. */
  initialShare?: number;
}

export interface QueryStep {
  /** Images sent to the model so far. */
  queries: number;
  /** The best image so far (the caller's: dispose it). */
  x: tf.Tensor4D;
  probabilities: number[];
  loss: number;
  /** Whether this batch improved on the best so far. */
  accepted: boolean;
  /** f now puts the best image in the target class (the attack has succeeded and stops). */
  fooled: boolean;
}

/** Where the paper halves the window's share, in queries out of 10,000; scaled to the budget. */
const HALVINGS = [10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000];

/** The window's side after `queries` queries: √(share·H·W), the share halved at each scaled milestone, at least 1 pixel. */
export function windowSide(queries: number, budget: number, height: number, width: number, initialShare = 0.05): number {
  const halvings = HALVINGS.filter((q) => queries > (q * budget) / 10_000).length;
  const share = initialShare / 2 ** halvings;
  return Math.max(1, Math.min(height, width, Math.round(Math.sqrt(share * height * width))));
}

type Shape = readonly [number, number, number];

/** x⁰ + ε·s with one random sign per column and channel (vertical stripes), clipped to [0, 1]. */
export function stripedStart(x0: Float32Array, [, width, channels]: Shape, epsilon: number, random: () => number): Float32Array {
  const signs = Array.from({ length: width * channels }, () => (random() < 0.5 ? -1 : 1));
  return x0.map((v, i) => Math.min(1, Math.max(0, v + epsilon * signs[i % (width * channels)])));
}

/** `x` with one random side × side window set, per channel, to x⁰ ± ε (clipped). */
export function squareProposal(x: Float32Array, x0: Float32Array, [height, width, channels]: Shape, side: number, epsilon: number, random: () => number): Float32Array {
  const out = x.slice();
  const top = Math.floor(random() * (height - side + 1));
  const left = Math.floor(random() * (width - side + 1));
  const signs = Array.from({ length: channels }, () => (random() < 0.5 ? -1 : 1));
  for (let r = top; r < top + side; r++)
    for (let c = left; c < left + side; c++)
      for (let k = 0; k < channels; k++) {
        const i = (r * width + c) * channels + k;
        out[i] = Math.min(1, Math.max(0, x0[i] + epsilon * signs[k]));
      }
  return out;
}

const targetLoss = (p: number[], target: number) => -Math.log(Math.max(p[target], 1e-30));

/**
 * Asks the model about a batch of images: their probabilities, row by row. Read asynchronously:
 * tfjs's WebGPU backend has no safe synchronous read (its canvas path lost the device here).
 */
async function ask(model: QueryModel, images: Float32Array[], shape: Shape): Promise<number[][]> {
  const batch = new Float32Array(images.length * images[0].length);
  images.forEach((im, n) => batch.set(im, n * im.length));
  const answers = tf.tidy(() => model.probabilities(tf.tensor4d(batch, [images.length, ...shape])));
  try {
    return (await answers.array()) as number[][];
  } finally {
    answers.dispose();
  }
}

/**
 * The attack, one batch of queries at a time. It ends when f says y* (success), or when the next
 * batch would pass the query budget.
 */
export async function* squareAttack(model: QueryModel, x0Tensor: tf.Tensor4D, settings: SquareSettings): AsyncGenerator<QueryStep, void, undefined> {
  const [, height, width, channels] = x0Tensor.shape;
  const shape: Shape = [height, width, channels];
  const x0 = (await x0Tensor.data()) as Float32Array;
  const random = seededRandom(settings.seed);
  let best = stripedStart(x0, shape, settings.epsilon, random);
  let [probabilities] = await ask(model, [best], shape);
  let loss = targetLoss(probabilities, settings.target);
  let queries = 1;
  const fooled = () => predictedClass(probabilities) === settings.target;
  const step = (accepted: boolean): QueryStep => ({ queries, x: tf.tensor4d(best, [1, ...shape]), probabilities, loss, accepted, fooled: fooled() });
  yield step(true);
  while (!fooled() && queries + settings.batchSize <= settings.queryBudget) {
    const side = windowSide(queries, settings.queryBudget, height, width, settings.initialShare);
    const proposals = Array.from({ length: settings.batchSize }, () => squareProposal(best, x0, shape, side, settings.epsilon, random));
    const answers = await ask(model, proposals, shape);
    queries += proposals.length;
    const losses = answers.map((p) => targetLoss(p, settings.target));
    const k = losses.indexOf(Math.min(...losses));
    const accepted = losses[k] < loss;
    if (accepted) [best, probabilities, loss] = [proposals[k], answers[k], losses[k]];
    yield step(accepted);
  }
}
