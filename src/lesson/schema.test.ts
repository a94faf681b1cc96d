import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../lab/settings';
import { DEFAULT_LESSON } from './default-lesson';
import { parseLesson, stepSetting, type Lesson } from './schema';

const step = {
  text: 'One white-box step.',
  settings: { image: 'grape__00e46ac798', mode: 'whitebox', epsilon: 0.01, iterations: 1 },
  question: { prompt: 'What will f say?', choices: ['diseased', 'healthy', 'unsure'], answer: 1 },
  reveal: 'It flips.',
  lookAt: "f's verdict.",
};
const lesson = { title: 'A lesson', steps: [step, { ...step, settings: { view: 'experiment' } }] };

/** The lesson with one field of step `i` replaced (or, with `undefined`, left out). */
function withStep(i: number, patch: Record<string, unknown>) {
  const steps = lesson.steps.map((s, j) => (j === i ? { ...s, ...patch } : s));
  return { ...lesson, steps: steps.map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined))) };
}
const withSettings = (settings: Record<string, unknown>) => withStep(0, { settings: { ...step.settings, ...settings } });
const withQuestion = (question: Record<string, unknown>) => withStep(0, { question: { ...step.question, ...question } });

const errorsOf = (json: unknown) => {
  const parsed = parseLesson(json);
  return 'errors' in parsed ? parsed.errors : [];
};

describe('parseLesson', () => {
  it('reads a good lesson as it is', () => {
    expect(parseLesson(lesson)).toEqual({ lesson });
  });

  it('reads the default lesson, the example file and the README example', () => {
    expect(parseLesson(DEFAULT_LESSON)).toEqual({ lesson: DEFAULT_LESSON });
    const example = JSON.parse(fs.readFileSync('public/lessons/example.json', 'utf8'));
    expect(parseLesson(example)).toEqual({ lesson: example });
    const readme = fs.readFileSync('README.md', 'utf8').split('### Lessons')[1];
    const block = readme.match(/```json\n([\s\S]*?)```/)![1];
    expect(parseLesson(JSON.parse(block))).toHaveProperty('lesson');
  });

  it('snaps ε onto the slider grid within rounding', () => {
    const parsed = parseLesson(withSettings({ epsilon: 0.1 * 0.1 + 1e-12 })) as { lesson: Lesson };
    expect(parsed.lesson.steps[0].settings.epsilon).toBe(0.01);
  });

  it.each<[string, unknown, string]>([
    ['not an object', [], 'The lesson: must be an object { … }, got a list'],
    ['a missing field', { steps: lesson.steps }, 'title: is missing'],
    ['an unknown field', { ...lesson, titel: 'x' }, 'titel: is not a field here (the fields are title, steps)'],
    ['no steps', { ...lesson, steps: [] }, 'steps: must have 1 to 50 steps, got 0'],
    ['steps not a list', { ...lesson, steps: { 0: step } }, 'steps: must be a list [ … ] of steps, got an object'],
    ['empty text', withStep(1, { text: '  ' }), 'steps[1].text: must be text (a string that is not empty), got "  "'],
    ['a number for text', withStep(0, { reveal: 3 }), 'steps[0].reveal: must be text (a string that is not empty), got 3'],
    ['a missing lookAt', withStep(1, { lookAt: undefined }), 'steps[1].lookAt: is missing'],
    ['an unknown setting', withSettings({ colour: 'red' }), 'steps[0].settings.colour: is not a field here (the fields are image, mode, method, epsilon, iterations, queryBudget, defense, attacker, target, view)'],
    ['an unknown mode', withSettings({ mode: 'whitbox' }), 'steps[0].settings.mode: must be one of "whitebox", "blackbox", "noise" or "query", got "whitbox"'],
    ['an unknown defense', withSettings({ defense: 'jpg' }), 'steps[0].settings.defense: must be one of "none", "jpeg", "bitDepth", "median" or "resizePad", got "jpg"'],
    ['ε out of range', withSettings({ epsilon: 0.3 }), 'steps[0].settings.epsilon: must be a number from 0 to 0.1 in steps of 0.0005, got 0.3'],
    ['ε off the grid', withSettings({ epsilon: 0.0123 }), 'steps[0].settings.epsilon: must be a number from 0 to 0.1 in steps of 0.0005, got 0.0123'],
    ['ε as text', withSettings({ epsilon: '0.01' }), 'steps[0].settings.epsilon: must be a number from 0 to 0.1 in steps of 0.0005, got "0.01"'],
    ['T out of range', withSettings({ iterations: 51 }), 'steps[0].settings.iterations: must be a whole number from 1 to 50, got 51'],
    ['T not whole', withSettings({ iterations: 2.5 }), 'steps[0].settings.iterations: must be a whole number from 1 to 50, got 2.5'],
    ['a query budget off the grid', withSettings({ queryBudget: 15 }), 'steps[0].settings.queryBudget: must be a multiple of 10 from 10 to 5000, got 15'],
    ['an unknown target', withSettings({ target: 'healthy' }), 'steps[0].settings.target: must be one of "auto", 0 (healthy) or 1 (diseased), got "healthy"'],
    ['an unknown view', withSettings({ view: 'chart' }), 'steps[0].settings.view: must be one of "lab" or "experiment", got "chart"'],
    ['an answer out of range', withQuestion({ answer: 5 }), 'steps[0].question.answer: must be an index into choices (0–2), got 5'],
    ['an answer as text', withQuestion({ answer: 'healthy' }), 'steps[0].question.answer: must be an index into choices (0–2), got "healthy"'],
    ['one choice', withQuestion({ choices: ['yes'], answer: 0 }), 'steps[0].question.choices: must have 2 to 6 choices, got 1'],
    ['an empty choice', withQuestion({ choices: ['yes', ''] }), 'steps[0].question.choices[1]: must be text (a string that is not empty), got ""'],
    ['a long value', withStep(0, { text: ['x'.repeat(100)] }), 'steps[0].text: must be text (a string that is not empty), got a list'],
  ])('%s: says where and what', (_, json, error) => {
    expect(errorsOf(json)).toEqual([error]);
  });

  it('quotes long values short, lists every problem, and stops after 20', () => {
    expect(errorsOf(withSettings({ image: 7, mode: 'x'.repeat(100) }))).toEqual([
      'steps[0].settings.image: must be text (a string that is not empty), got 7',
      `steps[0].settings.mode: must be one of "whitebox", "blackbox", "noise" or "query", got "${'x'.repeat(39)}…`,
    ]);
    const errors = errorsOf({ title: 1, steps: Array.from({ length: 30 }, () => ({})) });
    expect(errors).toHaveLength(21);
    expect(errors.at(-1)).toBe(`…and ${1 + 30 * 5 - 20} more problems.`);
  });
});

describe('stepSetting', () => {
  it("loads the step's fields over the defaults, keeps the leaf unless it names one, and says the view", () => {
    const current = { ...DEFAULT_SETTINGS, image: 'apple', epsilon: 0.05, defense: 'jpeg' as const };
    expect(stepSetting({ mode: 'noise' }, current)).toEqual({ view: 'lab', settings: { ...DEFAULT_SETTINGS, image: 'apple', mode: 'noise' } });
    expect(stepSetting({ image: 'grape', view: 'experiment' }, current)).toEqual({ view: 'experiment', settings: { ...DEFAULT_SETTINGS, image: 'grape' } });
  });
});
