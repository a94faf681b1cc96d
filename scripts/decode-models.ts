// Decodes the Keras InceptionV3 and MobileNetV2 bases shipped inside nsfwjs (base64 UMD modules)
// into standard tfjs LayersModel files. Runs at install time, and after training picks new cuts.
//
// - The page gets each base cut at its head's layer (public/models/<id>/): the layers that compute
//   the cut and their weights only, each weight's bytes and uint8 quantization as nsfwjs ships
//   them, so what the page dequantizes is what the whole base holds, and nothing it never uses is
//   downloaded. Training compares cuts beyond the shipped one: it reads the whole bases, decoded to
//   .cache/whole-bases/models/<id>/ with nsfwjs's shards unchanged.
// - nsfwjs's shards are checked against pinned SHA-256 sums, so a changed package fails loudly
//   instead of silently changing the models.
// - InceptionV3's BatchNormalization layers have `scale: false`, which crashes tf.grad in tfjs
//   (tensorflow/tfjs#2868). We rewrite them as `scale: true` with gamma = 1, stored in an extra
//   shard: mathematically identical, and the original shards stay untouched.
// - Idempotent: when every output file already has the expected hash, nothing is written.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { KerasLayerJson } from '../src/models/artifacts.ts';
import { HEADS } from '../src/models/heads/index.ts';
import type { ModelFileInfo } from '../src/models/manifest.ts';
import { MODEL_IDS, type ModelId } from '../src/models/specs.ts';
import { layerOfWeight, layersUpTo } from '../src/models/topology.ts';
import { MODELS_DIR, NSFWJS_MODELS_DIR, PROJECT_ROOT, WHOLE_BASES_DIR } from './lib/paths.ts';
import pinned from './nsfwjs-pinned.json' with { type: 'json' };

const require = createRequire(import.meta.url);
const NSFWJS_VERSION = '4.4.0';
const GAMMA_SHARD = 'bn-gamma-ones.bin';
/** Shard size of tfjs's converter: small enough for any HTTP cache, few enough requests. */
const SHARD_BYTES = 4 * 1024 * 1024;

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { min: number; scale: number; dtype: string };
}
interface WeightGroup {
  paths: string[];
  weights: WeightSpec[];
}
interface ModelConfig {
  layers: KerasLayerJson[];
  output_layers: [string, number, number][];
}
interface PackagedModel {
  modelTopology: { model_config: { config: ModelConfig } };
  weightsManifest: WeightGroup[];
}

const sha256 = (data: Uint8Array | string) => crypto.createHash('sha256').update(data).digest('hex');

function fail(message: string): never {
  throw new Error(`decode-models: ${message}`);
}

function checkPackage(): void {
  const pkgJson = path.join(PROJECT_ROOT, 'node_modules', 'nsfwjs', 'package.json');
  if (!fs.existsSync(pkgJson)) fail(`the npm package nsfwjs@${NSFWJS_VERSION} is missing: run \`npm install\`.`);
  const { version } = JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { version: string };
  if (version !== NSFWJS_VERSION) fail(`nsfwjs ${version} is installed, but the models are pinned to ${NSFWJS_VERSION}.`);
}

/** Bytes a weight occupies in a shard (quantized weights take one byte per value). */
function specBytes(spec: WeightSpec): number {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  return count * (dtype === 'uint8' || dtype === 'int8' ? 1 : dtype === 'uint16' || dtype === 'float16' ? 2 : 4);
}

/** One packaged base as nsfwjs ships it: its topology and weight manifest, and its decoded shards. */
export interface PackagedBase {
  model: PackagedModel;
  shards: Buffer[];
}

/**
 * Reads one packaged model and returns its decoded shards, byte counts and checksums checked.
 * The model is require()'s cached object: nothing below edits it, so it is not copied.
 */
export function readPackagedModel(id: ModelId, packageDir = NSFWJS_MODELS_DIR): PackagedBase {
  const dir = path.join(packageDir, id);
  if (!fs.existsSync(path.join(dir, 'model.min.js'))) fail(`${id}: ${dir}/model.min.js is missing from the nsfwjs package.`);
  const model = require(path.join(dir, 'model.min.js')) as PackagedModel;
  if (model.weightsManifest.length !== 1) fail(`${id}: expected one weight group in nsfwjs's manifest.`);
  const [group] = model.weightsManifest;
  const shards = group.paths.map((p) => {
    const file = path.join(dir, `${p}.min.js`);
    if (!fs.existsSync(file)) fail(`${id}: ${file} is missing from the nsfwjs package.`);
    return Buffer.from(require(file) as string, 'base64');
  });
  const expected = group.weights.reduce((sum, w) => sum + specBytes(w), 0);
  const actual = shards.reduce((sum, s) => sum + s.length, 0);
  if (expected !== actual) fail(`${id}: the shards hold ${actual} bytes but the manifest describes ${expected}.`);
  const want = (pinned as Record<string, string[]>)[id];
  shards.forEach((s, i) => {
    if (sha256(s) !== want[i]) fail(`${id}: shard ${group.paths[i]} differs from the pinned nsfwjs@${NSFWJS_VERSION} file.`);
  });
  return { model, shards };
}

/** `model`'s topology with parts of its config replaced: a new object, the rest shared; keys keep their order, so model.json stays byte-stable. */
function withConfig(model: PackagedModel, changes: Partial<ModelConfig>): PackagedModel['modelTopology'] {
  const { modelTopology } = model;
  const config = { ...modelTopology.model_config.config, ...changes };
  return { ...modelTopology, model_config: { ...modelTopology.model_config, config } };
}

/**
 * Adds gamma = 1 to BatchNormalization layers built with `scale: false` (see header comment).
 * Returns a repaired topology and leaves `model` as it is: the whole base and its cut share layer
 * objects, so an edit in place would leak from one output into the other.
 */
function repairBatchNorm(model: PackagedModel): { topology: PackagedModel['modelTopology']; weights: WeightSpec[]; data: Buffer } {
  const specs = model.weightsManifest[0].weights;
  const gammas: WeightSpec[] = [];
  const layers = model.modelTopology.model_config.config.layers.map((layer) => {
    if (layer.class_name !== 'BatchNormalization' || layer.config.scale !== false) return layer;
    const beta = specs.find((w) => w.name === `${layer.name}/beta`);
    if (!beta) fail(`BatchNormalization ${layer.name} has no beta weight.`);
    gammas.push({ name: `${layer.name}/gamma`, shape: [...beta.shape], dtype: 'float32' });
    return { ...layer, config: { ...layer.config, scale: true } };
  });
  const count = gammas.reduce((sum, w) => sum + w.shape[0], 0);
  return { topology: withConfig(model, { layers }), weights: gammas, data: Buffer.from(new Float32Array(count).fill(1).buffer) };
}

/**
 * The base cut at layer `cut`: the layers that compute it and their weights, each weight's bytes
 * unchanged, in shards of SHARD_BYTES (tfjs joins a group's shards before slicing weights).
 */
function cutAt({ model, shards }: PackagedBase, cut: string): PackagedBase {
  const config = model.modelTopology.model_config.config;
  const layers = layersUpTo(config.layers, cut);
  const kept = new Set(layers.map((l) => l.name));
  const data = Buffer.concat(shards);
  const weights: WeightSpec[] = [];
  const parts: Buffer[] = [];
  let offset = 0;
  for (const spec of model.weightsManifest[0].weights) {
    const bytes = specBytes(spec);
    if (kept.has(layerOfWeight(spec.name))) {
      weights.push(spec);
      parts.push(data.subarray(offset, offset + bytes));
    }
    offset += bytes;
  }
  const cutData = Buffer.concat(parts);
  const count = Math.ceil(cutData.length / SHARD_BYTES);
  const cutShards = Array.from({ length: count }, (_, i) => cutData.subarray(i * SHARD_BYTES, (i + 1) * SHARD_BYTES));
  const paths = cutShards.map((_, i) => `group1-shard${i + 1}of${count}`);
  const topology = withConfig(model, { layers, output_layers: [[cut, 0, 0]] });
  return { model: { modelTopology: topology, weightsManifest: [{ paths, weights }] }, shards: cutShards };
}

/**
 * The files of one decoded base, as file name → bytes: cut at `cut` (what the page ships), or the
 * whole base with nsfwjs's shards as they are (what training reads). `packaged` is not changed, so
 * one read of the package serves both.
 */
export function buildModelFiles(packaged: PackagedBase, cut?: string): Map<string, Buffer> {
  const { model, shards } = cut ? cutAt(packaged, cut) : packaged;
  const group = model.weightsManifest[0];
  const files = new Map<string, Buffer>();
  const shardNames = group.paths.map((p) => `${p}.bin`);
  shardNames.forEach((name, i) => files.set(name, shards[i]));
  const manifest: WeightGroup[] = [{ paths: shardNames, weights: group.weights }];
  const gamma = repairBatchNorm(model);
  if (gamma.weights.length > 0) {
    files.set(GAMMA_SHARD, gamma.data);
    manifest.push({ paths: [GAMMA_SHARD], weights: gamma.weights });
  }
  const modelJson = {
    format: 'layers-model',
    generatedBy: `nsfwjs@${NSFWJS_VERSION} (Keras 2.2.4), decoded by scripts/decode-models.ts${cut ? `, cut at ${cut}` : ''}`,
    convertedBy: null,
    modelTopology: gamma.topology,
    weightsManifest: manifest,
  };
  files.set('model.json', Buffer.from(JSON.stringify(modelJson)));
  return files;
}

/** files.json: size and SHA-256 of each file; the browser shows byte progress and verifies each file against it. */
function fileIndex(files: Map<string, Buffer>): ModelFileInfo[] {
  return [...files].map(([p, data]) => ({ path: p, bytes: data.length, sha256: sha256(data) }));
}

function upToDate(dir: string, index: ModelFileInfo[]): boolean {
  return index.every(({ path: p, sha256: h }) => {
    const file = path.join(dir, p);
    return fs.existsSync(file) && sha256(fs.readFileSync(file)) === h;
  });
}

/** Writes one decoded base into `dir` with its files.json, unless every file is already there. */
function writeModel(dir: string, files: Map<string, Buffer>, what: string): void {
  const index = fileIndex(files);
  const total = index.reduce((s, f) => s + f.bytes, 0);
  if (upToDate(dir, index) && fs.existsSync(path.join(dir, 'files.json'))) {
    console.log(`decode-models: ${what} up to date (${total} bytes).`);
    return;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, data] of files) fs.writeFileSync(path.join(dir, name), data);
  fs.writeFileSync(path.join(dir, 'files.json'), JSON.stringify(index, null, 1));
  console.log(`decode-models: wrote ${what} (${index.length} files, ${total} bytes).`);
}

/**
 * Decodes every base: whole for training, and cut at its committed head's layer for the page. The
 * folders can be moved, to compare a decode with the committed one without touching it.
 */
export function decodeModels({ modelsDir = MODELS_DIR, wholeDir = WHOLE_BASES_DIR } = {}): void {
  checkPackage();
  for (const id of MODEL_IDS) {
    const packaged = readPackagedModel(id); // base64 and SHA-256 of up to 22 MB: once per base
    writeModel(path.join(wholeDir, id), buildModelFiles(packaged), `${id} whole, for training`);
    const cut = HEADS[id].cutLayer;
    writeModel(path.join(modelsDir, id), buildModelFiles(packaged, cut), `${id} cut at ${cut}, for the page`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  try {
    decodeModels();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
