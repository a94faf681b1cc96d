// Keyboard shortcuts for presenting: which key does what, as a pure function of the key and the
// lab's state. The page only turns the answer into a controller call.
import { ATTACK_MODES, clampEpsilon, clampIterations, usesGradient, type LabSettings } from '../lab/settings';
import type { LabCommand } from './commands';

/** One ↑/↓ press: a visible but small change of ε (about a quarter of a brightness level). */
export const EPSILON_NUDGE = 0.001;

/** The overlay's list, in the order it shows them. */
export const SHORTCUTS: readonly { keys: readonly string[]; does: string }[] = [
  { keys: ['Space'], does: 'Run / pause' },
  { keys: ['→'], does: 'One step' },
  { keys: ['R'], does: 'Reset to the original x⁰' },
  { keys: ['↑', '↓'], does: `ε up / down by ${EPSILON_NUDGE}` },
  { keys: ['[', ']'], does: 'T down / up by 1' },
  { keys: ['1', '2', '3', '4'], does: 'White box / black box / random noise / query only' },
  { keys: ['G'], does: 'Next gallery leaf' },
  { keys: ['?'], does: 'Show / hide this list' },
];

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/**
 * Where the keyboard focus is: typing in a text field gets no shortcuts at all; a slider or radio
 * keeps its own arrows and Space; a button reached by keyboard keeps its own Space and Enter.
 */
export type FocusKind = 'text' | 'choice' | 'button' | 'none';

export interface ShortcutContext {
  settings: LabSettings;
  running: boolean;
  galleryIds: readonly string[];
  focus: FocusKind;
}

export type ShortcutAction = LabCommand | { type: 'help' };

const NATIVE_KEYS: Record<Exclude<FocusKind, 'text'>, ReadonlySet<string>> = {
  choice: new Set([' ', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']),
  button: new Set([' ', 'Enter']),
  none: new Set(),
};

/** The gallery leaf after `current`, wrapping round; the first one when `current` is not in it. */
export function nextGalleryId(ids: readonly string[], current: string | null): string | null {
  if (!ids.length) return null;
  return ids[(ids.indexOf(current ?? '') + 1) % ids.length];
}

/** A settings change, or nothing when it would change nothing (no needless restart). */
function set(settings: LabSettings, patch: Partial<LabSettings>): LabCommand | null {
  const changed = (Object.keys(patch) as (keyof LabSettings)[]).some((k) => patch[k] !== settings[k]);
  return changed ? { type: 'set', settings: patch } : null;
}

export function shortcutAction(press: KeyPress, context: ShortcutContext): ShortcutAction | null {
  const { settings, running, galleryIds, focus } = context;
  if (press.ctrlKey || press.metaKey || press.altKey || focus === 'text') return null;
  if (NATIVE_KEYS[focus].has(press.key)) return null;
  switch (press.key) {
    case ' ':
      return { type: running ? 'pause' : 'run' };
    case 'ArrowRight':
      return { type: 'step' };
    case 'r':
    case 'R':
      return { type: 'reset' };
    case 'ArrowUp':
    case 'ArrowDown':
      return set(settings, { epsilon: clampEpsilon(settings.epsilon + (press.key === 'ArrowUp' ? 1 : -1) * EPSILON_NUDGE) });
    case '[':
    case ']':
      return !usesGradient(settings.mode) ? null : set(settings, { iterations: clampIterations(settings.iterations + (press.key === ']' ? 1 : -1)) });
    case '1':
    case '2':
    case '3':
    case '4':
      return set(settings, { mode: ATTACK_MODES[Number(press.key) - 1] });
    case 'g':
    case 'G': {
      const image = nextGalleryId(galleryIds, settings.image);
      return image ? { type: 'set', settings: { image } } : null;
    }
    case '?':
      return { type: 'help' };
    default:
      return null;
  }
}
