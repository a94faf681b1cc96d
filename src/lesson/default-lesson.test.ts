// The default lesson's right answers are what the committed results say (its sentences are
// computed from them): a re-run that changed the story fails here, not in front of a class.
import { describe, expect, it } from 'vitest';
import { COMMITTED_RESULTS } from '../experiment/results';
import { CLAIM_EPSILON } from '../experiment/protocol';
import { series, verdict } from '../experiment/summary';
import { DEFAULT_LESSON, LESSON_LEAF } from './default-lesson';

const summary = COMMITTED_RESULTS.summaries['8bit'];
const [few, many] = [Math.min(...COMMITTED_RESULTS.plan.iterations), Math.max(...COMMITTED_RESULTS.plan.iterations)];
const row = (method: 'noise' | 'blackbox' | 'whitebox', T: number | null = null, eps = CLAIM_EPSILON) => series(summary, method, T).find((r) => r.eps === eps)!;
const flipped = (r: ReturnType<typeof row>) => r.flips.healthy.k + r.flips.diseased.k;
const answer = (i: number) => DEFAULT_LESSON.steps[i].question.choices[DEFAULT_LESSON.steps[i].question.answer];

describe('the default lesson', () => {
  it('follows the course: white box, noise, black box T = 1 and T = 10 on one leaf, then the Experiment', () => {
    expect(DEFAULT_LESSON.steps.map((s) => [s.settings.mode, s.settings.iterations, s.settings.view])).toEqual([
      ['whitebox', 1, undefined], ['noise', undefined, undefined], ['blackbox', few, undefined], ['blackbox', many, undefined], [undefined, undefined, 'experiment'],
    ]);
    expect(DEFAULT_LESSON.steps.slice(0, 4).every((s) => s.settings.image === LESSON_LEAF && s.settings.epsilon === CLAIM_EPSILON)).toBe(true);
    // The leaf is a test photo, diseased, and f had it right.
    expect(COMMITTED_RESULTS.images.find((im) => im.id === LESSON_LEAF)).toMatchObject({ label: 1, outcomes: expect.stringMatching(/^1/) });
  });

  it('white box: one step flips every test photo f had right', () => {
    expect(answer(0)).toBe('Healthy');
    expect(summary.whiteboxSuccess!.flips.k).toBe(summary.whiteboxSuccess!.flips.n);
  });

  it("noise of the same size leaves f's accuracy within its clean interval", () => {
    expect(answer(1)).toMatch(/^No/);
    expect(row('noise').accuracy.value).toBeGreaterThanOrEqual(summary.clean.low);
  });

  it('black box T = 1 fools f on a few photos: some, and under a tenth', () => {
    expect(answer(2)).toBe('On only a few photos');
    const r = row('blackbox', few);
    expect(flipped(r)).toBeGreaterThan(0);
    expect(flipped(r) / (r.flips.healthy.n + r.flips.diseased.n)).toBeLessThan(0.1);
  });

  it('T = 10 transfers no better than T = 1 at any ε, and fools g more', () => {
    expect(answer(3)).toMatch(/^No/);
    expect(flipped(row('blackbox', many))).toBeLessThanOrEqual(flipped(row('blackbox', few)));
    expect(summary.tests.some((t) => t.fewVsMany && verdict(t.fewVsMany) === 'second')).toBe(false);
    const g = (T: number) => summary.substitute.filter((s) => s.T === T).reduce((a, s) => a + s.accuracy.value, 0);
    expect(g(many)).toBeLessThan(g(few));
  });

  it('white box leaves f least accurate at every ε', () => {
    expect(answer(4)).toBe('White box');
    for (const eps of COMMITTED_RESULTS.plan.epsilons.filter((e) => e > 0)) {
      const rows = summary.rows.filter((r) => r.eps === eps);
      expect(row('whitebox', null, eps).accuracy.value).toBe(Math.min(...rows.map((r) => r.accuracy.value)));
    }
  });
});
