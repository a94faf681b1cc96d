import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsFromQuery, settingsToQuery, type LabSettings } from './settings';

describe('lab settings in the URL', () => {
  it('round-trips every field', () => {
    const s: LabSettings = { image: 'grape__00e46ac798', epsilon: 0.0235, iterations: 17, mode: 'blackbox', target: 1 };
    expect(settingsFromQuery(settingsToQuery(s), ['grape__00e46ac798'])).toEqual({ settings: s, notices: [] });
  });

  it('the default setting is an empty query', () => {
    expect(settingsToQuery(DEFAULT_SETTINGS)).toBe('');
    expect(settingsFromQuery('').settings).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    ['eps=abc', { epsilon: DEFAULT_SETTINGS.epsilon }, /not a number/],
    ['eps=-1', { epsilon: 0 }, /out of range/],
    ['eps=1e9', { epsilon: 0.1 }, /out of range/],
    ['T=0', { iterations: 1 }, /out of range/],
    ['T=1e9', { iterations: 50 }, /out of range/],
    ['T=2.5', { iterations: 3 }, /out of range/],
    ['mode=<script>alert(1)</script>', { mode: 'whitebox' }, /unknown attack mode/],
    ['image=nope', { image: null }, /not in the gallery/],
  ])('%s is clamped or ignored, with a notice', (query, expected, notice) => {
    const { settings, notices } = settingsFromQuery(query, ['apple__0329b50094']);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, ...expected });
    expect(notices.join(' ')).toMatch(notice);
  });

  it('ignores an absurdly long query', () => {
    const { settings, notices } = settingsFromQuery(`eps=0.05&junk=${'x'.repeat(100_000)}`);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(notices).toHaveLength(1);
  });
});
