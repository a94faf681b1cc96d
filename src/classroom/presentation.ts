// How the lab is shown, as plain data with a URL form beside the lab setting: the full lab, presenter
// mode for a lecture hall, or an embed without page chrome that shows only the chosen controls.
// Like the setting, values from a URL are ignored with a notice when they make no sense.

export const LAYOUTS = ['lab', 'present', 'embed'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** What an embed can show besides the three images and the L∞ proof (TensorFlow Playground-style). */
export const EMBED_CONTROLS = ['buttons', 'mode', 'presets', 'epsilon', 'iterations', 'target', 'gallery', 'chart'] as const;
export type EmbedControl = (typeof EMBED_CONTROLS)[number];

export const EMBED_CONTROL_LABELS: Record<EmbedControl, string> = {
  buttons: 'Run / Pause / Step / Reset',
  mode: 'Attack mode',
  presets: 'Course presets',
  epsilon: 'ε slider',
  iterations: 'T slider',
  target: 'Target label',
  gallery: 'Leaf gallery',
  chart: 'Prediction chart',
};

export const DEFAULT_EMBED_CONTROLS: readonly EmbedControl[] = ['buttons', 'epsilon', 'iterations', 'chart'];

export interface Presentation {
  layout: Layout;
  /** Shown in the embed layout (the lab and presenter mode show everything). */
  controls: readonly EmbedControl[];
  /** Hold every iteration on screen for SLOW_MOTION_MS, so a hall can follow it. */
  slowMotion: boolean;
}

export const DEFAULT_PRESENTATION: Presentation = { layout: 'lab', controls: DEFAULT_EMBED_CONTROLS, slowMotion: false };

/** How long slow motion holds each iteration. */
export const SLOW_MOTION_MS = 1500;

/** The query keys this module owns (the lab setting owns image, eps, T, mode, target). */
export const PRESENTATION_KEYS = ['present', 'embed', 'controls', 'slow'] as const;

const sameControls = (a: readonly EmbedControl[], b: readonly EmbedControl[]) => a.length === b.length && a.every((c) => b.includes(c));

/** Writes only what differs from the defaults; controls in their canonical order. */
export function presentationToQuery(p: Presentation): string {
  const q = new URLSearchParams();
  if (p.layout !== 'lab') q.set(p.layout, '1');
  if (p.layout === 'embed' && !sameControls(p.controls, DEFAULT_EMBED_CONTROLS)) {
    q.set('controls', p.controls.length ? EMBED_CONTROLS.filter((c) => p.controls.includes(c)).join(',') : 'none');
  }
  if (p.slowMotion) q.set('slow', '1');
  return q.toString().replaceAll('%2C', ','); // controls=buttons,chart reads better, and commas are safe in a query
}

const flag = (q: URLSearchParams, key: string, notices: string[]): boolean => {
  const raw = q.get(key);
  if (raw === null || raw === '0') return false;
  if (raw === '1' || raw === '') return true;
  notices.push(`Ignored ${key}=${raw.slice(0, 20)}: use ${key}=1.`);
  return false;
};

/** Reads the presentation from a query string (the lab setting is read by settingsFromQuery). */
export function presentationFromQuery(search: string): { presentation: Presentation; notices: string[] } {
  const notices: string[] = [];
  const q = new URLSearchParams(search);
  const embed = flag(q, 'embed', notices);
  const present = flag(q, 'present', notices);
  if (embed && present) notices.push('A link cannot ask for both embed and presenter mode: showing the embed.');
  const presentation: Presentation = { ...DEFAULT_PRESENTATION, layout: embed ? 'embed' : present ? 'present' : 'lab', slowMotion: flag(q, 'slow', notices) };
  const raw = q.get('controls');
  if (raw !== null) {
    const names = raw === 'none' ? [] : raw.split(',').map((s) => s.trim());
    const unknown = names.filter((n) => !(EMBED_CONTROLS as readonly string[]).includes(n));
    if (unknown.length) notices.push(`Ignored unknown controls in the link: ${unknown.join(', ').slice(0, 60)}.`);
    presentation.controls = EMBED_CONTROLS.filter((c) => names.includes(c));
  }
  return { presentation, notices };
}
