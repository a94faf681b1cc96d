import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESENTATION, type Presentation } from '../classroom/presentation';
import { DEFAULT_SETTINGS, type LabSettings } from '../lab/settings';
import { DEFAULT_OPTIONS, DEFAULT_URL_STATE, URL_PARAMS, readQuery, sameSettings, writeQuery, type PageOptions, type UrlState } from './params';

const withSettings = (settings: Partial<LabSettings>): UrlState => ({ ...DEFAULT_URL_STATE, settings: { ...DEFAULT_SETTINGS, ...settings } });
const withPresentation = (presentation: Partial<Presentation>): UrlState => ({ ...DEFAULT_URL_STATE, presentation: { ...DEFAULT_PRESENTATION, ...presentation } });

describe('the URL table', () => {
  it('has one row per key', () => {
    const keys = URL_PARAMS.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each<UrlState>([
    DEFAULT_URL_STATE,
    withSettings({ image: 'grape__00e46ac798', epsilon: 0.0235, iterations: 17, mode: 'blackbox', target: 1 }),
    withSettings({ target: 0, mode: 'noise' }),
    withPresentation({ layout: 'present', slowMotion: true }),
    withPresentation({ layout: 'embed', controls: ['buttons', 'gallery'] }),
    withPresentation({ layout: 'embed', controls: [], slowMotion: true }),
    { ...DEFAULT_URL_STATE, options: { backend: 'webgpu', allowSoftwareWebGL: true, allowSoftwareWebGPU: true, disableWebGL: true, softwareWebGL: true, debug: true, view: 'experiment', lesson: 'default', lessonStep: 2 } },
    { ...DEFAULT_URL_STATE, options: { ...DEFAULT_OPTIONS, lesson: '{"title": "ε & T", "steps": []}' } },
  ])('round-trips %o', (state) => {
    expect(readQuery(writeQuery(state))).toEqual({ state, notices: [] });
  });

  it('the default page is an empty query, and links write only what differs', () => {
    expect(writeQuery(DEFAULT_URL_STATE)).toBe('');
    expect(writeQuery(withPresentation({ layout: 'embed' }))).toBe('embed=1');
    expect(writeQuery(withSettings({ iterations: 10, mode: 'blackbox' }))).toBe('mode=blackbox&T=10');
    expect(writeQuery(withSettings({ method: 'mifgsm', mode: 'blackbox' }))).toBe('mode=blackbox&method=mifgsm');
    expect(readQuery('mode=blackbox&method=pgd').state.settings).toEqual({ ...DEFAULT_SETTINGS, mode: 'blackbox', method: 'pgd' });
    expect(writeQuery(withSettings({ defense: 'jpeg', attacker: 'adaptive' }))).toBe('defense=jpeg&attacker=adaptive');
    // Without a defense the attacker has nothing to know: not written.
    expect(writeQuery(withSettings({ attacker: 'adaptive' }))).toBe('');
    // Random noise has no method: a link to it does not carry one.
    expect(writeQuery(withSettings({ method: 'pgd', mode: 'noise' }))).toBe('mode=noise');
    // The embed's controls mean nothing in the lab: not written there.
    expect(writeQuery(withPresentation({ controls: ['gallery'] }))).toBe('');
  });

  it('writes options, then presentation, then the setting; leaves out the groups asked', () => {
    const state: UrlState = { options: { ...DEFAULT_OPTIONS, view: 'experiment' }, presentation: { ...DEFAULT_PRESENTATION, layout: 'embed', controls: ['buttons', 'chart'] }, settings: { ...DEFAULT_SETTINGS, image: 'a', iterations: 2 } };
    expect(writeQuery(state)).toBe('view=experiment&embed=1&controls=buttons,chart&image=a&T=2');
    expect(writeQuery(state, ['settings'])).toBe('view=experiment&embed=1&controls=buttons,chart');
  });

  it.each<[string, Partial<LabSettings>, RegExp]>([
    ['eps=abc', {}, /^Ignored eps=abc: not a number\.$/],
    ['eps=-1', { epsilon: 0 }, /^eps=-1 is out of range: using 0\.$/],
    ['eps=1e9', { epsilon: 0.1 }, /out of range: using 0\.1/],
    ['eps=0.01234', { epsilon: 0.0125 }, /out of range: using 0\.0125/],
    ['T=0', { iterations: 1 }, /out of range/],
    ['T=1e9', { iterations: 50 }, /out of range: using 50/],
    ['T=2.5', { iterations: 3 }, /T=2\.5 is out of range: using 3\./],
    ['T=', {}, /not a number/],
    ['mode=<script>alert(1)</script>', {}, /^Ignored an unknown attack mode in the link\.$/],
    ['target=2', {}, /^Ignored an unknown target in the link\.$/],
    ['method=cw', {}, /^Ignored an unknown attack method in the link\.$/],
    ['defense=adversarial-training', {}, /^Ignored an unknown defense in the link\.$/],
  ])('setting %s is clamped or ignored, with a notice', (query, expected, notice) => {
    const { state, notices } = readQuery(query);
    expect(state.settings).toEqual({ ...DEFAULT_SETTINGS, ...expected });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(notice);
  });

  it.each<[string, Partial<Presentation>, RegExp]>([
    ['embed=yes', {}, /^Ignored embed=yes: use embed=1\.$/],
    ['present=1&embed=1', { layout: 'embed' }, /both embed and presenter/],
    ['embed=1&present=1', { layout: 'embed' }, /both embed and presenter/],
    ['embed=1&controls=buttons,<script>,chart', { layout: 'embed', controls: ['buttons', 'chart'] }, /unknown controls.*<script>/],
    ['slow=2', {}, /Ignored slow=2/],
  ])('presentation %s is ignored or corrected, with a notice', (query, expected, notice) => {
    const { state, notices } = readQuery(query);
    expect(state.presentation).toEqual({ ...DEFAULT_PRESENTATION, ...expected });
    expect(notices.join(' ')).toMatch(notice);
  });

  it.each<[string, Partial<PageOptions>, RegExp | null]>([
    ['backend=webgl', { backend: 'webgl' }, null],
    ['backend=webgpu&allowSoftwareWebGPU=1', { backend: 'webgpu', allowSoftwareWebGPU: true }, null],
    ['allowSoftwareWebGPU=yes', {}, /^Ignored allowSoftwareWebGPU=yes: use allowSoftwareWebGPU=1\.$/],
    ['backend=tpu', {}, /unknown backend/],
    ['view=experiment&debug=1', { view: 'experiment', debug: true }, null],
    ['view=<b>', {}, /unknown view/],
    ['debug=0', {}, null],
    ['lesson=lessons/week5.json&lessonStep=3', { lesson: 'lessons/week5.json', lessonStep: 2 }, null],
    ['lesson=default&lessonStep=0', { lesson: 'default' }, /^Ignored lessonStep=0: use a step number, 1 for the first\.$/],
    ['lesson=default&lessonStep=2.5', { lesson: 'default' }, /Ignored lessonStep=2\.5/],
  ])('options %s', (query, expected, notice) => {
    const { state, notices } = readQuery(query);
    expect(state.options).toEqual({ ...DEFAULT_OPTIONS, ...expected });
    if (notice) expect(notices.join(' ')).toMatch(notice);
    else expect(notices).toEqual([]);
  });

  it('ignores an absurdly long query as a whole', () => {
    const { state, notices } = readQuery(`present=1&eps=0.05&junk=${'x'.repeat(100_000)}`);
    expect(state).toEqual(DEFAULT_URL_STATE);
    expect(notices).toEqual(['The link was too long and was ignored.']);
  });

  it('lets a lesson written into the link make it longer, up to a limit, and writes its step only with a lesson', () => {
    const lesson = JSON.stringify({ title: 'x', steps: [], note: 'y'.repeat(3000) });
    expect(readQuery(new URLSearchParams({ lesson }).toString()).state.options.lesson).toBe(lesson);
    expect(readQuery(new URLSearchParams({ lesson: lesson.repeat(3) }).toString()).notices).toEqual(['The link was too long and was ignored: put a lesson this long in a file (README, "Lessons").']);
    expect(writeQuery({ ...DEFAULT_URL_STATE, options: { ...DEFAULT_OPTIONS, lessonStep: 3 } })).toBe('');
    expect(writeQuery({ ...DEFAULT_URL_STATE, options: { ...DEFAULT_OPTIONS, lesson: 'default', lessonStep: 3 } })).toBe('lesson=default&lessonStep=4');
  });

  it('ignores keys it does not know, and never changes the defaults it starts from', () => {
    expect(readQuery('junk=1&eps=0.02').state.settings.epsilon).toBe(0.02);
    expect(DEFAULT_URL_STATE.settings.epsilon).toBe(DEFAULT_SETTINGS.epsilon);
  });

  it('tells two settings apart exactly when a link would', () => {
    expect(sameSettings({ ...DEFAULT_SETTINGS, epsilon: 0.02 }, { ...DEFAULT_SETTINGS, epsilon: 0.02 })).toBe(true);
    expect(sameSettings({ ...DEFAULT_SETTINGS, epsilon: 0.02 }, { ...DEFAULT_SETTINGS, epsilon: 0.0205 })).toBe(false);
    expect(sameSettings(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, target: 1 })).toBe(false);
  });
});
