import type { LabFrame } from '../../lab/session';
import { DEFENSE_LABELS } from '../../defense/names';
import { RgbaCanvas } from '../components/RgbaCanvas';

/** x⁰, the perturbation made visible, x and (behind a defense) what f sees: side by side, same size, pixel-crisp. */
export function ImageViews({ original, frame, describe }: { original: Uint8ClampedArray | null; frame: LabFrame | null; describe: string }) {
  return (
    <div className={frame?.defended ? 'views with-defense' : 'views'}>
      <figure>
        <RgbaCanvas rgba={original} label={`Original: ${describe}`} testId="view-original" />
        <figcaption>Original x⁰</figcaption>
      </figure>
      <figure>
        <RgbaCanvas rgba={frame?.perturbation ?? null} label="Perturbation x − x⁰, amplified" testId="view-perturbation" />
        <figcaption>
          x − x⁰, amplified ×{frame ? frame.amplification.toFixed(0) : '–'} around grey
          <span className="legend">
            <span className="swatch lower" aria-hidden="true" /> −ε <span className="swatch same" aria-hidden="true" /> 0 <span className="swatch raise" aria-hidden="true" /> +ε
            <span className="muted"> (per colour channel)</span>
          </span>
        </figcaption>
      </figure>
      <figure>
        <RgbaCanvas rgba={frame?.image ?? null} label={`Adversarial image after ${frame?.t ?? 0} iterations`} testId="view-adversarial" />
        <figcaption>Adversarial x ({frame?.queries ? `after ${frame.queries.used} queries` : `t = ${frame?.t ?? 0}`})</figcaption>
      </figure>
      {frame?.defended && frame.settings.defense !== 'none' && (
        <figure>
          <RgbaCanvas rgba={frame.defended} label={`What f sees: x after ${DEFENSE_LABELS[frame.settings.defense]}`} testId="view-defended" />
          <figcaption>What f sees: x after {DEFENSE_LABELS[frame.settings.defense]}</figcaption>
        </figure>
      )}
    </div>
  );
}
