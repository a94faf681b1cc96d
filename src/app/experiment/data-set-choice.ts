// Which data set the Experiment view shows, and what it then shows: the chosen set's committed run,
// the browser's own run when it is on that set, or a sentence saying the set has not been run yet.
// Pure (no React), so the choice is unit-tested.
import { DATA_SET_IDS, DATA_SETS, type DataSet } from '../../data-sets';
import { formatDuration } from '../../experiment/progress';
import { DEFAULT_PLAN, type ExperimentResults, type Pixels } from '../../experiment/protocol';
import { summarize, type ExperimentSummary } from '../../experiment/summary';
import type { ExperimentRun } from '../store';

export const DATA_SET_CHOICES: { id: DataSet; label: string }[] = DATA_SET_IDS.map((id) => ({ id, label: DATA_SETS[id].title }));

/** The command whose full run commits a data set's results. */
export const experimentCommand = (set: DataSet): string => `npm run experiment -- --set ${set}`;

/** "22 field test images". */
export const testImagesText = (set: DataSet, n: number): string => `${n} ${set} test images`;

export interface ShownExperiment {
  /** The chosen set's committed summary (for these pixels); null where its full run is not committed. */
  committed: ExperimentSummary | null;
  /** What the chart, table and sentences show: the live run, else the committed one; null: nothing yet. */
  summary: ExperimentSummary | null;
  /** The browser's run is on the chosen set and has images. */
  live: boolean;
  /** The chosen set's number of test images: the committed run's, else the test set index's (null until known). */
  testImages: number | null;
  /** The chart's caption (null when there is no chart). */
  caption: string | null;
  /** Where nothing has been run on the chosen set: a sentence that says so. */
  notRun: string | null;
}

export function shownExperiment({ set, pixels, results, run, testSetSize }: {
  set: DataSet;
  pixels: Pixels;
  results: Record<DataSet, ExperimentResults | null>;
  run: ExperimentRun;
  /** Images in the set's test set index (what "Run it yourself" fetches), null until it has loaded. */
  testSetSize: number | null;
}): ShownExperiment {
  const committedRun = results[set];
  const committed = committedRun?.summaries[pixels] ?? null;
  const live = run.dataSet === set && run.status !== 'idle' && run.images.length > 0;
  const testImages = committedRun ? committedRun.images.length : testSetSize;
  const summary = live ? summarize({ split: 'test', plan: DEFAULT_PLAN, images: run.images }, pixels) : committed;
  const { title, describe } = DATA_SETS[set];
  const command = experimentCommand(set);
  let caption: string | null = null;
  if (live) {
    caption = `Your run in this browser: ${run.images.length} of ${testImagesText(set, run.total)}` +
      (committed ? ` (faint lines: the committed run on ${committed.n})` : ` (nothing committed on the ${title} yet)`);
  } else if (committedRun && committed) {
    caption = `Committed run: all ${testImagesText(set, committed.n)} (${command}, ${committedRun.backend} backend, ${formatDuration(committedRun.durationMs)} of computing)`;
  }
  const notRun = summary
    ? null
    : `The experiment has not been run on the ${testImages === null ? `${set} test images` : testImagesText(set, testImages)} (${title}: ${describe}) yet, ` +
      `so there are no curves, table or sentences for them (${command} writes its results). Run it yourself below runs it on them in this browser.`;
  return { committed, summary, live, testImages, caption, notRun };
}

/** The run sizes offered: powers of two below the set's size, and all of it. */
export function runSizes(testImages: number): number[] {
  return [...[4, 8, 16, 32, 64].filter((n) => n < testImages), testImages];
}
