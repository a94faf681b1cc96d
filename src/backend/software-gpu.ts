// Whether a GPU the browser offers draws on the CPU (no tfjs import: unit-testable in Node).
// A software GPU is slower than wasm for our models, so the page refuses it unless asked.

/** Why WebGPU was skipped where the browser simply has none (most browsers today): not worth telling the user. */
export const NO_WEBGPU = 'no WebGPU';
export const NO_WEBGPU_ADAPTER = 'no WebGPU adapter';

/** Renderer, vendor or architecture names of GPUs that draw on the CPU: SwiftShader, Mesa's llvmpipe/lavapipe/softpipe, Windows's WARP. */
export const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render driver|microsoft warp/i;

/**
 * What a WebGPU adapter says of itself: GPUAdapterInfo's strings (`adapter.info`, or
 * `requestAdapterInfo()` in older browsers) and whether the browser calls it a fallback adapter,
 * which the spec describes as one with "significant performance caveats" (often a software one).
 */
export interface AdapterFacts {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

const named = (facts: AdapterFacts) => [facts.vendor, facts.architecture, facts.device, facts.description].filter((s): s is string => Boolean(s?.trim()));

/** The adapter in a few words for the badge: its description where the browser gives one (often empty), else vendor and architecture. */
export function describeAdapter(facts: AdapterFacts): string {
  const description = facts.description?.trim();
  if (description) return description;
  return named({ vendor: facts.vendor, architecture: facts.architecture }).join(' ') || 'unknown adapter';
}

/**
 * Why this WebGPU adapter should not be used, or null when it looks like hardware. Browsers may
 * blank the strings for privacy, so the fallback flag counts on its own; Chromium's SwiftShader
 * adapter says both (fallback, architecture "swiftshader").
 */
export function softwareAdapterReason(facts: AdapterFacts): string | null {
  const names = named(facts);
  const software = names.find((s) => SOFTWARE_RENDERERS.test(s));
  if (!software && !facts.isFallbackAdapter) return null;
  const which = names.length ? ` (${describeAdapter(facts)})` : '';
  return `the WebGPU adapter is a software fallback${which}`;
}
