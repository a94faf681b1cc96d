import type { ReactNode } from 'react';
import { CLASS_NAMES } from '../../config';
import { pgdStepSize, stepSize } from '../../attack/budget';
import { EMBED_CONTROLS, type EmbedControl } from '../../classroom/presentation';
import { DEFENSE_IDS, DEFENSE_LABELS } from '../../defense/names';
import {
  ATTACKERS, ATTACKER_LABELS, ATTACK_MODES, EPSILON_MAX, EPSILON_STEP, GRADIENT_METHODS, ITERATIONS_MAX, METHOD_LABELS, MODE_LABELS, PRESETS, QUERY_BATCH, QUERY_BUDGET_MAX, QUERY_BUDGET_STEP, usesGradient, type LabSettings,
} from '../../lab/settings';
import { lab } from '../page';

interface Props {
  settings: LabSettings;
  running: boolean;
  ready: boolean;
  /** Which controls to show (an embed picks them); all by default. */
  visible?: readonly EmbedControl[];
}

interface RadioChoiceProps<T extends string> {
  name: string;
  legend: ReactNode;
  options: readonly T[];
  labels: Record<T, string>;
  value: T;
  onPick(value: T): void;
  disabled?: boolean;
}

/** One choice among a few words, as a row of radio buttons. */
function RadioChoice<T extends string>({ name, legend, options, labels, value, onPick, disabled = false }: RadioChoiceProps<T>) {
  return (
    <fieldset className="modes" disabled={disabled}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option}>
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onPick(option)} />
          {labels[option]}
        </label>
      ))}
    </fieldset>
  );
}

/** Mode, method, ε, T, target, presets and Run / Pause / Step / Reset. Only sends intents. */
export function AttackControls({ settings, running, ready, visible = EMBED_CONTROLS }: Props) {
  const gradient = usesGradient(settings.mode);
  const query = settings.mode === 'query';
  const show = (c: EmbedControl) => visible.includes(c);
  if (!(['mode', 'presets', 'epsilon', 'iterations', 'target', 'buttons'] as const).some(show)) return null;
  return (
    <form className="controls" onSubmit={(e) => e.preventDefault()} aria-label="Attack settings">
      {show('mode') && <RadioChoice name="mode" legend="Attack" options={ATTACK_MODES} labels={MODE_LABELS} value={settings.mode} onPick={(mode) => void lab.updateSettings({ mode })} />}
      {show('mode') && (
        <RadioChoice
          name="method" legend={<>Method{!gradient && <span className="muted"> ({MODE_LABELS[settings.mode].toLowerCase()} follows no gradient)</span>}</>} disabled={!gradient}
          options={GRADIENT_METHODS} labels={METHOD_LABELS} value={settings.method} onPick={(method) => void lab.updateSettings({ method })}
        />
      )}
      {show('mode') && (
        <div className="defense">
          <label>
            Defense in front of f{' '}
            <select value={settings.defense} onChange={(e) => void lab.updateSettings({ defense: e.target.value as LabSettings['defense'] })}>
              <option value="none">none</option>
              {DEFENSE_IDS.map((id) => <option key={id} value={id}>{DEFENSE_LABELS[id]}</option>)}
            </select>
          </label>
          <RadioChoice
            name="attacker" legend="The attacker" disabled={settings.defense === 'none'}
            options={ATTACKERS} labels={ATTACKER_LABELS} value={settings.attacker} onPick={(attacker) => void lab.updateSettings({ attacker })}
          />
        </div>
      )}
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
      {show('iterations') && !query && <label className="slider">
        <span>
          T = <strong data-testid="iterations-value">{settings.iterations}</strong>{' '}
          <span className="muted">{!gradient ? '(does not apply to random noise: it is one draw)' : settings.method === 'pgd' ? `α = 2.5·ε/T = ${pgdStepSize(settings).toFixed(5)}` : `η = ε/T = ${stepSize(settings).toFixed(5)}`}</span>
        </span>
        <input
          type="range" aria-label="iterations T" min={1} max={ITERATIONS_MAX} step={1} disabled={!gradient}
          value={settings.iterations} onChange={(e) => void lab.updateSettings({ iterations: Number(e.target.value) })}
        />
      </label>}
      {show('iterations') && query && <label className="slider">
        <span>
          query budget = <strong data-testid="query-budget-value">{settings.queryBudget}</strong> <span className="muted">images sent to f, {QUERY_BATCH} per forward pass</span>
        </span>
        <input
          type="range" aria-label="query budget" min={QUERY_BUDGET_STEP} max={QUERY_BUDGET_MAX} step={QUERY_BUDGET_STEP}
          value={settings.queryBudget} onChange={(e) => void lab.updateSettings({ queryBudget: Number(e.target.value) })}
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
