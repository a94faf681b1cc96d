// The lab's setting as plain data, and its URL form: a link reproduces a setting exactly.
// Values from a URL are clamped or ignored (with a notice), never trusted.
import { DEFAULT_EPSILON, DEFAULT_ITERATIONS } from '../config';
import type { ModelId } from '../models/specs';

export const ATTACK_MODES = ['whitebox', 'blackbox', 'noise'] as const;
export type AttackMode = (typeof ATTACK_MODES)[number];

export const MODE_LABELS: Record<AttackMode, string> = {
  whitebox: 'White box',
  blackbox: 'Black box',
  noise: 'Random noise',
};

/** Which model's gradient each mode uses (noise uses none). */
export const ATTACKED_MODEL: Record<AttackMode, ModelId | null> = { whitebox: 'inception_v3', blackbox: 'mobilenet_v2', noise: null };

export const EPSILON_MAX = 0.1;
export const EPSILON_STEP = 0.0005;
export const ITERATIONS_MAX = 50;

export interface LabSettings {
  /** Gallery image id. */
  image: string | null;
  epsilon: number;
  iterations: number;
  mode: AttackMode;
  /** Target label y*: 'auto' means the class f does not predict for x⁰. */
  target: 'auto' | 0 | 1;
}

export const DEFAULT_SETTINGS: LabSettings = {
  image: null,
  epsilon: DEFAULT_EPSILON,
  iterations: DEFAULT_ITERATIONS,
  mode: 'whitebox',
  target: 'auto',
};

export const PRESETS: { label: string; settings: Pick<LabSettings, 'mode' | 'epsilon' | 'iterations'> }[] = [
  { label: 'White box, ε = 0.01, T = 1', settings: { mode: 'whitebox', epsilon: 0.01, iterations: 1 } },
  { label: 'Black box, T = 1', settings: { mode: 'blackbox', epsilon: 0.01, iterations: 1 } },
  { label: 'Black box, T = 10', settings: { mode: 'blackbox', epsilon: 0.01, iterations: 10 } },
];

/** ε snapped to the slider's grid and range. */
export const clampEpsilon = (v: number) => Math.min(EPSILON_MAX, Math.max(0, Math.round(v / EPSILON_STEP) * EPSILON_STEP));
export const clampIterations = (v: number) => Math.min(ITERATIONS_MAX, Math.max(1, Math.round(v)));

/** Writes only what differs from the defaults, so links stay short. */
export function settingsToQuery(s: LabSettings): string {
  const q = new URLSearchParams();
  if (s.image) q.set('image', s.image);
  if (s.mode !== DEFAULT_SETTINGS.mode) q.set('mode', s.mode);
  if (s.epsilon !== DEFAULT_SETTINGS.epsilon) q.set('eps', String(s.epsilon));
  if (s.iterations !== DEFAULT_SETTINGS.iterations) q.set('T', String(s.iterations));
  if (s.target !== 'auto') q.set('target', String(s.target));
  return q.toString();
}

const MAX_QUERY = 2000;

/** Reads a setting from a query string; anything invalid falls back to the default, with a notice. */
export function settingsFromQuery(search: string, imageIds: readonly string[] | null = null): { settings: LabSettings; notices: string[] } {
  const notices: string[] = [];
  const settings = { ...DEFAULT_SETTINGS };
  if (search.length > MAX_QUERY) return { settings, notices: ['The link was too long and was ignored.'] };
  const q = new URLSearchParams(search);
  const number = (key: string, apply: (v: number) => void, clamp: (v: number) => number) => {
    const raw = q.get(key);
    if (raw === null) return;
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) {
      notices.push(`Ignored ${key}=${raw.slice(0, 20)}: not a number.`);
      return;
    }
    const clamped = clamp(v);
    if (clamped !== v) notices.push(`${key}=${raw.slice(0, 20)} is out of range: using ${clamped}.`);
    apply(clamped);
  };
  number('eps', (v) => (settings.epsilon = v), clampEpsilon);
  number('T', (v) => (settings.iterations = v), clampIterations);
  const mode = q.get('mode');
  if (mode !== null) {
    if ((ATTACK_MODES as readonly string[]).includes(mode)) settings.mode = mode as AttackMode;
    else notices.push('Ignored an unknown attack mode in the link.');
  }
  const target = q.get('target');
  if (target === '0' || target === '1') settings.target = Number(target) as 0 | 1;
  else if (target !== null && target !== 'auto') notices.push('Ignored an unknown target in the link.');
  const image = q.get('image');
  if (image !== null) {
    if (imageIds && !imageIds.includes(image)) notices.push('The link names a leaf that is not in the gallery: showing the first one.');
    else settings.image = image;
  }
  return { settings, notices };
}
