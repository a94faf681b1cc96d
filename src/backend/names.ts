// The tfjs backends we use, fastest first (no tfjs import: Node scripts read this too).
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/**
 * What the page tries when the link names no backend. WebGPU only when asked (`?backend=webgpu`)
 * for now: its logits and gradients match cpu's, but on the one adapter we can test (SwiftShader)
 * the lab lost its device while loading both models, and we have no hardware WebGPU to tell
 * whether real GPUs do the same.
 */
export const AUTOMATIC_BACKENDS: readonly BackendName[] = BACKENDS.filter((name) => name !== 'webgpu');
