// Picks the tfjs backend: hardware WebGL, else wasm (SIMD where the browser has it, on every core
// where the page is cross-origin isolated), else cpu.
// Software WebGL (SwiftShader) is slower than wasm, so tfjs refuses it unless told otherwise; we
// only allow it when explicitly asked (tests, benchmarks), never silently.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgl';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

import { BACKENDS, type BackendName } from './names';

export interface BackendRequest {
  /** `?backend=`: use this one only. */
  backend?: BackendName;
  /** Accept software-rendered WebGL (tests and benchmarks only). */
  allowSoftwareWebGL?: boolean;
  /** `?disableWebGL=1`, dev server only (tests): act as a browser without WebGL. */
  disableWebGL?: boolean;
  /** `?softwareWebGL=1`, dev server only (tests): WebGL reports a software renderer (SwiftShader), even on a real GPU. */
  softwareWebGL?: boolean;
  /** Threads for wasm (benchmarks: 1 for the single-threaded baseline); every core when absent. */
  wasmThreads?: number;
}

export interface BackendInfo {
  backend: BackendName;
  /** The GPU renderer string for webgl, "WebAssembly SIMD" / "WebAssembly" / "JavaScript" otherwise. */
  renderer: string;
  /** Threads wasm computes on (1 unless the page is cross-origin isolated); null on other backends. */
  threads: number | null;
  /** Backends that were tried first and failed, with why. */
  skipped: string[];
}

/** tfjs's wasm build starts a pool of 8 workers: more threads than that would wait for new ones. */
const WASM_WORKER_POOL = 8;

/**
 * wasm runs threads only where SharedArrayBuffer exists, which needs a cross-origin-isolated page
 * (COOP/COEP headers); a course page that embeds us without isolation gets one thread.
 */
function wasmThreads(requested?: number): number {
  if (!globalThis.crossOriginIsolated) return 1;
  return Math.max(1, Math.min(requested ?? navigator.hardwareConcurrency ?? 1, WASM_WORKER_POOL));
}

/**
 * tfjs's wasm module caps its pool at navigator.hardwareConcurrency / 2, read once as the module
 * starts: it assumes two hardware threads per core. On a machine with one thread per core (this
 * 2-core one) that leaves half the cores idle, so while the module starts it is told twice the
 * count we chose, and its cap becomes our count.
 */
async function withCoresReportedFor<T>(threads: number, start: () => Promise<T>): Promise<T> {
  const navigator: { hardwareConcurrency?: number } = globalThis.navigator;
  Object.defineProperty(navigator, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
  try {
    return await start();
  } finally {
    delete navigator.hardwareConcurrency; // the browser's own value (the prototype's getter) again
  }
}

function webglContext(attributes: WebGLContextAttributes = {}): WebGL2RenderingContext | null {
  const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
  return canvas.getContext('webgl2', attributes) as WebGL2RenderingContext | null;
}

function webglRenderer(): string {
  const gl = webglContext();
  if (!gl) return 'unknown';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

/** Renderers that draw on the CPU: slower than wasm for our models. */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

/**
 * Why WebGL should not be used here, or null when it is hardware-accelerated. tfjs's own check
 * (failIfMajorPerformanceCaveat) does not catch SwiftShader when Chromium runs it as its GPU
 * (as with --enable-unsafe-swiftshader), so the renderer's name is checked too.
 */
function softwareWebGLReason(): string | null {
  if (!webglContext()) return 'no WebGL 2';
  if (!webglContext({ failIfMajorPerformanceCaveat: true })) return 'WebGL is software-rendered';
  const renderer = webglRenderer();
  return SOFTWARE_RENDERERS.test(renderer) ? `WebGL is software-rendered (${renderer})` : null;
}

export async function chooseBackend(request: BackendRequest = {}): Promise<BackendInfo> {
  // Only served from our own origin: no CDN fetch for the wasm binaries.
  setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });
  const threads = wasmThreads(request.wasmThreads);
  setThreadsCount(threads);
  tf.env().set('SOFTWARE_WEBGL_ENABLED', Boolean(request.allowSoftwareWebGL));
  const skipped: string[] = [];
  for (const name of request.backend ? [request.backend] : BACKENDS) {
    const refusal = name === 'webgl' && !request.allowSoftwareWebGL ? softwareWebGLReason() : null;
    if (refusal) {
      skipped.push(`webgl: ${refusal}`);
      continue;
    }
    try {
      if (await (name === 'wasm' ? withCoresReportedFor(threads, () => tf.setBackend(name)) : tf.setBackend(name))) {
        await tf.ready();
        return { backend: name, renderer: rendererOf(name), threads: name === 'wasm' ? getThreadsCount() : null, skipped };
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
