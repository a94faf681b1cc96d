import { describe, expect, it } from 'vitest';
import { conditionsOf, DEFAULT_PLAN, type ExperimentResults, type ImageOutcome } from '../../experiment/protocol';
import { COMMITTED_BY_SET } from '../../experiment/results/experiment-view';
import { summarize } from '../../experiment/summary';
import type { ExperimentRun } from '../store';
import { DATA_SET_CHOICES, runSizes, shownExperiment, testImagesText } from './data-set-choice';

/** `n` images, half healthy, that nothing fools (every outcome is the true label). */
const images = (n: number, prefix: string): ImageOutcome[] =>
  Array.from({ length: n }, (_, i) => {
    const label = i < n / 2 ? 0 : 1;
    return { id: `${prefix}${i}`, label, species: 'chilli', outcomes: String(label).repeat(conditionsOf(DEFAULT_PLAN).length) };
  });

/** Fields of the results format the view does not read (spread, so the format may grow). */
const unread = { heads: '' };

const resultsOf = (dataSet: 'lab' | 'field', n: number): ExperimentResults => {
  const judged = images(n, dataSet);
  const set = { split: 'test', plan: DEFAULT_PLAN, images: judged };
  return {
    ...unread, dataSet, split: 'test', plan: DEFAULT_PLAN, conditions: conditionsOf(DEFAULT_PLAN), backend: 'wasm', batchSize: 4, manifestSha256: '',
    models: { f: { id: 'inception_v3', cutLayer: '' }, g: { id: 'mobilenet_v2', cutLayer: '' } },
    images: judged, summaries: { '8bit': summarize(set, '8bit'), float: summarize(set, 'float') }, batches: [], durationMs: 65_000, createdAt: '',
  };
};

const idle: ExperimentRun = { status: 'idle', dataSet: 'lab', total: 0, images: [], elapsedMs: 0, error: null };
const lab = resultsOf('lab', 10);
const field = resultsOf('field', 22);

describe('the Experiment view\'s data set choice', () => {
  it('offers every data set by its title, lab photos first', () => {
    expect(DATA_SET_CHOICES).toEqual([{ id: 'lab', label: 'lab photos' }, { id: 'field', label: 'field photos' }]);
  });

  it('shows the chosen set\'s committed run and its n', () => {
    const results = { lab, field };
    const shown = shownExperiment({ set: 'field', pixels: '8bit', results, run: idle, testSetSize: null });
    expect(shown).toMatchObject({ committed: field.summaries['8bit'], summary: field.summaries['8bit'], live: false, testImages: 22, notRun: null });
    expect(shown.caption).toBe('Committed run: all 22 field test images (npm run experiment -- --set field, wasm backend, 1 min 5 s of computing)');
    expect(shownExperiment({ set: 'lab', pixels: 'float', results, run: idle, testSetSize: null })).toMatchObject({ summary: lab.summaries.float, testImages: 10 });
    expect(testImagesText('field', 22)).toBe('22 field test images');
  });

  it('a set that has not been run shows no numbers, only a sentence with its n from the test set index', () => {
    const results = { lab, field: null };
    const shown = shownExperiment({ set: 'field', pixels: '8bit', results, run: idle, testSetSize: 22 });
    expect(shown).toMatchObject({ committed: null, summary: null, live: false, testImages: 22, caption: null });
    expect(shown.notRun).toMatch(/^The experiment has not been run on the 22 field test images \(field photos: a leaf on the plant, outdoors\) yet, so there are no curves/);
    expect(shown.notRun).toContain('(npm run experiment -- --set field writes its results)');
    // Before the index has loaded, no number at all.
    expect(shownExperiment({ set: 'field', pixels: '8bit', results, run: idle, testSetSize: null }).notRun).toMatch(/^The experiment has not been run on the field test images \(/);
  });

  it('the browser\'s own run is shown only on the data set it ran on, over the committed lines where there are any', () => {
    const run: ExperimentRun = { status: 'running', dataSet: 'field', total: 8, images: images(3, 'x'), elapsedMs: 1, error: null };
    const onField = shownExperiment({ set: 'field', pixels: '8bit', results: { lab, field: null }, run, testSetSize: 22 });
    expect(onField).toMatchObject({ live: true, committed: null, notRun: null });
    expect(onField.summary!.n).toBe(3);
    expect(onField.caption).toBe('Your run in this browser: 3 of 8 field test images (nothing committed on the field photos yet)');
    const onLab = shownExperiment({ set: 'lab', pixels: '8bit', results: { lab, field: null }, run, testSetSize: null });
    expect(onLab).toMatchObject({ live: false, summary: lab.summaries['8bit'] });
    const labRun = shownExperiment({ set: 'lab', pixels: '8bit', results: { lab, field: null }, run: { ...run, dataSet: 'lab' }, testSetSize: null });
    expect(labRun.caption).toBe('Your run in this browser: 3 of 8 lab test images (faint lines: the committed run on 10)');
  });

  it('with the committed files as they are: lab photos from test.json, field photos as committed or not run', () => {
    const lab = shownExperiment({ set: 'lab', pixels: '8bit', results: COMMITTED_BY_SET, run: idle, testSetSize: null });
    expect(lab.caption).toMatch(/^Committed run: all 174 lab test images/);
    const shown = shownExperiment({ set: 'field', pixels: '8bit', results: COMMITTED_BY_SET, run: idle, testSetSize: 22 });
    expect(shown.testImages).toBe(22);
    expect(shown.notRun === null).toBe(COMMITTED_BY_SET.field !== null);
  });

  it('run sizes: powers of two below the set\'s size, then all of it', () => {
    expect(runSizes(174)).toEqual([4, 8, 16, 32, 64, 174]);
    expect(runSizes(22)).toEqual([4, 8, 16, 22]);
    expect(runSizes(3)).toEqual([3]);
  });
});
