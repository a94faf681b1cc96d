import { useMemo } from 'react';
import type { LabFrame } from '../../lab/session';
import { RgbaCanvas } from '../components/RgbaCanvas';
import { stepViews } from '../draw/step-views';
import { PHASE_TITLES, phaseSentence, STEP_PHASES, type StepPhase } from './step-narration';

interface Props {
  frame: LabFrame | null;
  /** The operation singled out (the narration's, or the one the student picked). */
  phase: StepPhase | null;
  onPhase(phase: StepPhase | null): void;
}

/** Inside the step that made the frame's x: the gradient, its sign, the move and the clip, with one sentence for the operation singled out. */
export function StepViews({ frame, phase, onPhase }: Props) {
  const step = frame?.step ?? null;
  const views = useMemo(() => (frame?.step ? stepViews(frame.step, frame.image, frame.amplification) : null), [frame]);
  if (!frame || !step || !views) {
    const why = !frame || frame.settings.mode === 'noise' || frame.settings.mode === 'query' ? 'Only a gradient attack takes steps: random noise and the query-only attack follow no gradient.' : 'Step the attack once to see inside its first step.';
    return <section className="step-views empty" aria-label="Inside a step"><p className="muted">{why}</p></section>;
  }
  const facts = { step, target: frame.target, epsilon: frame.settings.epsilon, scale: views.scale, counts: views.counts, clipped: views.clip };
  const images: Record<StepPhase, { rgba: Uint8ClampedArray; label: string }> = {
    gradient: { rgba: views.gradient, label: `Gradient of the loss, per pixel, at iteration ${frame.t - 1}` },
    sign: { rgba: views.sign, label: 'Sign of the direction stepped along, per colour channel' },
    move: { rgba: views.move, label: 'The move of this step, amplified' },
    clip: { rgba: views.clip.rgba, label: 'Pixels the clip stopped' },
  };
  return (
    <section className="step-views" aria-labelledby="step-views-title" data-testid="step-views" data-t={frame.t} data-scale={views.scale} data-ball={views.clip.ball} data-range={views.clip.range} data-step-size={step.stepSize}>
      <h3 id="step-views-title">Inside step {frame.t}: x<sup>{frame.t - 1}</sup> → x<sup>{frame.t}</sup></h3>
      <div className="step-phases" role="group" aria-label="Single out one operation">
        {STEP_PHASES.map((p) => (
          <button key={p} type="button" aria-pressed={phase === p} onClick={() => onPhase(phase === p ? null : p)}>{PHASE_TITLES[p]}</button>
        ))}
      </div>
      <div className="step-grid">
        {STEP_PHASES.map((p) => (
          <figure key={p} className={phase === p ? 'current' : phase ? 'dimmed' : undefined}>
            <RgbaCanvas rgba={images[p].rgba} label={images[p].label} testId={`view-${p}`} />
            <figcaption>{PHASE_TITLES[p]}{p === 'clip' && <> · <span className="swatch ball" aria-hidden="true" /> ε-ball <span className="swatch range" aria-hidden="true" /> 0 or 1</>}{p === 'gradient' && <> · <span className="swatch negative" aria-hidden="true" /> − <span className="swatch positive" aria-hidden="true" /> +</>}</figcaption>
          </figure>
        ))}
      </div>
      <p className="narration" aria-live="polite" data-testid="step-narration">{phase ? phaseSentence(phase, facts) : 'Pick an operation above (or turn on slow motion) to read what it does, with this step’s numbers.'}</p>
    </section>
  );
}
