// From per-image outcomes to the figure's numbers: accuracy per method and ε, the white-box
// success rate, and sentences that say what these numbers show. Pure functions (no tfjs).
import { CLAIM_EPSILON, conditionsOf, targetOf, WHITEBOX_ITERATIONS, type Condition, type ExperimentPlan, type ImageOutcome, type Judge, type Method } from './protocol';

export interface SummaryRow {
  eps: number;
  /** Iterations (black box, white box); null where it does not apply (clean image, noise). */
  T: number | null;
  method: Method;
  accuracy: number;
  /** Standard deviation over the noise seeds; null for the deterministic methods. */
  std: number | null;
}

interface WhiteboxSuccess {
  eps: number;
  /** Correctly classified clean images… */
  correct: number;
  /** …whose label flips to the target after one white-box step. */
  flipped: number;
  rate: number;
}

export interface ExperimentSummary {
  split: string;
  n: number;
  /** f's accuracy. */
  rows: SummaryRow[];
  /** g's accuracy on clean images. */
  cleanSubstitute: number;
  /** g's accuracy on its own black-box images (how well the attack fools the model it was made on). */
  substitute: { eps: number; T: number; accuracy: number }[];
  whiteboxSuccess: WhiteboxSuccess | null;
}

export interface OutcomeSet {
  split: string;
  plan: ExperimentPlan;
  images: ImageOutcome[];
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Sample standard deviation (n − 1), 0 for a single value. */
const std = (xs: number[]) => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));

export function summarize({ split, plan, images }: OutcomeSet): ExperimentSummary {
  const conditions = conditionsOf(plan);
  const column = (match: Partial<Condition>) => {
    const index = conditions.findIndex((c) => Object.entries(match).every(([k, v]) => c[k as keyof Condition] === v));
    if (index < 0) throw new Error(`no condition ${JSON.stringify(match)}`);
    return images.map((im) => Number(im.outcomes[index]));
  };
  const accuracy = (match: Partial<Condition>) => mean(column(match).map((p, i) => (p === images[i].label ? 1 : 0)));
  const f = (match: Partial<Condition>) => accuracy({ judge: 'f' as Judge, ...match });

  const rows: SummaryRow[] = [{ eps: 0, T: null, method: 'none', accuracy: f({ method: 'none' }), std: null }];
  const substitute: ExperimentSummary['substitute'] = [];
  for (const eps of plan.epsilons.filter((e) => e > 0)) {
    const perSeed = plan.noiseSeeds.map((seed) => f({ method: 'noise', eps, seed }));
    rows.push({ eps, T: null, method: 'noise', accuracy: mean(perSeed), std: std(perSeed) });
    for (const T of plan.iterations) {
      rows.push({ eps, T, method: 'blackbox', accuracy: f({ method: 'blackbox', eps, T }), std: null });
      substitute.push({ eps, T, accuracy: accuracy({ judge: 'g', method: 'blackbox', eps, T }) });
    }
    rows.push({ eps, T: WHITEBOX_ITERATIONS, method: 'whitebox', accuracy: f({ method: 'whitebox', eps }), std: null });
  }
  const cleanSubstitute = accuracy({ judge: 'g', method: 'none' });
  return { split, n: images.length, rows, cleanSubstitute, substitute, whiteboxSuccess: images.length ? whiteboxSuccess(plan, images, column) : null };
}

function whiteboxSuccess(plan: ExperimentPlan, images: ImageOutcome[], column: (m: Partial<Condition>) => number[]): WhiteboxSuccess | null {
  if (!plan.epsilons.includes(CLAIM_EPSILON)) return null;
  const clean = column({ judge: 'f', method: 'none' });
  const attacked = column({ judge: 'f', method: 'whitebox', eps: CLAIM_EPSILON });
  const correct = images.filter((im, i) => clean[i] === im.label);
  const flipped = images.filter((im, i) => clean[i] === im.label && attacked[i] === targetOf(im.label)).length;
  return { eps: CLAIM_EPSILON, correct: correct.length, flipped, rate: correct.length ? flipped / correct.length : 0 };
}

/** f's accuracy for one method (and T), by ε > 0. */
export function series(summary: ExperimentSummary, method: Method, T: number | null = null): SummaryRow[] {
  return summary.rows.filter((r) => r.method === method && r.eps > 0 && (T === null || r.T === T));
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/**
 * What the data shows, in words computed from the numbers (so a re-run with other results never
 * shows a stale sentence): black box against noise, and one step against many.
 */
export function interpret(summary: ExperimentSummary, plan: ExperimentPlan): string[] {
  const sentences: string[] = [];
  const noise = series(summary, 'noise');
  if (noise.length === 0 || plan.iterations.length === 0) return sentences;
  const fewest = Math.min(...plan.iterations);
  const most = Math.max(...plan.iterations);
  const oneStep = series(summary, 'blackbox', fewest);
  const beaten = oneStep.filter((r, i) => r.accuracy < noise[i].accuracy - noise[i].std!).length;
  // The ε where the attack beats noise by most: the clearest single example.
  const gap = (i: number) => noise[i].accuracy - oneStep[i].accuracy;
  const widest = oneStep.reduce((best, _, i) => (gap(i) > gap(best) ? i : best), 0);
  sentences.push(
    `Black-box images made on g (T = ${fewest}) lower f's accuracy more than random noise of the same size at ${beaten} of ${oneStep.length} values of ε ` +
      `(by more than one standard deviation of the noise); the widest gap is at ε = ${oneStep[widest].eps}: f is at ${pct(oneStep[widest].accuracy)} ` +
      `against ${pct(noise[widest].accuracy)} with noise and ${pct(summary.rows[0].accuracy)} on clean images.`,
  );
  if (most > fewest) {
    const manySteps = series(summary, 'blackbox', most);
    const better = oneStep.filter((r, i) => r.accuracy < manySteps[i].accuracy).length;
    const worse = oneStep.filter((r, i) => r.accuracy > manySteps[i].accuracy).length;
    const g = (T: number) => mean(summary.substitute.filter((s) => s.T === T).map((s) => s.accuracy));
    sentences.push(
      `T = ${fewest} transfers better than T = ${most} at ${better} of ${oneStep.length} values of ε and worse at ${worse} ` +
        `(f's mean accuracy over ε: ${pct(mean(oneStep.map((r) => r.accuracy)))} after T = ${fewest}, ${pct(mean(manySteps.map((r) => r.accuracy)))} after T = ${most}), ` +
        `while g itself drops to ${pct(g(most))} after T = ${most} against ${pct(g(fewest))} after T = ${fewest}.`,
    );
  }
  return sentences;
}
