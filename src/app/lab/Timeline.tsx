import { CLASS_NAMES } from '../../config';
import type { LabFrame } from '../../lab/session';
import { MODEL_SPECS, type ModelId } from '../../models/specs';
import type { HistoryPoint } from '../store';

interface Props {
  /** The latest frame of the run. */
  frame: LabFrame;
  shownT: number;
  history: HistoryPoint[];
  models: ModelId[];
  running: boolean;
  onScrub(t: number): void;
}

/** What a screen reader hears at t: the numbers the chart holds there. */
function valueText(point: HistoryPoint | undefined, t: number, frame: LabFrame, models: ModelId[]): string {
  if (!point) return `t = ${t}`;
  const target = CLASS_NAMES[frame.target];
  const p = models.filter((id) => point.probabilities[id]).map((id) => `${MODEL_SPECS[id].title} P(${target}) ${(point.probabilities[id]![frame.target] * 100).toFixed(1)} %`);
  return `t = ${t} of ${frame.t}: ${p.join(', ')}, L∞ ${point.linf.toFixed(4)}, L2 ${point.l2.toFixed(3)}`;
}

/** Scrubs the run back and forth over the iterations it has reached (every frame is kept in the worker). */
export function Timeline({ frame, shownT, history, models, running, onScrub }: Props) {
  const point = history.find((p) => p.t === shownT);
  return (
    <div className="timeline slider">
      <label htmlFor="timeline">Timeline: showing t = <output data-testid="timeline-t">{shownT}</output> of {frame.t}{running && <span className="muted"> (pause to scrub)</span>}</label>
      <input id="timeline" type="range" min={0} max={frame.t} step={1} value={shownT} disabled={running || frame.t === 0} aria-valuetext={valueText(point, shownT, frame, models)} onChange={(e) => onScrub(Number(e.target.value))} />
    </div>
  );
}
