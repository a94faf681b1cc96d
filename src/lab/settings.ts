// The lab's setting as plain data: the attack modes and methods, the ranges of ε and T, the defaults and the
// course's presets. Its URL form is a few rows of src/url/params.ts.
import { DEFAULT_EPSILON, DEFAULT_ITERATIONS } from '../config';
import type { DefenseId } from '../defense/names';
import type { ModelId } from '../models/specs';

export const ATTACK_MODES = ['whitebox', 'blackbox', 'noise', 'query'] as const;
export type AttackMode = (typeof ATTACK_MODES)[number];

export const MODE_LABELS: Record<AttackMode, string> = {
  whitebox: 'White box',
  blackbox: 'Black box',
  noise: 'Random noise',
  query: 'Query only',
};

/** Which model each mode attacks: whose gradient it uses, or (query only) whom it asks; noise uses none. */
export const ATTACKED_MODEL: Record<AttackMode, ModelId | null> = { whitebox: 'inception_v3', blackbox: 'mobilenet_v2', noise: null, query: 'inception_v3' };

/** Modes that follow a gradient (and so have a method and T). */
export const usesGradient = (mode: AttackMode) => mode === 'whitebox' || mode === 'blackbox';

/** Query only: the images sent to f in one forward pass, and the range of the budget. */
export const QUERY_BATCH = 8;
export const QUERY_BUDGET_STEP = 10;
export const QUERY_BUDGET_MAX = 5000;

/** How a gradient attack (white box or black box) moves; random noise has no method. */
export const GRADIENT_METHODS = ['ifgsm', 'pgd', 'mifgsm'] as const;
export type GradientMethod = (typeof GRADIENT_METHODS)[number];

export const METHOD_LABELS: Record<GradientMethod, string> = {
  ifgsm: 'Iterative FGSM (the course)',
  pgd: 'PGD (random start)',
  mifgsm: 'MI-FGSM (momentum)',
};

/** What the attacker knows of the defense in front of f: nothing (it attacks f itself), or all of it. */
export const ATTACKERS = ['naive', 'adaptive'] as const;
export type Attacker = (typeof ATTACKERS)[number];

export const ATTACKER_LABELS: Record<Attacker, string> = {
  naive: 'Naive (attacks f, unaware of the defense)',
  adaptive: 'Adaptive (attacks through the defense: BPDA + EOT)',
};

export const EPSILON_MAX = 0.1;
export const EPSILON_STEP = 0.0005;
export const ITERATIONS_MAX = 50;

export interface LabSettings {
  /** Gallery image id. */
  image: string | null;
  epsilon: number;
  iterations: number;
  mode: AttackMode;
  method: GradientMethod;
  /** What the defender puts in front of f. */
  defense: DefenseId | 'none';
  attacker: Attacker;
  /** Query only: how many images the attacker may send to f. */
  queryBudget: number;
  /** Target label y*: 'auto' means the class f does not predict for x⁰. */
  target: 'auto' | 0 | 1;
}

export const DEFAULT_SETTINGS: LabSettings = {
  image: null,
  epsilon: DEFAULT_EPSILON,
  iterations: DEFAULT_ITERATIONS,
  mode: 'whitebox',
  method: 'ifgsm',
  queryBudget: 1000,
  defense: 'none',
  attacker: 'naive',
  target: 'auto',
};

export const PRESETS: { label: string; settings: Pick<LabSettings, 'mode' | 'method' | 'epsilon' | 'iterations'> }[] = [
  { label: 'White box, ε = 0.01, T = 1', settings: { mode: 'whitebox', method: 'ifgsm', epsilon: 0.01, iterations: 1 } },
  { label: 'Black box, T = 1', settings: { mode: 'blackbox', method: 'ifgsm', epsilon: 0.01, iterations: 1 } },
  { label: 'Black box, T = 10', settings: { mode: 'blackbox', method: 'ifgsm', epsilon: 0.01, iterations: 10 } },
  { label: 'Black box, T = 10 with momentum', settings: { mode: 'blackbox', method: 'mifgsm', epsilon: 0.01, iterations: 10 } },
];

/** ε snapped to the slider's grid and range. */
export const clampEpsilon = (v: number) => Math.min(EPSILON_MAX, Math.max(0, Math.round(v / EPSILON_STEP) * EPSILON_STEP));
export const clampIterations = (v: number) => Math.min(ITERATIONS_MAX, Math.max(1, Math.round(v)));
export const clampQueryBudget = (v: number) => Math.min(QUERY_BUDGET_MAX, Math.max(QUERY_BUDGET_STEP, Math.round(v / QUERY_BUDGET_STEP) * QUERY_BUDGET_STEP));
