// Every query parameter the page reads, in one declarative table (in the spirit of TensorFlow
// Playground's state.ts): the page options, the presentation and the lab setting. Each row names
// its key, the field it fills and how the value reads and writes. A link reproduces a page
// exactly; values from a link are clamped or ignored with a notice, never trusted. Pure: the
// address bar (src/app/address-bar.ts), the embed snippet and the tests all use it.
import { BACKENDS, type BackendName } from '../backend/names';
import { DEFAULT_PRESENTATION, EMBED_CONTROLS, type EmbedControl, type Layout, type Presentation } from '../classroom/presentation';
import { DEFENSE_IDS } from '../defense/names';
import { ATTACKERS, ATTACK_MODES, DEFAULT_SETTINGS, GRADIENT_METHODS, clampEpsilon, clampIterations, clampQueryBudget, usesGradient, type LabSettings } from '../lab/settings';

export const VIEWS = ['lab', 'experiment'] as const;
export type View = (typeof VIEWS)[number];

/** What the page is asked for besides the setting and the presentation. */
export interface PageOptions {
  /** `?backend=`: use this tfjs backend only. */
  backend: BackendName | null;
  /** Accept software-rendered WebGL (tests and benchmarks only). */
  allowSoftwareWebGL: boolean;
  /** Accept a software WebGPU adapter, e.g. SwiftShader's (tests and benchmarks only). */
  allowSoftwareWebGPU: boolean;
  /** Dev server only (tests): act as a browser without WebGL in workers. */
  disableWebGL: boolean;
  /** Dev server only (tests): WebGL in workers reports a software renderer, even on a real GPU. */
  softwareWebGL: boolean;
  /** Show the worker's memory, the run loops and ignored messages. */
  debug: boolean;
  view: View;
  /** `?lesson=`: `default`, a path to a .json file on this site, or the lesson itself as JSON (src/lesson/source.ts). */
  lesson: string | null;
  /** The lesson's step to open at: 0 for the first (`lessonStep=1` in a link, as the panel counts). */
  lessonStep: number;
}

export interface UrlState {
  options: PageOptions;
  presentation: Presentation;
  settings: LabSettings;
}

export const DEFAULT_OPTIONS: PageOptions = { backend: null, allowSoftwareWebGL: false, allowSoftwareWebGPU: false, disableWebGL: false, softwareWebGL: false, debug: false, view: 'lab', lesson: null, lessonStep: 0 };
export const DEFAULT_URL_STATE: UrlState = { options: DEFAULT_OPTIONS, presentation: DEFAULT_PRESENTATION, settings: DEFAULT_SETTINGS };

/** A value read from a link, and why it was changed or ignored; `null`: leave the field as it is. */
type Reading<T> = { value?: T; notice?: string } | null;

/** How one field reads from (`raw`, the text in the link) and writes to a query. */
interface Codec<T> {
  read(raw: string, key: string, current: T): Reading<T>;
  /** The text to write; `null` writes nothing. A field is written only when it differs from the default. */
  write(value: T): string | null;
}

const shown = (raw: string) => raw.slice(0, 20);

const flag: Codec<boolean> = {
  read: (raw, key) => (raw === '1' || raw === '' ? { value: true } : raw === '0' ? { value: false } : { notice: `Ignored ${key}=${shown(raw)}: use ${key}=1.` }),
  write: (v) => (v ? '1' : null),
};

const number = (clamp: (v: number) => number): Codec<number> => ({
  read(raw, key) {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) return { notice: `Ignored ${key}=${shown(raw)}: not a number.` };
    const value = clamp(v);
    return value === v ? { value } : { value, notice: `${key}=${shown(raw)} is out of range: using ${value}.` };
  },
  write: String,
});

/** One of a few words; a link with any other says `unknown` (it may hold markup: never echoed). */
const oneOf = <T extends string>(values: readonly T[], unknown: string): Codec<T> => ({
  read: (raw) => ((values as readonly string[]).includes(raw) ? { value: raw as T } : { notice: `Ignored an unknown ${unknown} in the link.` }),
  write: (v) => v,
});

const optional = <T extends string>(codec: Codec<T>): Codec<T | null> => ({
  read: (raw, key, current) => codec.read(raw, key, current as T),
  write: (v) => (v === null ? null : codec.write(v)),
});

/** `present=1` and `embed=1` both set the layout; the later row wins, with a notice. */
const layoutFlag = (layout: Exclude<Layout, 'lab'>, other: Exclude<Layout, 'lab'>): Codec<Layout> => ({
  read(raw, key, current) {
    const reading = flag.read(raw, key, false)!;
    if (!reading.value) return reading.notice ? { notice: reading.notice } : null;
    return current === other ? { value: layout, notice: 'A link cannot ask for both embed and presenter mode: showing the embed.' } : { value: layout };
  },
  write: (v) => (v === layout ? '1' : null),
});

const controls: Codec<readonly EmbedControl[]> = {
  read(raw) {
    const names = raw === 'none' ? [] : raw.split(',').map((s) => s.trim());
    const unknown = names.filter((n) => !(EMBED_CONTROLS as readonly string[]).includes(n));
    const value = EMBED_CONTROLS.filter((c) => names.includes(c));
    return unknown.length ? { value, notice: `Ignored unknown controls in the link: ${unknown.join(', ').slice(0, 60)}.` } : { value };
  },
  // In their canonical order, so the same set always writes the same text.
  write: (v) => (v.length ? EMBED_CONTROLS.filter((c) => v.includes(c)).join(',') : 'none'),
};

const target: Codec<LabSettings['target']> = {
  read: (raw) => (raw === '0' || raw === '1' ? { value: Number(raw) as 0 | 1 } : raw === 'auto' ? { value: 'auto' } : { notice: 'Ignored an unknown target in the link.' }),
  write: String,
};

/** Text taken as it is and checked where its meaning is known: a gallery leaf's id once the gallery is there, a lesson once it is loaded. */
const asIs: Codec<string | null> = { read: (raw) => ({ value: raw }), write: (v) => v };

/** A step number in the link, counted from 1; an index in the state. The lesson's length is checked once it is loaded. */
const stepNumber: Codec<number> = {
  read: (raw, key) => (/^[1-9]\d{0,3}$/.test(raw) ? { value: Number(raw) - 1 } : { notice: `Ignored ${key}=${shown(raw)}: use a step number, 1 for the first.` }),
  write: (v) => String(v + 1),
};

type Group = keyof UrlState;

export interface UrlParam {
  key: string;
  group: Group;
  read(raw: string, state: UrlState): string | undefined;
  write(state: UrlState): string | null;
}

/** A row of the table; `writeWhen` limits a field to the states where it means something. */
function param<G extends Group, F extends keyof UrlState[G] & string>(group: G, field: F, key: string, codec: Codec<UrlState[G][F]>, writeWhen: (s: UrlState) => boolean = () => true): UrlParam {
  const fallback = codec.write(DEFAULT_URL_STATE[group][field]);
  return {
    key,
    group,
    read(raw, state) {
      const reading = codec.read(raw, key, state[group][field]);
      if (reading && 'value' in reading) state[group] = { ...state[group], [field]: reading.value };
      return reading?.notice;
    },
    write(state) {
      const text = codec.write(state[group][field]);
      return writeWhen(state) && text !== fallback ? text : null;
    },
  };
}

/** Every query parameter, in the order a link writes them. */
export const URL_PARAMS: readonly UrlParam[] = [
  param('options', 'backend', 'backend', optional(oneOf(BACKENDS, 'backend'))),
  param('options', 'allowSoftwareWebGL', 'allowSoftwareWebGL', flag),
  param('options', 'allowSoftwareWebGPU', 'allowSoftwareWebGPU', flag),
  param('options', 'disableWebGL', 'disableWebGL', flag),
  param('options', 'softwareWebGL', 'softwareWebGL', flag),
  param('options', 'debug', 'debug', flag),
  param('options', 'view', 'view', oneOf(VIEWS, 'view')),
  param('options', 'lesson', 'lesson', asIs),
  param('options', 'lessonStep', 'lessonStep', stepNumber, (s) => s.options.lesson !== null),
  param('presentation', 'layout', 'present', layoutFlag('present', 'embed')),
  param('presentation', 'layout', 'embed', layoutFlag('embed', 'present')),
  param('presentation', 'controls', 'controls', controls, (s) => s.presentation.layout === 'embed'),
  param('presentation', 'slowMotion', 'slow', flag),
  param('settings', 'image', 'image', asIs),
  param('settings', 'mode', 'mode', oneOf(ATTACK_MODES, 'attack mode')),
  param('settings', 'method', 'method', oneOf(GRADIENT_METHODS, 'attack method'), (s) => usesGradient(s.settings.mode)),
  param('settings', 'epsilon', 'eps', number(clampEpsilon)),
  param('settings', 'iterations', 'T', number(clampIterations)),
  param('settings', 'queryBudget', 'queries', number(clampQueryBudget), (s) => s.settings.mode === 'query'),
  param('settings', 'defense', 'defense', oneOf(['none', ...DEFENSE_IDS] as const, 'defense')),
  param('settings', 'attacker', 'attacker', oneOf(ATTACKERS, 'attacker'), (s) => s.settings.defense !== 'none'),
  param('settings', 'target', 'target', target),
];

const MAX_QUERY = 2000;
/** A lesson written into the link (`lesson={…}`) makes it longer; static hosts refuse URLs much over 8 kB. */
const MAX_QUERY_WITH_LESSON = 8000;

/** The page a query asks for, with a notice for everything clamped or ignored. Unknown keys are ignored. */
export function readQuery(search: string): { state: UrlState; notices: string[] } {
  const state = { ...DEFAULT_URL_STATE };
  const query = new URLSearchParams(search);
  const lesson = query.has('lesson');
  if (search.length > (lesson ? MAX_QUERY_WITH_LESSON : MAX_QUERY)) return { state, notices: [`The link was too long and was ignored${lesson ? ': put a lesson this long in a file (README, "Lessons")' : ''}.`] };
  const notices: string[] = [];
  for (const p of URL_PARAMS) {
    const raw = query.get(p.key);
    const notice = raw === null ? undefined : p.read(raw, state);
    if (notice) notices.push(notice);
  }
  return { state, notices };
}

/** The query for `state`, without the groups in `omit`; only what differs from the defaults, so links stay short. */
export function writeQuery(state: UrlState, omit: readonly Group[] = []): string {
  const query = new URLSearchParams();
  for (const p of URL_PARAMS) {
    const text = omit.includes(p.group) ? null : p.write(state);
    if (text !== null) query.set(p.key, text);
  }
  return query.toString().replaceAll('%2C', ','); // controls=buttons,chart reads better, and commas are safe in a query
}

/** Whether two settings are the same setting (as a link would write them). */
export const sameSettings = (a: LabSettings, b: LabSettings) => writeQuery({ ...DEFAULT_URL_STATE, settings: a }) === writeQuery({ ...DEFAULT_URL_STATE, settings: b });
