import { lazy } from 'react';
import { ATTACKED_MODEL } from '../../lab/settings';
import { LazyPart } from '../components/LazyPart';
import { drawnModels, shownFrame, type AppState } from '../store';

// recharts: its own chunk, so the first paint does not wait for it (the chart shows with the first frame).
const PredictionChart = lazy(() => import('./PredictionChart').then((m) => ({ default: m.PredictionChart })));

/** The chart's space until it can draw: the same figure and panels, so nothing below moves when it arrives. */
const skeleton = (
  <figure className="chart" data-testid="chart-loading" aria-busy="true">
    <figcaption>Loading the chart…</figcaption>
    <div className="chart-panel probability" />
    <div className="chart-panel distance" />
  </figure>
);

/** The lab's chart of `state`: the probabilities, the loss and the distances of the run so far. */
export function LabChart({ state }: { state: AppState }) {
  const frame = shownFrame(state);
  if (!frame) return skeleton;
  return (
    <LazyPart what="the chart" fallback={skeleton}>
      <PredictionChart
        history={state.history}
        target={frame.target}
        iterations={frame.iterations}
        axis={frame.queries ? 'queries' : 'iterations'}
        models={drawnModels(state)}
        attacked={ATTACKED_MODEL[state.settings.mode] ?? 'inception_v3'}
        epsilon={frame.settings.epsilon}
        shownT={frame.t}
      />
    </LazyPart>
  );
}
