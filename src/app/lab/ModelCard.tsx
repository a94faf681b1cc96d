import { lazy, memo } from 'react';
import { LazyPart } from '../components/LazyPart';
import { MODEL_SPECS, type ModelId } from '../../models/specs';
import { lab } from '../page';
import type { ModelStatus } from '../store';

const MB = 1024 * 1024;
const ModelFacts = lazy(() => import('./ModelFacts').then((m) => ({ default: m.ModelFacts })));

function progressText(progress: ModelStatus['progress']): string {
  if (!progress) return 'Waiting…';
  if (progress.loadedBytes >= progress.totalBytes) return 'Preparing (a first run compiles the GPU shaders)…';
  return `Loading ${(progress.loadedBytes / MB).toFixed(1)} / ${(progress.totalBytes / MB).toFixed(1)} MB`;
}

/** One classifier (memoised: the page redraws with the other model's progress too): loading progress, then what it is: the share of the base, the weights, the head, its accuracy. */
export const ModelCard = memo(function ModelCard({ id, status }: { id: ModelId; status: ModelStatus }) {
  const spec = MODEL_SPECS[id];
  const { progress, info, error } = status;
  return (
    <section className="model-card" aria-labelledby={`${id}-title`} data-testid={`model-${id}`}>
      <h3 id={`${id}-title`}>
        {spec.title} <span className="role">— {spec.role}</span>
      </h3>
      {error && (
        <div role="alert" className="model-error" data-testid={`model-error-${id}`}>
          <p className="error">Could not load {spec.title}: {error}.</p>
          <p className="small">
            The rest of the lab keeps working without it.{' '}
            <button type="button" onClick={() => void lab.retryModel(id)}>Retry</button>
          </p>
        </div>
      )}
      {!info && !error && (
        <label className="progress">
          {progressText(progress)}
          <progress max={progress?.totalBytes ?? 1} value={progress?.loadedBytes ?? 0} />
        </label>
      )}
      {info && (
        <>
          <p className="meta">ready · {info.paramCount.toLocaleString('en-US')} parameters in use</p>
          <LazyPart what={`what ${spec.title} is`} fallback={null}>
            <ModelFacts info={info} />
          </LazyPart>
        </>
      )}
    </section>
  );
});
