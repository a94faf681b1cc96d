// The postMessage API between an embedded lab and the page around it. Events go out to the parent
// page; commands come in and are validated here before anything runs: a malformed or unknown
// message is refused with a reason (the page counts it), never half-executed.
import type { LabCommand } from '../classroom/commands';
import { CLASS_NAMES, predictedClass, type ClassName } from '../config';
import { DEFENSE_IDS } from '../defense/names';
import { ATTACKERS, ATTACK_MODES, EPSILON_MAX, GRADIENT_METHODS, clampQueryBudget, ITERATIONS_MAX, clampEpsilon, type LabSettings } from '../lab/settings';
import type { ModelId } from '../models/specs';

/** Every event carries this, so a host page can tell the lab's messages from others. */
export const EVENT_SOURCE = 'adversarial-leaves';
export const PROTOCOL_VERSION = 1;

/** A model's answer for the current image x. */
interface Verdict {
  label: ClassName;
  /** P(healthy), P(diseased). */
  probabilities: [number, number];
}

/** The lab's state after an iteration (t = 0 is x⁰). */
export interface IterationState {
  t: number;
  iterations: number;
  target: ClassName;
  /** max |x − x⁰| and ‖x − x⁰‖₂. */
  linf: number;
  l2: number;
  verdicts: Partial<Record<ModelId, Verdict>>;
}

interface EventBase {
  source: typeof EVENT_SOURCE;
  version: typeof PROTOCOL_VERSION;
}

/** Lab → host page. */
export type LabEvent =
  | (EventBase & { type: 'ready'; settings: LabSettings; gallery: string[] })
  | (EventBase & { type: 'iteration' } & IterationState)
  | (EventBase & { type: 'finished' } & IterationState);

export type Parsed = { ok: true; command: LabCommand } | { ok: false; reason: string };

const refuse = (reason: string): Parsed => ({ ok: false, reason });
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

type FieldCheck = (v: unknown, imageIds: readonly string[]) => boolean;
const SETTING_CHECKS: Record<keyof LabSettings, FieldCheck> = {
  // ε must already lie on the slider's grid (within rounding) and in range.
  epsilon: (v) => typeof v === 'number' && v >= 0 && v <= EPSILON_MAX && Math.abs(clampEpsilon(v) - v) < 1e-9,
  iterations: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= ITERATIONS_MAX,
  mode: (v) => (ATTACK_MODES as readonly unknown[]).includes(v),
  method: (v) => (GRADIENT_METHODS as readonly unknown[]).includes(v),
  queryBudget: (v) => typeof v === 'number' && clampQueryBudget(v) === v,
  defense: (v) => v === 'none' || (DEFENSE_IDS as readonly unknown[]).includes(v),
  attacker: (v) => (ATTACKERS as readonly unknown[]).includes(v),
  target: (v) => v === 'auto' || v === 0 || v === 1,
  image: (v, ids) => typeof v === 'string' && ids.includes(v),
};

function parseSettings(raw: unknown, imageIds: readonly string[]): Partial<LabSettings> | string {
  if (!isRecord(raw)) return '`settings` must be an object';
  const keys = Object.keys(raw);
  if (!keys.length) return '`settings` is empty';
  for (const key of keys) {
    const check = SETTING_CHECKS[key as keyof LabSettings];
    if (!Object.hasOwn(SETTING_CHECKS, key)) return `unknown setting ${key.slice(0, 30)}`;
    if (!check(raw[key], imageIds)) return `invalid value for ${key}`;
  }
  const settings = raw as Partial<LabSettings>;
  return settings.epsilon === undefined ? { ...settings } : { ...settings, epsilon: clampEpsilon(settings.epsilon) };
}

const BARE_COMMANDS = ['run', 'pause', 'reset', 'step'] as const;

/** Checks a received message; `imageIds` are the gallery's leaves (the only images a host may pick). */
export function parseCommand(data: unknown, imageIds: readonly string[]): Parsed {
  if (!isRecord(data)) return refuse('not an object');
  const { type } = data;
  if (type === 'set') {
    const extra = Object.keys(data).filter((k) => k !== 'type' && k !== 'settings');
    if (extra.length) return refuse(`unexpected field ${extra[0].slice(0, 30)}`);
    const settings = parseSettings(data.settings, imageIds);
    return typeof settings === 'string' ? refuse(settings) : { ok: true, command: { type: 'set', settings } };
  }
  if ((BARE_COMMANDS as readonly unknown[]).includes(type)) {
    if (Object.keys(data).length !== 1) return refuse(`${String(type)} takes no arguments`);
    return { ok: true, command: { type: type as (typeof BARE_COMMANDS)[number] } };
  }
  return refuse(typeof type === 'string' ? `unknown command ${type.slice(0, 30)}` : 'no command type');
}

/** The event payload for a frame, with plain numbers and class names (no typed arrays). */
export function iterationState(frame: {
  t: number;
  iterations: number;
  target: number;
  linf: number;
  l2: number;
  probabilities: Partial<Record<ModelId, number[]>>;
}): IterationState {
  const verdicts: Partial<Record<ModelId, Verdict>> = {};
  for (const [id, p] of Object.entries(frame.probabilities) as [ModelId, number[]][]) {
    verdicts[id] = { label: CLASS_NAMES[predictedClass(p)], probabilities: [p[0], p[1]] };
  }
  return { t: frame.t, iterations: frame.iterations, target: CLASS_NAMES[frame.target], linf: frame.linf, l2: frame.l2, verdicts };
}
