import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, EPSILON_MAX, ITERATIONS_MAX, type LabSettings } from '../lab/settings';
import { EPSILON_NUDGE, nextGalleryId, shortcutAction, type ShortcutContext } from './shortcuts';

const IDS = ['apple__1', 'grape__2', 'tomato__3'];
const context = (settings: Partial<LabSettings> = {}, rest: Partial<ShortcutContext> = {}): ShortcutContext => ({
  settings: { ...DEFAULT_SETTINGS, image: 'grape__2', ...settings },
  running: false,
  galleryIds: IDS,
  focus: 'none',
  ...rest,
});
const press = (key: string, c = context()) => shortcutAction({ key }, c);

describe('presenter shortcuts', () => {
  it('Space runs, or pauses while running; → steps; R resets', () => {
    expect(press(' ')).toEqual({ type: 'run' });
    expect(press(' ', context({}, { running: true }))).toEqual({ type: 'pause' });
    expect(press('ArrowRight')).toEqual({ type: 'step' });
    expect(press('r')).toEqual({ type: 'reset' });
    expect(press('R')).toEqual({ type: 'reset' });
  });

  it('↑/↓ move ε by a nudge, within its range', () => {
    expect(press('ArrowUp')).toEqual({ type: 'set', settings: { epsilon: DEFAULT_SETTINGS.epsilon + EPSILON_NUDGE } });
    expect(press('ArrowDown', context({ epsilon: 0.0005 }))).toEqual({ type: 'set', settings: { epsilon: 0 } });
    expect(press('ArrowUp', context({ epsilon: EPSILON_MAX }))).toBeNull();
    expect(press('ArrowDown', context({ epsilon: 0 }))).toBeNull();
  });

  it('[ and ] move T by one within 1..max, and do nothing for random noise or query only', () => {
    expect(press(']', context({ iterations: 4 }))).toEqual({ type: 'set', settings: { iterations: 5 } });
    expect(press('[', context({ iterations: 4 }))).toEqual({ type: 'set', settings: { iterations: 3 } });
    expect(press('[', context({ iterations: 1 }))).toBeNull();
    expect(press(']', context({ iterations: ITERATIONS_MAX }))).toBeNull();
    expect(press(']', context({ mode: 'noise' }))).toBeNull();
    expect(press(']', context({ mode: 'query' }))).toBeNull();
  });

  it('1/2/3/4 pick the attack mode; the current one changes nothing', () => {
    expect(press('2')).toEqual({ type: 'set', settings: { mode: 'blackbox' } });
    expect(press('3')).toEqual({ type: 'set', settings: { mode: 'noise' } });
    expect(press('4')).toEqual({ type: 'set', settings: { mode: 'query' } });
    expect(press('1')).toBeNull();
  });

  it('G walks the gallery and wraps round', () => {
    expect(press('g')).toEqual({ type: 'set', settings: { image: 'tomato__3' } });
    expect(press('G', context({ image: 'tomato__3' }))).toEqual({ type: 'set', settings: { image: 'apple__1' } });
    expect(press('g', context({}, { galleryIds: [] }))).toBeNull();
    expect(nextGalleryId(IDS, null)).toBe('apple__1');
  });

  it('? toggles the help; other keys and modified keys do nothing', () => {
    expect(press('?')).toEqual({ type: 'help' });
    expect(press('x')).toBeNull();
    expect(shortcutAction({ key: 'r', ctrlKey: true }, context())).toBeNull();
    expect(shortcutAction({ key: 'r', metaKey: true }, context())).toBeNull();
  });

  it('never fires while typing, and leaves focused controls their own keys', () => {
    expect(press('r', context({}, { focus: 'text' }))).toBeNull();
    for (const key of [' ', 'ArrowUp', 'ArrowRight']) expect(press(key, context({}, { focus: 'choice' }))).toBeNull();
    expect(press('r', context({}, { focus: 'choice' }))).toEqual({ type: 'reset' });
    for (const key of [' ', 'Enter']) expect(press(key, context({}, { focus: 'button' }))).toBeNull();
    expect(press('ArrowUp', context({}, { focus: 'button' }))).toEqual({ type: 'set', settings: { epsilon: DEFAULT_SETTINGS.epsilon + EPSILON_NUDGE } });
  });
});
