// The tfjs worker's life: spawned once, replaced by a fresh one (a new WebGL context) when its
// context is lost. The page never imports tfjs; it talks to the worker through this.
import * as Comlink from 'comlink';
import type { LabApi } from '../worker/api';

/** The app's own address (with its sub-path): models, gallery and embed links live under it. */
export const SITE_URL = new URL('./', document.baseURI).href;

/** The worker as the lab client sees it: its API now, and a way to start a fresh one. */
export interface LabWorker {
  /** The live worker's API; callbacks passed to it are plain functions. */
  api(): LabApi;
  /** Ends the worker (calls waiting on it never answer) and starts a fresh one. */
  respawn(): void;
}

/** Comlink sends functions only as proxies: wrap the two calls that take callbacks. */
function withProxiedCallbacks(remote: Comlink.Remote<LabApi>): LabApi {
  return {
    init: (request, onContextLost) => remote.init(request, Comlink.proxy(onContextLost)),
    loadModel: (id, siteUrl, onProgress, retry) => remote.loadModel(id, siteUrl, Comlink.proxy(onProgress), retry),
    reset: (image, settings) => remote.reset(image, settings),
    step: () => remote.step(),
    frameAt: (t) => remote.frameAt(t),
    classifyPixels: (rgba) => remote.classifyPixels(rgba),
    experimentOutcomes: (url, label, plan) => remote.experimentOutcomes(url, label, plan),
  };
}

export function spawnLabWorker(): LabWorker {
  let raw: Worker;
  let remote: Comlink.Remote<LabApi>;
  let api: LabApi;
  const spawn = () => {
    raw = new Worker(new URL('../worker/lab.worker.ts', import.meta.url), { type: 'module' });
    remote = Comlink.wrap<LabApi>(raw);
    api = withProxiedCallbacks(remote);
  };
  spawn();
  return {
    api: () => api,
    respawn() {
      remote[Comlink.releaseProxy]();
      raw.terminate();
      spawn();
    },
  };
}
