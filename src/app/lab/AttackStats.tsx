import { CLASS_NAMES, predictedClass } from '../../config';
import type { LabFrame } from '../../lab/session';
import { DEFENSE_LABELS } from '../../defense/names';
import { MODEL_SPECS, type ModelId } from '../../models/specs';
import type { HistoryPoint } from '../store';

/** The bound, the distances, the iteration and each model's verdict for the 8-bit x shown (all of its own frame's setting). */
export function AttackStats({ frame, original, models }: { frame: LabFrame | null; original: HistoryPoint | null; models: ModelId[] }) {
  if (!frame) return <p className="stats muted">Preparing the image…</p>;
  const { epsilon } = frame.settings;
  const within = frame.linf <= epsilon;
  return (
    <div className="stats">
      <dl>
        <div>
          <dt>L∞ = max |x − x⁰|</dt>
          <dd>
            <output aria-label="L-infinity distance" data-testid="linf">{frame.linf.toFixed(4)}</output>{' '}
            <span className={within ? 'ok' : 'bad'}>{within ? '≤' : '>'} ε = {epsilon.toFixed(4)}</span>
          </dd>
        </div>
        <div>
          <dt>L2 = ‖x − x⁰‖₂</dt>
          <dd><output aria-label="L2 distance">{frame.l2.toFixed(3)}</output></dd>
        </div>
        {frame.queries ? (
          <div>
            <dt>Queries to f</dt>
            <dd>
              <output aria-label="queries" data-testid="query-count" data-used={frame.queries.used} data-finished={frame.queries.finished}>{frame.queries.used} / {frame.queries.budget}</output>
              {frame.queries.perSecond !== null && <span className="muted small"> · {frame.queries.perSecond.toFixed(1)} per second</span>}
            </dd>
          </div>
        ) : (
          <div>
            <dt>Iteration</dt>
            <dd><output aria-label="iteration" data-testid="iteration">{frame.t} / {frame.iterations}</output></dd>
          </div>
        )}
        <div>
          <dt>Target y*</dt>
          <dd data-testid="target">{CLASS_NAMES[frame.target]}</dd>
        </div>
      </dl>
      <ul className="verdicts">
        {models.filter((id) => frame.probabilities[id]).map((id) => {
          const p = frame.probabilities[id]!;
          const label = predictedClass(p);
          const before = original?.probabilities[id];
          const flipped = before !== undefined && predictedClass(before) !== label;
          return (
            <li key={id} data-testid={`verdict-${id}`} data-label={CLASS_NAMES[label]} data-probabilities={JSON.stringify(p)}>
              {MODEL_SPECS[id].title} ({MODEL_SPECS[id].role}){id === 'inception_v3' && frame.settings.defense !== 'none' && <> behind {DEFENSE_LABELS[frame.settings.defense]}</>} says <strong className={`tag tag-${CLASS_NAMES[label]}`}>{CLASS_NAMES[label]}</strong>{' '}
              ({(p[label] * 100).toFixed(1)}%){flipped && <strong className="flipped"> — flipped!</strong>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
