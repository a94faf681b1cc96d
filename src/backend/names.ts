// The tfjs backends we use, fastest first (no tfjs import: Node scripts read this too).
export const BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
