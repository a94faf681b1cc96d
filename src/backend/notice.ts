// What the page tells a user about the compute backend, in words (no tfjs import: unit-testable).
import type { BackendName } from './names';

export interface BackendSummary {
  backend: BackendName;
  skipped: string[];
}

const RUNS_ON: Record<BackendName, string> = {
  webgl: 'the GPU (WebGL)',
  wasm: 'WebAssembly on the CPU: slower than a GPU, same results',
  cpu: 'plain JavaScript on the CPU: much slower, same results',
};

/** Why a faster backend was passed over, or null when the first choice runs. */
export function fallbackNotice({ backend, skipped }: BackendSummary): string | null {
  const webgl = skipped.find((s) => s.startsWith('webgl: '))?.slice('webgl: '.length);
  if (backend === 'webgl' || (!webgl && skipped.length === 0)) return null;
  const why = webgl ? `No usable GPU here (${webgl})` : `A faster backend failed (${skipped.join('; ')})`;
  return `${why}: the models run on ${RUNS_ON[backend]}.`;
}

/** After the WebGL context was lost `losses` times: what happens next. */
export function contextLossNotice(losses: number, fallback: boolean): string {
  const lost = `The GPU's WebGL context was lost${losses > 1 ? ` (${losses} times)` : ''}, taking the loaded models with it.`;
  return fallback
    ? `${lost} Continuing on WebAssembly instead: reloading the models; your image and setting start again from x⁰.`
    : `${lost} Reloading them on a new context: your image and setting start again from x⁰.`;
}

/** Context losses after which WebGL is given up for wasm. */
export const MAX_CONTEXT_LOSSES = 2;
