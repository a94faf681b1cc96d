// What the page tells a user about the compute backend, in words (no tfjs import: unit-testable).
import type { BackendName } from './names';
import { NO_WEBGPU, NO_WEBGPU_ADAPTER } from './software-gpu';

export interface BackendSummary {
  backend: BackendName;
  skipped: string[];
}

const RUNS_ON: Record<BackendName, string> = {
  webgpu: 'the GPU (WebGPU)',
  webgl: 'the GPU (WebGL)',
  wasm: 'WebAssembly on the CPU: slower than a GPU, same results',
  cpu: 'plain JavaScript on the CPU: much slower, same results',
};

const reasonFor = (name: BackendName, skipped: string[]) => skipped.find((s) => s.startsWith(`${name}: `))?.slice(name.length + 2);

/**
 * Why each GPU API was passed over, WebGL's first (what most users meet); WebGPU's only where
 * the browser offered an adapter and it was refused, since most browsers have none to offer.
 */
function gpuReasons(skipped: string[]): string[] {
  const webgpu = reasonFor('webgpu', skipped);
  const offered = webgpu !== undefined && webgpu !== NO_WEBGPU && webgpu !== NO_WEBGPU_ADAPTER;
  return [reasonFor('webgl', skipped), offered ? webgpu : undefined].filter((r): r is string => r !== undefined);
}

/** Why a faster backend was passed over, or null when a GPU or the first choice runs. */
export function fallbackNotice({ backend, skipped }: BackendSummary): string | null {
  if (backend === 'webgpu' || backend === 'webgl') return null;
  const gpu = gpuReasons(skipped);
  if (gpu.length === 0 && skipped.length === 0) return null;
  const why = gpu.length ? `No usable GPU here (${gpu.join('; ')})` : `A faster backend failed (${skipped.join('; ')})`;
  return `${why}: the models run on ${RUNS_ON[backend]}.`;
}

/** After the GPU's WebGL context (or WebGPU device, on `backend` webgpu) was lost `losses` times: what happens next. */
export function contextLossNotice(losses: number, fallback: boolean, backend: BackendName = 'webgl'): string {
  const what = backend === 'webgpu' ? 'WebGPU device' : 'WebGL context';
  const lost = `The GPU's ${what} was lost${losses > 1 ? ` (${losses} times)` : ''}, taking the loaded models with it.`;
  return fallback
    ? `${lost} Continuing on WebAssembly instead: reloading the models; your image and setting start again from x⁰.`
    : `${lost} Reloading them on a new ${backend === 'webgpu' ? 'device' : 'context'}: your image and setting start again from x⁰.`;
}

/** Context losses after which WebGL is given up for wasm. */
export const MAX_CONTEXT_LOSSES = 2;
