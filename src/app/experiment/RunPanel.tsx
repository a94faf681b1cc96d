import { useState } from 'react';
import { DATA_SETS, type DataSet } from '../../data-sets';
import { formatDuration, progressText } from '../../experiment/progress';
import type { ExperimentRun } from '../store';
import { cancelExperiment, runExperiment } from './controller';
import { runSizes } from './data-set-choice';

const DEFAULT_RUN_SIZE = 8;

/**
 * "Run it yourself" on the chosen data set: how many test images, Run/Cancel, and progress with the
 * time left. `testImages`: the set's size, null until its test set index has loaded.
 */
export function RunPanel({ run, ready, dataSet, testImages }: { run: ExperimentRun; ready: boolean; dataSet: DataSet; testImages: number | null }) {
  const [wanted, setSize] = useState(DEFAULT_RUN_SIZE);
  const size = testImages === null ? wanted : Math.min(wanted, testImages);
  const running = run.status === 'running';
  return (
    <section className="run-yourself" aria-labelledby="run-title">
      <h3 id="run-title">Run it yourself</h3>
      <p className="small">
        Re-runs the whole experiment in this browser on the first {dataSet} test images ({DATA_SETS[dataSet].title}; half healthy, half diseased): every ε, both
        black-box settings, the noise seeds and white box. Each image takes several seconds to a minute, depending on your
        computer; the lines fill in as images finish.
      </p>
      <div className="buttons">
        <label>
          Test images{' '}
          <select value={size} onChange={(e) => setSize(Number(e.target.value))} disabled={running || testImages === null} data-testid="run-size">
            {testImages === null
              ? <option value={size}>{size}</option>
              : runSizes(testImages).map((n) => <option key={n} value={n}>{n === testImages ? `all ${n}` : n}</option>)}
          </select>
        </label>
        {running ? (
          <button type="button" onClick={cancelExperiment}>Cancel</button>
        ) : (
          <button type="button" onClick={() => void runExperiment(size, dataSet)} disabled={!ready || testImages === null} data-testid="run-experiment">Run on {size} images</button>
        )}
      </div>
      {!ready && !running && <p className="muted small">Waiting for both models to load…</p>}
      {run.status !== 'idle' && (
        <p className="progress" role="status" data-testid="experiment-progress" data-status={run.status}>
          <progress max={run.total} value={run.images.length} aria-label="experiment progress" />
          <span>
            {run.dataSet !== dataSet && `${DATA_SETS[run.dataSet].title}: `}
            {running
              ? progressText(run.images.length, run.total, run.elapsedMs)
              : `${run.status === 'done' ? 'Done' : run.status === 'cancelled' ? 'Cancelled' : 'Stopped'}: ${run.images.length} of ${run.total} images in ${formatDuration(run.elapsedMs)}`}
          </span>
        </p>
      )}
      {run.error && <p role="alert" className="error">{run.error}</p>}
    </section>
  );
}
