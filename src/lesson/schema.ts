// A lesson as plain data, and its validator. A lesson is an ordered list of steps; each step loads
// a setting, asks a question the student answers before the reveal, and says what to look at.
// Instructors write lessons as JSON (README, "Lessons"), so parseLesson checks every field and
// says where and what is wrong in plain words. The allowed values are those of the lab's own
// setting (src/lab/settings.ts, src/defense/names.ts): a value out of range is an error, never
// silently clamped, so a lesson shows exactly what its author wrote.
import { CLASS_NAMES } from '../config';
import { DEFENSE_IDS } from '../defense/names';
import {
  ATTACKERS, ATTACK_MODES, DEFAULT_SETTINGS, EPSILON_MAX, EPSILON_STEP, GRADIENT_METHODS, ITERATIONS_MAX, QUERY_BUDGET_MAX, QUERY_BUDGET_STEP,
  clampEpsilon, clampIterations, clampQueryBudget, type LabSettings,
} from '../lab/settings';
import { VIEWS, type View } from '../url/params';

/** What a step loads: any part of the lab's setting, and which view to show (the lab unless said). */
export type StepSettings = Partial<LabSettings> & { view?: View };

interface Question {
  prompt: string;
  choices: string[];
  /** Index into `choices` of the right one. */
  answer: number;
}

export interface LessonStep {
  text: string;
  settings: StepSettings;
  question: Question;
  /** Shown after the student checks an answer: what happened, and why. */
  reveal: string;
  /** Shown with the reveal: where on the page to look. */
  lookAt: string;
}

export interface Lesson {
  title: string;
  steps: LessonStep[];
}

const MAX_STEPS = 50;
const MAX_CHOICES = 6;
/** A file of garbage would otherwise list a problem per field. */
const MAX_ERRORS = 20;

/**
 * What a step shows: its view, and the lab's defaults with the step's fields over them, so a step
 * always shows the same whatever the student did before; the leaf stays unless it names one.
 */
export function stepSetting({ view = 'lab', ...lab }: StepSettings, current: LabSettings): { view: View; settings: LabSettings } {
  return { view, settings: { ...DEFAULT_SETTINGS, image: current.image, ...lab } };
}

/** Reads the value at `path`, recording each problem; what it reads is used only when no problem was recorded. */
type Reader<T> = (value: unknown, path: string, problems: string[]) => T;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value as a problem quotes it: short, and as it was written. */
function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (isRecord(v)) return 'an object';
  const json = JSON.stringify(v) ?? String(v);
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
}

const listOr = (words: string[]) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`);

/** A value that passes `ok`; otherwise the problem says it `must` be something, and what it got. */
const value = <T,>(ok: (v: unknown) => boolean, must: string): Reader<T> => (v, path, problems) => {
  if (!ok(v)) problems.push(`${path}: must be ${must}, got ${describe(v)}`);
  return v as T;
};

const text = value<string>((v) => typeof v === 'string' && v.trim() !== '', 'text (a string that is not empty)');

const oneOf = <T,>(values: readonly T[], words = values.map((v) => JSON.stringify(v))) => value<T>((v) => values.includes(v as T), `one of ${listOr(words)}`);

/** A number that `clamp` leaves as it is: inside the range and on the grid of the lab's controls. */
const onGrid = (clamp: (v: number) => number, must: string) => value<number>((v) => typeof v === 'number' && Math.abs(clamp(v) - v) < 1e-9, must);

/** A list of `min` to `max` items, each read by `item`. */
const list = <T,>(item: Reader<T>, min: number, max: number, noun: string): Reader<T[]> => (v, path, problems) => {
  if (!Array.isArray(v)) {
    problems.push(`${path}: must be a list [ … ] of ${noun}, got ${describe(v)}`);
    return [];
  }
  if (v.length < min || v.length > max) problems.push(`${path}: must have ${min} to ${max} ${noun}, got ${v.length}`);
  return v.map((x, i) => item(x, `${path}[${i}]`, problems));
};

/** An object with these fields and no others; each is required unless `optional`. */
const record = <T,>(fields: { [K in keyof T]-?: Reader<T[K]> }, optional = false): Reader<T> => (v, path, problems) => {
  const out: Record<string, unknown> = {};
  if (!isRecord(v)) {
    problems.push(`${path || 'The lesson'}: must be an object { … }, got ${describe(v)}`);
    return out as T;
  }
  const known = Object.keys(fields);
  const at = (key: string) => (path ? `${path}.${key}` : key);
  for (const key of Object.keys(v)) if (!known.includes(key)) problems.push(`${at(key)}: is not a field here (the fields are ${known.join(', ')})`);
  for (const key of known) {
    if (v[key] !== undefined) out[key] = fields[key as keyof T](v[key], at(key), problems);
    else if (!optional) problems.push(`${at(key)}: is missing`);
  }
  return out as T;
};

const SETTINGS = record<StepSettings>(
  {
    image: text,
    mode: oneOf(ATTACK_MODES),
    method: oneOf(GRADIENT_METHODS),
    // Snapped onto the grid, so that 0.01 is the slider's 0.01 exactly.
    epsilon: (v, path, problems) => clampEpsilon(onGrid(clampEpsilon, `a number from 0 to ${EPSILON_MAX} in steps of ${EPSILON_STEP}`)(v, path, problems)),
    iterations: onGrid(clampIterations, `a whole number from 1 to ${ITERATIONS_MAX}`),
    queryBudget: onGrid(clampQueryBudget, `a multiple of ${QUERY_BUDGET_STEP} from ${QUERY_BUDGET_STEP} to ${QUERY_BUDGET_MAX}`),
    defense: oneOf(['none', ...DEFENSE_IDS] as const),
    attacker: oneOf(ATTACKERS),
    target: oneOf<LabSettings['target']>(['auto', ...CLASS_NAMES.map((_, i) => i as 0 | 1)], ['"auto"', ...CLASS_NAMES.map((name, i) => `${i} (${name})`)]),
    view: oneOf(VIEWS),
  },
  true,
);

/** The question, with its answer checked against its own choices. */
const QUESTION: Reader<Question> = (v, path, problems) => {
  const question = record<Question>({ prompt: text, choices: list(text, 2, MAX_CHOICES, 'choices'), answer: (a) => a as number })(v, path, problems);
  const { choices, answer } = question;
  const n = choices?.length ?? 0;
  if (n > 0 && answer !== undefined && !(Number.isInteger(answer) && answer >= 0 && answer < n)) {
    problems.push(`${path}.answer: must be an index into choices (0–${n - 1}), got ${describe(answer)}`);
  }
  return question;
};

const STEP = record<LessonStep>({ text, settings: SETTINGS, question: QUESTION, reveal: text, lookAt: text });

const LESSON = record<Lesson>({ title: text, steps: list(STEP, 1, MAX_STEPS, 'steps') });

/** A lesson from parsed JSON, or every problem (up to MAX_ERRORS) as `path: what is wrong`. */
export function parseLesson(json: unknown): { lesson: Lesson } | { errors: string[] } {
  const problems: string[] = [];
  const lesson = LESSON(json, '', problems);
  if (!problems.length) return { lesson };
  const more = problems.length - MAX_ERRORS;
  return { errors: more > 0 ? [...problems.slice(0, MAX_ERRORS), `…and ${more} more problems.`] : problems };
}
