// What a keyboard shortcut or an embedding page can ask the lab to do: one vocabulary, executed
// by the controller. Plain data, so it can be checked before anything runs.
import type { LabSettings } from '../lab/settings';

export type LabCommand =
  | { type: 'set'; settings: Partial<LabSettings> }
  | { type: 'run' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'reset' };
