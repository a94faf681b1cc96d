// The tfjs backends we use, fastest first: the order the page tries them in when the link names
// none, a software GPU being refused on the way (choose.ts). No tfjs import: Node scripts read this too.
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
