import { describe, expect, it } from 'vitest';
import { iterationState, parseCommand } from './protocol';

const IDS = ['grape__00e46ac798', 'apple__0329b50094'];

describe('postMessage commands', () => {
  it.each([
    [{ type: 'run' }, { type: 'run' }],
    [{ type: 'pause' }, { type: 'pause' }],
    [{ type: 'reset' }, { type: 'reset' }],
    [{ type: 'step' }, { type: 'step' }],
    [{ type: 'set', settings: { epsilon: 0.02, iterations: 10, mode: 'blackbox', target: 1, image: 'apple__0329b50094' } },
      { type: 'set', settings: { epsilon: 0.02, iterations: 10, mode: 'blackbox', target: 1, image: 'apple__0329b50094' } }],
    [{ type: 'set', settings: { target: 'auto' } }, { type: 'set', settings: { target: 'auto' } }],
    [{ type: 'set', settings: { method: 'mifgsm' } }, { type: 'set', settings: { method: 'mifgsm' } }],
    [{ type: 'set', settings: { defense: 'median', attacker: 'adaptive' } }, { type: 'set', settings: { defense: 'median', attacker: 'adaptive' } }],
  ])('accepts %o', (message, command) => {
    expect(parseCommand(message, IDS)).toEqual({ ok: true, command });
  });

  it.each([
    [null, /not an object/],
    ['run', /not an object/],
    [[{ type: 'run' }], /not an object/],
    [{}, /no command type/],
    [{ type: 'explode' }, /unknown command explode/],
    [{ type: 'run', now: true }, /takes no arguments/],
    [{ type: 'set' }, /must be an object/],
    [{ type: 'set', settings: {} }, /empty/],
    [{ type: 'set', settings: { epsilon: 0.02 }, extra: 1 }, /unexpected field extra/],
    [{ type: 'set', settings: { epsilon: '0.02' } }, /invalid value for epsilon/],
    [{ type: 'set', settings: { epsilon: 5 } }, /invalid value for epsilon/],
    [{ type: 'set', settings: { epsilon: Number.NaN } }, /invalid value for epsilon/],
    [{ type: 'set', settings: { epsilon: 0.0123 } }, /invalid value for epsilon/],
    [{ type: 'set', settings: { iterations: 2.5 } }, /invalid value for iterations/],
    [{ type: 'set', settings: { iterations: 0 } }, /invalid value for iterations/],
    [{ type: 'set', settings: { mode: 'grey box' } }, /invalid value for mode/],
    [{ type: 'set', settings: { method: 'deepfool' } }, /invalid value for method/],
    [{ type: 'set', settings: { defense: 'prayer' } }, /invalid value for defense/],
    [{ type: 'set', settings: { target: 'healthy' } }, /invalid value for target/],
    [{ type: 'set', settings: { image: 'https://evil.example/x.png' } }, /invalid value for image/],
    [{ type: 'set', settings: { epsilon: 0.02, __proto__: { polluted: 1 }, constructor: 1 } }, /unknown setting constructor/],
  ])('refuses %o as a whole', (message, reason) => {
    const parsed = parseCommand(message, IDS);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toMatch(reason);
  });

  it('a refused set changes nothing even when some of its fields are valid', () => {
    expect(parseCommand({ type: 'set', settings: { epsilon: 0.02, mode: 'nope' } }, IDS).ok).toBe(false);
  });
});

describe('events', () => {
  it('describe a frame with class names and plain numbers', () => {
    const state = iterationState({ t: 1, iterations: 1, target: 0, linf: 0.01, l2: 2.5, probabilities: { inception_v3: [0.9, 0.1] } });
    expect(state).toEqual({ t: 1, iterations: 1, target: 'healthy', linf: 0.01, l2: 2.5, verdicts: { inception_v3: { label: 'healthy', probabilities: [0.9, 0.1] } } });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
