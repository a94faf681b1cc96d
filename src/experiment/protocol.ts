// The transferability experiment, as data: which images are attacked how, and what is recorded.
// The script (Node), the browser's "Run it yourself" and the tests all use these definitions.
import type { DataSet } from '../data-sets';
import type { ExperimentSummary } from './summary';

/** How an image was changed before f (or g) judged it. */
export type Method = 'none' | 'noise' | 'blackbox' | 'whitebox';
/** Who judged: the target f (InceptionV3) or the substitute g (MobileNetV2). */
export type Judge = 'f' | 'g';
/**
 * Which image was judged: the 8-bit image the lab shows and saves (the iterate rounded, pulled
 * back within ε: src/attack/eight-bit.ts), or the attack's float32 iterate itself.
 */
export type Pixels = '8bit' | 'float';
export const PIXELS: readonly Pixels[] = ['8bit', 'float'];

export interface ExperimentPlan {
  /** ε values; 0 means the clean image. */
  epsilons: number[];
  /** Iteration counts of the black-box attack on g. */
  iterations: number[];
  /** Seeds of the random sign noise baseline (averaged over them). */
  noiseSeeds: number[];
}

/** The course's figure: white box is always one step (T = 1). */
export const WHITEBOX_ITERATIONS = 1;

export const DEFAULT_PLAN: ExperimentPlan = {
  epsilons: [0, 0.0025, 0.005, 0.01, 0.02, 0.04, 0.08],
  iterations: [1, 10],
  noiseSeeds: [1, 2, 3, 4, 5],
};

/** The course's white-box claim is about this ε. */
export const CLAIM_EPSILON = 0.01;

/** One measured prediction per image: `judge` classified the image made by `method` at (eps, T, seed). */
export interface Condition {
  judge: Judge;
  /** The clean image is 8-bit already: it is judged once, as '8bit'. */
  pixels: Pixels;
  method: Method;
  eps: number;
  T: number | null;
  seed: number | null;
}

/**
 * Every condition of a plan, in the order outcomes are recorded. The clean image is judged by
 * both models; each ε > 0 adds noise (per seed), black box (per T, judged by f and by g) and
 * white box (T = 1), each judged as the 8-bit image and as the float iterate.
 */
export function conditionsOf(plan: ExperimentPlan): Condition[] {
  const out: Condition[] = [
    { judge: 'f', pixels: '8bit', method: 'none', eps: 0, T: null, seed: null },
    { judge: 'g', pixels: '8bit', method: 'none', eps: 0, T: null, seed: null },
  ];
  const judgedBy = (judges: Judge[], c: Omit<Condition, 'judge' | 'pixels'>) =>
    PIXELS.forEach((pixels) => judges.forEach((judge) => out.push({ judge, pixels, ...c })));
  for (const eps of plan.epsilons.filter((e) => e > 0)) {
    for (const seed of plan.noiseSeeds) judgedBy(['f'], { method: 'noise', eps, T: null, seed });
    for (const T of plan.iterations) judgedBy(['f', 'g'], { method: 'blackbox', eps, T, seed: null });
    judgedBy(['f'], { method: 'whitebox', eps, T: WHITEBOX_ITERATIONS, seed: null });
  }
  return out;
}

export const conditionKey = (c: Condition): string => `${c.judge}:${c.pixels}:${c.method}:${c.eps}:${c.T ?? '-'}:${c.seed ?? '-'}`;

/** One test image and its outcomes: the predicted class per condition, as a string of digits. */
export interface ImageOutcome {
  id: string;
  /** True label (index into CLASS_NAMES); the attack's target is the other class. */
  label: number;
  species: string;
  outcomes: string;
}

/** Everything a run produced: the committed results file has this shape. */
export interface ExperimentResults {
  /** Which photos: lab (detached leaves) or field (leaves on the plant); src/data-sets.ts. */
  dataSet: DataSet;
  split: string;
  plan: ExperimentPlan;
  /** conditionsOf(plan), written out so the file explains itself. */
  conditions: Condition[];
  backend: string;
  batchSize: number;
  /** SHA-256 of the data's manifest.csv. */
  manifestSha256: string;
  models: Record<Judge, { id: string; cutLayer: string }>;
  /** headsFingerprint() of the heads that made these results (src/experiment/results/heads/<it>.json). */
  heads: string;
  images: ImageOutcome[];
  /** summarize(images) for each kind of pixels: rates, intervals and paired tests, for readers of the file. */
  summaries: Record<Pixels, ExperimentSummary>;
  /** Wall time of each batch of images (ms), and their sum. */
  batches: { ids: string[]; ms: number }[];
  durationMs: number;
  createdAt: string;
}

/** The attack's target for an image: the class it is not. */
export const targetOf = (label: number): number => 1 - label;

/**
 * A balanced subset in a fixed order: the first ⌈n/2⌉ of one class and the first ⌊n/2⌋ of the
 * other (files in sorted order), so `--limit 8` gives the first batch of each class of a full run.
 */
export function balancedSubset<T extends { label: number }>(items: T[], n: number): T[] {
  const byLabel = [0, 1].map((label) => items.filter((i) => i.label === label));
  return [...byLabel[0].slice(0, Math.ceil(n / 2)), ...byLabel[1].slice(0, Math.floor(n / 2))];
}

/**
 * Batches of images with the same label (one target per batch), in order. Batches never mix
 * labels, so the first batch of each class is the same in a full run and in a small one.
 */
export function batchesOf<T extends { label: number }>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (const label of [0, 1]) {
    const same = items.filter((i) => i.label === label);
    for (let i = 0; i < same.length; i += size) out.push(same.slice(i, i + size));
  }
  return out;
}

/**
 * A balanced subset spread evenly through each class (files sort by species, so the draws spread
 * through the species; a small n cannot reach all nine): ⌈n/2⌉ of the first class and ⌊n/2⌋ of the other, the i-th of m at place ⌊i·size/m⌋.
 */
export function spreadSubset<T extends { label: number }>(items: T[], n: number): T[] {
  return [Math.ceil(n / 2), Math.floor(n / 2)].flatMap((m, label) => {
    const same = items.filter((i) => i.label === label);
    return Array.from({ length: Math.min(m, same.length) }, (_, i) => same[Math.floor((i * same.length) / Math.min(m, same.length))]);
  });
}

/** What a photo-by-photo experiment (the stronger attacks, the defenses) records beside its plan. */
export interface PerPhotoResults<R> {
  split: string;
  backend: string;
  /** SHA-256 of the data's manifest.csv. */
  manifestSha256: string;
  /** headsFingerprint() of the heads that made it. */
  heads: string;
  images: R[];
  /** Computing time summed over the photos. */
  durationMs: number;
  createdAt: string;
}
