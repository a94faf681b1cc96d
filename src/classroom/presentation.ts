// How the lab is shown, as plain data: the full lab, presenter mode for a lecture hall, or an embed
// without page chrome that shows only the chosen controls. Its URL form is in src/url/params.ts.

export type Layout = 'lab' | 'present' | 'embed';

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
