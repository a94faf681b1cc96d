// Picks the tfjs backend: hardware WebGPU, else hardware WebGL, else wasm (SIMD where the browser
// has it, on every core where the page is cross-origin isolated), else cpu.
// A software GPU (SwiftShader, for WebGPU or WebGL) is slower than wasm, so tfjs refuses software
// WebGL unless told otherwise; we only allow either when explicitly asked (tests, benchmarks),
// never silently.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgl';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

import { BACKENDS, type BackendName } from './names';
import { NO_WEBGPU, NO_WEBGPU_ADAPTER, SOFTWARE_RENDERERS, describeAdapter, softwareAdapterReason, type AdapterFacts } from './software-gpu';

export interface BackendRequest {
  /** `?backend=`: use this one only. */
  backend?: BackendName;
  /** Accept software-rendered WebGL (tests and benchmarks only). */
  allowSoftwareWebGL?: boolean;
  /** Accept a software WebGPU adapter, e.g. SwiftShader's (tests and benchmarks only). */
  allowSoftwareWebGPU?: boolean;
  /** `?disableWebGL=1`, dev server only (tests): act as a browser without WebGL. */
  disableWebGL?: boolean;
  /** `?softwareWebGL=1`, dev server only (tests): WebGL reports a software renderer (SwiftShader), even on a real GPU. */
  softwareWebGL?: boolean;
  /** Threads for wasm (benchmarks: 1 for the single-threaded baseline); every core when absent. */
  wasmThreads?: number;
}

export interface BackendInfo {
  backend: BackendName;
  /** The GPU renderer string for webgl, the adapter's for webgpu, "WebAssembly SIMD" / "WebAssembly" / "JavaScript" otherwise. */
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

/** The slice of WebGPU's API read here (older browsers have requestAdapterInfo() instead of info). */
interface GpuAdapterLike {
  info?: AdapterFacts;
  isFallbackAdapter?: boolean;
  requestAdapterInfo?: () => Promise<AdapterFacts>;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapterLike | null>;
}

/** What the adapter tfjs will get says of itself (tfjs asks for the high-performance one too), or why there is none. */
async function webgpuAdapter(): Promise<AdapterFacts | string> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike }).gpu;
  if (!gpu) return NO_WEBGPU;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return NO_WEBGPU_ADAPTER;
  const info = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
  // Copied field by field: GPUAdapterInfo's fields are getters, lost by a spread and by postMessage.
  const { vendor, architecture, device, description } = info;
  return { vendor, architecture, device, description, isFallbackAdapter: info.isFallbackAdapter ?? adapter.isFallbackAdapter };
}

/**
 * Starts WebGPU, or says why not. Its backend module is loaded only here: most browsers without
 * WebGPU never download it.
 */
async function startWebGPU(allowSoftware: boolean): Promise<Attempt> {
  const adapter = await webgpuAdapter();
  if (typeof adapter === 'string') return { refusal: adapter };
  const refusal = allowSoftware ? null : softwareAdapterReason(adapter);
  if (refusal) return { refusal };
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) return { refusal: 'not available' };
  return { renderer: describeAdapter(adapter) };
}

/** A backend started (with its renderer, for the badge), or why it was passed over. */
type Attempt = { renderer: string } | { refusal: string };

async function start(name: BackendName, request: BackendRequest, threads: number): Promise<Attempt> {
  if (name === 'webgpu') return startWebGPU(Boolean(request.allowSoftwareWebGPU));
  const refusal = name === 'webgl' && !request.allowSoftwareWebGL ? softwareWebGLReason() : null;
  if (refusal) return { refusal };
  if (!(await (name === 'wasm' ? withCoresReportedFor(threads, () => tf.setBackend(name)) : tf.setBackend(name)))) return { refusal: 'not available' };
  await tf.ready();
  return { renderer: rendererOf(name) };
}

export async function chooseBackend(request: BackendRequest = {}): Promise<BackendInfo> {
  // Only served from our own origin: no CDN fetch for the wasm binaries.
  setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });
  const threads = wasmThreads(request.wasmThreads);
  setThreadsCount(threads);
  tf.env().set('SOFTWARE_WEBGL_ENABLED', Boolean(request.allowSoftwareWebGL));
  const skipped: string[] = [];
  for (const name of request.backend ? [request.backend] : BACKENDS) {
    try {
      const attempt = await start(name, request, threads);
      if ('renderer' in attempt) return { backend: name, renderer: attempt.renderer, threads: name === 'wasm' ? getThreadsCount() : null, skipped };
      skipped.push(`${name}: ${attempt.refusal}`);
    } catch (e) {
      skipped.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new Error(`no tfjs backend could start (${skipped.join('; ')})`);
}

function rendererOf(name: Exclude<BackendName, 'webgpu'>): string {
  if (name === 'webgl') return webglRenderer();
  if (name === 'wasm') return tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'WebAssembly SIMD' : 'WebAssembly';
  return 'JavaScript';
}
