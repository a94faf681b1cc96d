// Picks the tfjs backend: hardware WebGL, else wasm (SIMD where the browser has it), else cpu.
// Software WebGL (SwiftShader) is slower than wasm, so tfjs refuses it unless told otherwise; we
// only allow it when explicitly asked (tests, benchmarks), never silently.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export const BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface BackendRequest {
  /** `?backend=`: use this one only. */
  backend?: BackendName;
  /** Accept software-rendered WebGL (tests and benchmarks only). */
  allowSoftwareWebGL?: boolean;
}

export interface BackendInfo {
  backend: BackendName;
  /** The GPU renderer string for webgl, "WebAssembly SIMD" / "WebAssembly" / "JavaScript" otherwise. */
  renderer: string;
  /** Backends that were tried first and failed, with why. */
  skipped: string[];
}

export function isBackendName(v: unknown): v is BackendName {
  return typeof v === 'string' && (BACKENDS as readonly string[]).includes(v);
}

function webglRenderer(): string {
  const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
  const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
  if (!gl) return 'unknown';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

export async function chooseBackend(request: BackendRequest = {}): Promise<BackendInfo> {
  // Only served from our own origin: no CDN fetch for the wasm binaries.
  setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });
  tf.env().set('SOFTWARE_WEBGL_ENABLED', Boolean(request.allowSoftwareWebGL));
  const skipped: string[] = [];
  for (const name of request.backend ? [request.backend] : BACKENDS) {
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return { backend: name, renderer: rendererOf(name), skipped };
      }
      skipped.push(`${name}: not available`);
    } catch (e) {
      skipped.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new Error(`no tfjs backend could start (${skipped.join('; ')})`);
}

function rendererOf(name: BackendName): string {
  if (name === 'webgl') return webglRenderer();
  if (name === 'wasm') return tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'WebAssembly SIMD' : 'WebAssembly';
  return 'JavaScript';
}
