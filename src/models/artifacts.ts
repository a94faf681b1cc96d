// Loading a decoded base model (model.json + shards) from any byte source: fetch in the browser,
// the file system in Node. One path, so training, tests and the page load identical weights.
import * as tf from '@tensorflow/tfjs';
import { ModelFileError, parseManifest, verifyModelFile } from './manifest';
import { modelDir, type ModelId } from './specs';

/** Reads files of the site (public/ in the repo) by relative path. */
export interface ByteSource {
  text(relPath: string): Promise<string>;
  /** Reads a file, reporting bytes as they arrive (cumulative for this file). */
  bytes(relPath: string, onBytes?: (loaded: number) => void): Promise<ArrayBuffer>;
}

export interface KerasLayerJson {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
  inbound_nodes: [string, number, number, unknown][][];
}

export interface BaseArtifacts {
  id: ModelId;
  layers: KerasLayerJson[];
  /** The whole model.json, for building tfjs's own LayersModel (the stock reference). */
  modelJson: tf.io.ModelJSON;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}

export interface LoadProgress {
  loadedBytes: number;
  totalBytes: number;
}

function concatBuffers(buffers: ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}

/** Progress reports a whole load sends at most (plus the last): each one crosses to the page and redraws it. */
export const PROGRESS_STEPS = 100;

/** Passes on `loadedBytes` only when it reaches the next of PROGRESS_STEPS equal steps of `totalBytes`. */
export function progressInSteps(totalBytes: number, onProgress: (p: LoadProgress) => void): (loadedBytes: number) => void {
  let lastStep = -1;
  return (loadedBytes) => {
    const step = Math.floor((loadedBytes / totalBytes) * PROGRESS_STEPS);
    if (step <= lastStep) return;
    lastStep = step;
    onProgress({ loadedBytes, totalBytes });
  };
}

export async function loadBaseArtifacts(
  id: ModelId,
  source: ByteSource,
  onProgress: (p: LoadProgress) => void = () => {},
): Promise<BaseArtifacts> {
  const dir = modelDir(id);
  const index = parseManifest(`${dir}/files.json`, await source.text(`${dir}/files.json`));
  const report = progressInSteps(index.reduce((n, f) => n + f.bytes, 0), onProgress);
  // Bytes arrived so far, per file: the shards download side by side, so the total is their sum.
  const arrived = new Map<string, number>();
  const arrivedBytes = () => [...arrived.values()].reduce((a, b) => a + b, 0);
  /** Reads one file of the model and checks it against files.json before anything uses it. */
  const verified = async (name: string) => {
    const buffer = await source.bytes(`${dir}/${name}`, (n) => {
      arrived.set(name, n);
      report(arrivedBytes());
    });
    await verifyModelFile(dir, name, buffer, index);
    return buffer;
  };
  const modelJson = JSON.parse(new TextDecoder().decode(await verified('model.json'))) as tf.io.ModelJSON;
  // All shards at once: one after another, each request's start-up leaves the link idle.
  const buffers = await Promise.all(modelJson.weightsManifest.flatMap((group) => group.paths).map(verified));
  const topology = modelJson.modelTopology as { model_config: { config: { layers: KerasLayerJson[] } } };
  return {
    id,
    layers: topology.model_config.config.layers,
    modelJson,
    weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
    weightData: concatBuffers(buffers),
  };
}

/**
 * A ByteSource over HTTP relative to `baseUrl`, streaming so that progress counts bytes. `cache`:
 * 'reload' for a retry, so that a damaged copy in the HTTP cache is not served again.
 */
export function fetchSource(baseUrl: string, cache: RequestCache = 'default'): ByteSource {
  const get = async (relPath: string) => {
    const response = await fetch(new URL(relPath, baseUrl), { cache }).catch((e: unknown) => {
      throw new ModelFileError(relPath, `could not be downloaded (${e instanceof Error ? e.message : String(e)})`);
    });
    if (!response.ok) throw new ModelFileError(relPath, `could not be downloaded (HTTP ${response.status})`);
    return response;
  };
  return {
    text: async (relPath) => (await get(relPath)).text(),
    bytes: async (relPath, onBytes) => {
      const response = await get(relPath);
      if (!response.body) return response.arrayBuffer();
      const reader = response.body.getReader();
      const chunks: ArrayBuffer[] = [];
      let loaded = 0;
      for (;;) {
        const { done, value } = await reader.read().catch(() => {
          throw new ModelFileError(relPath, `was cut off after ${loaded} bytes (the connection dropped)`);
        });
        if (done) break;
        chunks.push(value.slice().buffer);
        loaded += value.byteLength;
        onBytes?.(loaded);
      }
      return concatBuffers(chunks);
    },
  };
}
