import { CLASS_NAMES } from '../../config';
import { MODEL_SPECS, type ModelId } from '../../models/specs';
import type { ModelStatus } from '../store';

const MB = 1024 * 1024;

/** One classifier: its loading progress, then its prediction for the selected leaf. */
export function ModelCard({ id, status, probabilities }: { id: ModelId; status: ModelStatus; probabilities?: number[] }) {
  const spec = MODEL_SPECS[id];
  const { progress, info, error } = status;
  return (
    <section className="model-card" aria-labelledby={`${id}-title`} data-testid={`model-${id}`}>
      <h2 id={`${id}-title`}>
        {spec.title} <span className="role">— {spec.role}</span>
      </h2>
      {error && <p role="alert" className="error">Could not load {spec.title}: {error}</p>}
      {!info && !error && (
        <label className="progress">
          {progressText(progress)}
          <progress max={progress?.totalBytes ?? 1} value={progress?.loadedBytes ?? 0} />
        </label>
      )}
      {info && (
        <p className="meta">
          {info.paramCount.toLocaleString('en-US')} parameters · features from <code>{info.cutLayer}</code>
        </p>
      )}
      {info && probabilities && <Probabilities values={probabilities} modelId={id} />}
    </section>
  );
}

function progressText(progress: ModelStatus['progress']): string {
  if (!progress) return 'Waiting…';
  if (progress.loadedBytes >= progress.totalBytes) return 'Preparing (a first run compiles the GPU shaders)…';
  return `Loading ${(progress.loadedBytes / MB).toFixed(1)} / ${(progress.totalBytes / MB).toFixed(1)} MB`;
}

function Probabilities({ values, modelId }: { values: number[]; modelId: ModelId }) {
  const best = values.indexOf(Math.max(...values));
  return (
    <div className="probabilities" data-testid={`prediction-${modelId}`} data-label={CLASS_NAMES[best]}>
      <p className="verdict">
        Says <strong>{CLASS_NAMES[best]}</strong> ({(values[best] * 100).toFixed(1)}%)
      </p>
      {CLASS_NAMES.map((name, i) => (
        <div key={name} className="bar-row">
          <span className="bar-label">{name}</span>
          <meter className={`bar bar-${name}`} min={0} max={1} value={values[i]} aria-label={`${name} probability`} />
          <span className="bar-value" data-testid={`prob-${modelId}-${name}`}>{(values[i] * 100).toFixed(2)}%</span>
        </div>
      ))}
    </div>
  );
}
