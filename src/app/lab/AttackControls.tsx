import { CLASS_NAMES } from '../../config';
import { pgdStepSize, stepSize } from '../../attack/budget';
import { EMBED_CONTROLS, type EmbedControl } from '../../classroom/presentation';
import { ATTACK_MODES, EPSILON_MAX, EPSILON_STEP, GRADIENT_METHODS, ITERATIONS_MAX, METHOD_LABELS, MODE_LABELS, PRESETS, type LabSettings } from '../../lab/settings';
import { lab } from '../page';

interface Props {
  settings: LabSettings;
  running: boolean;
  ready: boolean;
  /** Which controls to show (an embed picks them); all by default. */
  visible?: readonly EmbedControl[];
}

/** Mode, method, ε, T, target, presets and Run / Pause / Step / Reset. Only sends intents. */
export function AttackControls({ settings, running, ready, visible = EMBED_CONTROLS }: Props) {
  const noise = settings.mode === 'noise';
  const show = (c: EmbedControl) => visible.includes(c);
  if (!(['mode', 'presets', 'epsilon', 'iterations', 'target', 'buttons'] as const).some(show)) return null;
  return (
    <form className="controls" onSubmit={(e) => e.preventDefault()} aria-label="Attack settings">
      {show('mode') && <fieldset className="modes">
        <legend>Attack</legend>
        {ATTACK_MODES.map((mode) => (
          <label key={mode}>
            <input type="radio" name="mode" value={mode} checked={settings.mode === mode} onChange={() => void lab.updateSettings({ mode })} />
            {MODE_LABELS[mode]}
          </label>
        ))}
      </fieldset>}
      {show('mode') && <fieldset className="modes" disabled={noise}>
        <legend>Method{noise && <span className="muted"> (random noise has none)</span>}</legend>
        {GRADIENT_METHODS.map((method) => (
          <label key={method}>
            <input type="radio" name="method" value={method} checked={settings.method === method} onChange={() => void lab.updateSettings({ method })} />
            {METHOD_LABELS[method]}
          </label>
        ))}
      </fieldset>}
      {show('presets') && <div className="presets" role="group" aria-label="Presets from the course">
        <span className="muted small">Try the course's cases:</span>
        {PRESETS.map((p) => (
          <button key={p.label} type="button" onClick={() => void lab.updateSettings(p.settings)}>
            {p.label}
          </button>
        ))}
      </div>}
      {show('epsilon') && <label className="slider">
        <span>
          ε = <strong data-testid="epsilon-value">{settings.epsilon.toFixed(4)}</strong> <span className="muted">({(settings.epsilon * 255).toFixed(2)}/255)</span>
        </span>
        <input
          type="range" aria-label="epsilon (perturbation size)" min={0} max={EPSILON_MAX} step={EPSILON_STEP}
          value={settings.epsilon} onChange={(e) => void lab.updateSettings({ epsilon: Number(e.target.value) })}
        />
      </label>}
      {show('iterations') && <label className="slider">
        <span>
          T = <strong data-testid="iterations-value">{settings.iterations}</strong>{' '}
          <span className="muted">{noise ? '(does not apply to random noise: it is one draw)' : settings.method === 'pgd' ? `α = 2.5·ε/T = ${pgdStepSize(settings).toFixed(5)}` : `η = ε/T = ${stepSize(settings).toFixed(5)}`}</span>
        </span>
        <input
          type="range" aria-label="iterations T" min={1} max={ITERATIONS_MAX} step={1} disabled={noise}
          value={settings.iterations} onChange={(e) => void lab.updateSettings({ iterations: Number(e.target.value) })}
        />
      </label>}
      {show('target') && <label className="target">
        Target label y*{' '}
        <select
          value={String(settings.target)}
          onChange={(e) => void lab.updateSettings({ target: e.target.value === 'auto' ? 'auto' : (Number(e.target.value) as 0 | 1) })}
        >
          <option value="auto">the class f does not predict</option>
          {CLASS_NAMES.map((name, i) => (
            <option key={name} value={i}>{name}</option>
          ))}
        </select>
      </label>}
      {show('buttons') && <div className="buttons">
        <button type="button" onClick={() => void lab.run()} disabled={!ready || running}>Run</button>
        <button type="button" onClick={() => lab.pause()} disabled={!running}>Pause</button>
        <button type="button" onClick={() => void lab.step()} disabled={!ready}>Step</button>
        <button type="button" onClick={() => void lab.reset()} disabled={!ready}>Reset</button>
      </div>}
    </form>
  );
}
