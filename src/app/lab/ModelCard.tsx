import { modelCardFacts } from '../../models/model-card';
import { MODEL_SPECS, type ModelId } from '../../models/specs';
import type { ModelInfo } from '../../models/model-card';
import { lab } from '../page';
import type { ModelStatus } from '../store';

const MB = 1024 * 1024;

function progressText(progress: ModelStatus['progress']): string {
  if (!progress) return 'Waiting…';
  if (progress.loadedBytes >= progress.totalBytes) return 'Preparing (a first run compiles the GPU shaders)…';
  return `Loading ${(progress.loadedBytes / MB).toFixed(1)} / ${(progress.totalBytes / MB).toFixed(1)} MB`;
}

function ModelFacts({ info }: { info: ModelInfo }) {
  const facts = modelCardFacts(info);
  return (
    <>
      <p className="meta">ready · {info.paramCount.toLocaleString('en-US')} parameters in use</p>
      <dl className="meta model-facts">
        <dt>Base</dt>
        <dd>{facts.base}</dd>
        <dt>Weights</dt>
        <dd>{facts.weights}</dd>
        <dt>Head</dt>
        <dd>{facts.head}</dd>
        <dt>Test accuracy</dt>
        <dd data-testid={`test-accuracy-${info.id}`}>{facts.testAccuracy}</dd>
      </dl>
    </>
  );
}

/** One classifier: loading progress, then what it is: the share of the base, the weights, the head, its accuracy. */
export function ModelCard({ id, status }: { id: ModelId; status: ModelStatus }) {
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
      {info && <ModelFacts info={info} />}
    </section>
  );
}
