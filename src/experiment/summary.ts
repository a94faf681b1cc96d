// From per-image outcomes to the figure's numbers: f's accuracy per method and ε, the targeted
// success rate in each direction, 95 % intervals, paired tests, and sentences that claim only what
// those numbers support. Pure functions (no tfjs).
import { levelBudget } from '../attack/budget';
import { CLASS_NAMES } from '../config';
import { CLAIM_EPSILON, conditionsOf, targetOf, WHITEBOX_ITERATIONS, type Condition, type ExperimentPlan, type ImageOutcome, type Method, type Pixels } from './protocol';
import { bootstrapMean, exactMcNemar, formatP, percent, wilson, withInterval, type PairedTest, type Proportion } from './statistics';

export type ClassName = (typeof CLASS_NAMES)[number];
export type AttackMethod = Exclude<Method, 'none'>;

/** Claims on screen need p below this. */
export const SIGNIFICANCE = 0.05;

/**
 * Below this many images the sentences add that their intervals are wide and that "within chance"
 * means the images cannot tell: a 95 % interval around 50 % is then ±10 points or wider.
 */
export const SMALL_SAMPLE = 100;

export interface SummaryRow {
  eps: number;
  /** Iterations (black box, white box); null for noise. */
  T: number | null;
  method: AttackMethod;
  /** f's accuracy on all images; for noise the mean over seeds, its interval a bootstrap over images. */
  accuracy: Proportion;
  /** Noise: standard deviation of the accuracy over seeds; null for the deterministic methods. */
  seedStd: number | null;
  /**
   * Targeted success by true class: of the images of that class f classifies correctly when
   * clean, the share it now puts in the other class (e.g. flips.healthy: healthy → diseased).
   */
  flips: Record<ClassName, Proportion>;
}

interface EpsilonTests {
  eps: number;
  /** Black box (fewest steps) against noise, for the seed whose test is weakest (largest p). */
  blackboxVsNoise: PairedTest & { seed: number };
  /** Black box with the fewest steps against the most; null with one T only. */
  fewVsMany: PairedTest | null;
}

export interface ExperimentSummary {
  split: string;
  n: number;
  /** Which images were judged: the 8-bit ones the lab shows, or the float iterates. */
  pixels: Pixels;
  /** f's and g's accuracy on clean images. */
  clean: Proportion;
  cleanSubstitute: Proportion;
  /** One row per method (and T) and ε > 0. */
  rows: SummaryRow[];
  /** g's accuracy on its own black-box images (how well the attack fools the model it was made on). */
  substitute: { eps: number; T: number; accuracy: Proportion }[];
  /** The course's claim: one white-box step at CLAIM_EPSILON flips correctly classified images. */
  whiteboxSuccess: { eps: number; flips: Proportion } | null;
  tests: EpsilonTests[];
}

export interface OutcomeSet {
  split: string;
  plan: ExperimentPlan;
  images: ImageOutcome[];
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Sample standard deviation (n − 1), 0 for a single value. */
const std = (xs: number[]) => (xs.length < 2 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)));
const count = (xs: boolean[]) => xs.filter(Boolean).length;

/** Predicted classes of every image under one condition. */
type Column = (match: Partial<Condition>) => number[];

function columnsOf(plan: ExperimentPlan, images: ImageOutcome[], pixels: Pixels): Column {
  const conditions = conditionsOf(plan);
  return (match) => {
    const wanted: Partial<Condition> = { pixels: match.method === 'none' ? '8bit' : pixels, ...match };
    const index = conditions.findIndex((c) => Object.entries(wanted).every(([k, v]) => c[k as keyof Condition] === v));
    if (index < 0) throw new Error(`no condition ${JSON.stringify(wanted)}`);
    return images.map((im) => Number(im.outcomes[index]));
  };
}

export function summarize({ split, plan, images }: OutcomeSet, pixels: Pixels = '8bit'): ExperimentSummary {
  const column = columnsOf(plan, images, pixels);
  const right = (predicted: number[]) => predicted.map((p, i) => p === images[i].label);
  const cleanRight = right(column({ judge: 'f', method: 'none' }));
  const accuracyOf = (predicted: number[]) => wilson(count(right(predicted)), images.length);
  /** Of the images f had right when clean, per true class, which ones `predicted` sends to the target. */
  const flipsOf = (predicted: number[][]): Record<ClassName, Proportion> =>
    Object.fromEntries(CLASS_NAMES.map((name, label) => {
      const mine = images.map((_, i) => i).filter((i) => images[i].label === label && cleanRight[i]);
      const share = mine.map((i) => mean(predicted.map((p) => (p[i] === targetOf(label) ? 1 : 0))));
      return [name, predicted.length > 1 ? bootstrapMean(share) : wilson(count(share.map(Boolean)), share.length)];
    })) as Record<ClassName, Proportion>;

  const rows: SummaryRow[] = [];
  const substitute: ExperimentSummary['substitute'] = [];
  const tests: EpsilonTests[] = [];
  const [few, many] = [Math.min(...plan.iterations), Math.max(...plan.iterations)];
  for (const eps of plan.epsilons.filter((e) => e > 0)) {
    const seeds = plan.noiseSeeds.map((seed) => column({ judge: 'f', method: 'noise', eps, seed }));
    const seedsRight = seeds.map(right);
    const survived = images.map((_, i) => mean(seedsRight.map((r) => (r[i] ? 1 : 0))));
    rows.push({ eps, T: null, method: 'noise', accuracy: bootstrapMean(survived), seedStd: std(seeds.map((p) => accuracyOf(p).value)), flips: flipsOf(seeds) });
    for (const T of plan.iterations) {
      const predicted = column({ judge: 'f', method: 'blackbox', eps, T });
      rows.push({ eps, T, method: 'blackbox', accuracy: accuracyOf(predicted), seedStd: null, flips: flipsOf([predicted]) });
      substitute.push({ eps, T, accuracy: accuracyOf(column({ judge: 'g', method: 'blackbox', eps, T })) });
    }
    const whitebox = column({ judge: 'f', method: 'whitebox', eps });
    rows.push({ eps, T: WHITEBOX_ITERATIONS, method: 'whitebox', accuracy: accuracyOf(whitebox), seedStd: null, flips: flipsOf([whitebox]) });

    const blackboxRight = right(column({ judge: 'f', method: 'blackbox', eps, T: few }));
    const vsNoise = plan.noiseSeeds
      .map((seed, s) => ({ seed, ...exactMcNemar(blackboxRight, seedsRight[s]) }))
      .reduce((weakest, t) => (t.p > weakest.p ? t : weakest));
    const fewVsMany = many > few ? exactMcNemar(blackboxRight, right(column({ judge: 'f', method: 'blackbox', eps, T: many }))) : null;
    tests.push({ eps, blackboxVsNoise: vsNoise, fewVsMany });
  }
  return {
    split,
    n: images.length,
    pixels,
    clean: accuracyOf(column({ judge: 'f', method: 'none' })),
    cleanSubstitute: accuracyOf(column({ judge: 'g', method: 'none' })),
    rows,
    substitute,
    whiteboxSuccess: images.length && plan.epsilons.includes(CLAIM_EPSILON) ? { eps: CLAIM_EPSILON, flips: pooledFlips(flipsOf([column({ judge: 'f', method: 'whitebox', eps: CLAIM_EPSILON })])) } : null,
    tests,
  };
}

/**
 * How often black box transfers at the measured setting nearest to (ε, T), in one sentence with
 * its counts: the lab's explanation takes it from the committed data.
 */
export function transferSentence(summary: ExperimentSummary, epsilon: number, iterations: number): string {
  const rows = series(summary, 'blackbox');
  const nearest = <T,>(xs: T[], key: (x: T) => number, target: number) => xs.reduce((best, x) => (Math.abs(Math.log(key(x) / target)) < Math.abs(Math.log(key(best) / target)) ? x : best));
  const eps = nearest(rows, (r) => r.eps, epsilon).eps;
  const row = nearest(rows.filter((r) => r.eps === eps), (r) => r.T!, iterations);
  const both = pooledFlips(row.flips);
  const [healthy, diseased] = CLASS_NAMES;
  const exact = eps === epsilon && row.T === iterations;
  return (
    `In our experiment (${summary.n} test photos, ${summary.pixels === '8bit' ? '8-bit images' : 'float iterates'}), black box at ε = ${eps}, T = ${row.T}${exact ? '' : ' (the nearest measured setting)'} ` +
    `flips f on ${both.k} of ${both.n} leaves it had right (${withInterval(both)}): ${row.flips[healthy].k} of ${row.flips[healthy].n} ${healthy} → ${diseased}, ` +
    `${row.flips[diseased].k} of ${row.flips[diseased].n} ${diseased} → ${healthy}.`
  );
}

/** Both directions together: k of n over all correctly classified images. */
function pooledFlips(flips: Record<ClassName, Proportion>): Proportion {
  const parts = Object.values(flips);
  return wilson(parts.reduce((a, p) => a + p.k, 0), parts.reduce((a, p) => a + p.n, 0));
}

/** f's results for one method (and T), by ε. */
export function series(summary: ExperimentSummary, method: AttackMethod, T: number | null = null): SummaryRow[] {
  return summary.rows.filter((r) => r.method === method && (T === null || r.T === T));
}

/** "0.01", "0.01 and 0.02", "0.01, 0.02 and 0.04". */
const listEps = (xs: number[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** ε below one brightness level: no whole level fits, so the 8-bit image is x⁰ itself. */
export const invisibleIn8Bit = (eps: number) => eps > 0 && levelBudget(eps) === 0;

/** Which way a paired test came out: the first condition leaves f less accurate, more, or within chance. */
export function verdict(t: PairedTest): 'first' | 'second' | 'neither' {
  if (t.p >= SIGNIFICANCE) return 'neither';
  return t.onlyFirstWrong > t.onlySecondWrong ? 'first' : 'second';
}

/**
 * What the data shows, in sentences computed from the numbers (so a re-run with other results never
 * shows a stale sentence), each with its interval or p-value beside it.
 */
export function interpret(summary: ExperimentSummary, plan: ExperimentPlan): string[] {
  if (summary.rows.length === 0 || summary.n === 0) return [];
  const [few, many] = [Math.min(...plan.iterations), Math.max(...plan.iterations)];
  return [
    ...(summary.n < SMALL_SAMPLE ? [smallSample(summary)] : []),
    blackboxAgainstNoise(summary, few, plan.noiseSeeds.length),
    direction(summary, few),
    ...(many > few ? [fewAgainstMany(summary, few, many)] : []),
    ...eightBit(summary),
  ];
}

/** The fewest discordant images, all one way, for which the exact McNemar test gives p < SIGNIFICANCE. */
export function fewestDiscordantForSignificance(): number {
  let d = 1;
  while (exactMcNemar(Array(d).fill(false), Array(d).fill(true)).p >= SIGNIFICANCE) d++;
  return d;
}

function smallSample(summary: ExperimentSummary): string {
  return (
    `Only ${summary.n} images: every 95 % interval here is wide (f's clean accuracy alone is ${withInterval(summary.clean)}), and a paired test ` +
    `reaches ${formatSignificance()} only once at least ${fewestDiscordantForSignificance()} images change one way and none the other. ` +
    '"Within chance" below means these images cannot tell the two apart, not that they are alike.'
  );
}

export function blackboxAgainstNoise(summary: ExperimentSummary, few: number, seeds: number): string {
  const which = (v: ReturnType<typeof verdict>) => summary.tests.filter((t) => verdict(t.blackboxVsNoise) === v).map((t) => t.eps);
  const [lower, higher, neither] = [which('first'), which('second'), which('neither')];
  const parts = [
    `Black-box images made on g (T = ${few}) leave f less accurate than random noise of the same size at ${lower.length ? `ε = ${listEps(lower)}` : 'no ε'} ` +
      `(exact McNemar test on the same ${summary.n} images, ${formatSignificance()} against each of the ${seeds} noise seeds)`,
  ];
  const clearest = lower.length ? lower.reduce((best, eps) => (gapAt(summary, eps, few) > gapAt(summary, best, few) ? eps : best)) : null;
  if (clearest !== null) {
    parts.push(`at ε = ${clearest}, f is at ${withInterval(at(summary, 'blackbox', clearest, few).accuracy)} against ${withInterval(at(summary, 'noise', clearest).accuracy)} with noise`);
  }
  if (higher.length) parts.push(`noise leaves f less accurate at ε = ${listEps(higher)}`);
  if (neither.length) {
    const p = Math.min(...summary.tests.filter((t) => neither.includes(t.eps)).map((t) => t.blackboxVsNoise.p));
    parts.push(`at ε = ${listEps(neither)} the difference is within chance for at least one seed (the smallest of those tests: ${formatP(p)})`);
  }
  return `${parts.join('; ')}.`;
}

const formatSignificance = () => `p < ${SIGNIFICANCE}`;
const at = (summary: ExperimentSummary, method: AttackMethod, eps: number, T: number | null = null) => series(summary, method, T).find((r) => r.eps === eps)!;
const gapAt = (summary: ExperimentSummary, eps: number, few: number) => at(summary, 'noise', eps).accuracy.value - at(summary, 'blackbox', eps, few).accuracy.value;
/** Two intervals that do not overlap: the first share is clearly above the second. */
const clearlyAbove = (a: Proportion, b: Proportion) => a.low > b.high;

function direction(summary: ExperimentSummary, few: number): string {
  const [healthy, diseased] = CLASS_NAMES;
  const oneStep = series(summary, 'blackbox', few);
  const asymmetry = (r: SummaryRow) => Math.abs(r.flips[healthy].value - r.flips[diseased].value);
  const row = oneStep.reduce((best, r) => (asymmetry(r) > asymmetry(best) ? r : best));
  const flips = (p: Proportion) => `${p.k} of ${p.n} (${withInterval(p)})`;
  const noise = at(summary, 'noise', row.eps).flips;
  const oneSided = clearlyAbove(row.flips[healthy], row.flips[diseased]) || clearlyAbove(row.flips[diseased], row.flips[healthy]);
  const bothMeasured = row.flips[healthy].n > 0 && row.flips[diseased].n > 0;
  const verdictText = oneSided
    ? 'The transfer is one-sided'
    : bothMeasured
      ? 'Neither direction of the transfer is clearly stronger (the two 95 % intervals overlap)'
      : 'One direction cannot be measured (f had no leaf of that class right when clean)';
  const sentences = [
    `${verdictText}: at ε = ${row.eps}, black box (T = ${few}) sends ${flips(row.flips[healthy])} ` +
      `healthy leaves f had right to "${diseased}", and ${flips(row.flips[diseased])} diseased leaves to "${healthy}".`,
    `Random noise of the same size sends ${withInterval(noise[healthy])} of healthy leaves to "${diseased}" and ${withInterval(noise[diseased])} of diseased ones to "${healthy}" (mean over seeds).`,
  ];
  if (clearlyAbove(noise[healthy], noise[diseased]) && clearlyAbove(row.flips[healthy], row.flips[diseased])) {
    sentences.push(`This suggests that perturbations which look like disease spots push "${healthy}" to "${diseased}" easily, even random ones: a success rate towards "${diseased}" says little on its own.`);
  }
  return sentences.join(' ');
}

export function fewAgainstMany(summary: ExperimentSummary, few: number, many: number): string {
  const which = (v: ReturnType<typeof verdict>) => summary.tests.filter((t) => t.fewVsMany && verdict(t.fewVsMany) === v);
  const [better, worse, neither] = [which('first'), which('second'), which('neither')];
  const parts = [`T = ${few} transfers better than T = ${many} (f less accurate, exact McNemar ${formatSignificance()}) at ${better.length ? `ε = ${listEps(better.map((t) => t.eps))}` : 'no ε'}`];
  if (worse.length) parts.push(`T = ${many} transfers better at ε = ${listEps(worse.map((t) => t.eps))}`);
  if (neither.length) parts.push(`at ε = ${listEps(neither.map((t) => t.eps))} the two are within chance (${neither.map((t) => formatP(t.fewVsMany!.p)).join(', ')})`);
  const g = (T: number) => mean(summary.substitute.filter((s) => s.T === T).map((s) => s.accuracy.value));
  // Only where some ε shows it beyond the intervals: a lower mean alone can be chance.
  const gAt = (eps: number, T: number) => summary.substitute.find((s) => s.eps === eps && s.T === T)!.accuracy;
  const gFooledMore = summary.substitute.some((s) => s.T === few && clearlyAbove(s.accuracy, gAt(s.eps, many)));
  const fits = gFooledMore && g(many) < g(few) ? `; g itself is fooled more by T = ${many} (its mean accuracy over ε ${percent(g(many))}, against ${percent(g(few))} after T = ${few}): the iterations fit g` : '';
  return `${parts.join('; ')}${fits}.`;
}

function eightBit(summary: ExperimentSummary): string[] {
  const blind = [...new Set(summary.rows.map((r) => r.eps))].filter(invisibleIn8Bit);
  if (blind.length === 0) return [];
  return summary.pixels === '8bit'
    ? [`At ε = ${listEps(blind)} no whole brightness level fits in the budget (ε < 1/255): the 8-bit image is x⁰ itself, so no attack changes anything there.`]
    : [`These are the float iterates, before the rounding to 8 bits that the lab shows and saves; at ε = ${listEps(blind)} they differ from x⁰ by less than one brightness level, which no screen or PNG can show.`];
}
