// "Run it yourself": the experiment on the first n test images of a data set (the same balanced
// subset as `npm run experiment -- --set <set> --limit n`), one image per worker call, so progress
// shows and Cancel takes effect between images.
import { DEFAULT_PLAN, balancedSubset } from '../../experiment/protocol';
import { CLASS_NAMES } from '../../config';
import type { DataSet } from '../../data-sets';
import { fetchGallery, testSetIndex } from '../../gallery/gallery';
import { lab, labWorker } from '../page';
import { SITE_URL } from '../worker-host';
import { getState, setState, type ExperimentRun } from '../store';

let runToken = 0;

const update = (patch: Partial<ExperimentRun>) => setState({ experimentRun: { ...getState().experimentRun, ...patch } });

export async function runExperiment(n: number, dataSet: DataSet): Promise<void> {
  const token = ++runToken;
  lab.pause(); // the lab's loop would share the worker with the experiment
  update({ status: 'running', dataSet, total: n, images: [], elapsedMs: 0, error: null });
  const started = performance.now();
  try {
    const testSet = (await fetchGallery(SITE_URL, testSetIndex(dataSet))).map((item) => ({ ...item, label: CLASS_NAMES.indexOf(item.label) }));
    if (token !== runToken) return;
    const chosen = balancedSubset(testSet, n);
    update({ total: chosen.length });
    for (const item of chosen) {
      const outcomes = await labWorker.api().experimentOutcomes(new URL(item.src, SITE_URL).href, item.label, DEFAULT_PLAN);
      if (token !== runToken) return;
      const { images } = getState().experimentRun;
      update({ images: [...images, { id: item.id, label: item.label, species: item.species, outcomes }], elapsedMs: performance.now() - started });
    }
    update({ status: 'done' });
  } catch (e) {
    if (token === runToken) update({ status: 'failed', error: e instanceof Error ? e.message : String(e) });
  }
}

/** Stops after the image being computed (a worker call cannot be interrupted halfway). */
export function cancelExperiment(): void {
  runToken++;
  update({ status: 'cancelled' });
}
