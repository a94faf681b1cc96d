import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { loadBaseArtifacts, type KerasLayerJson } from '../src/models/artifacts.ts';
import { HEADS } from '../src/models/heads/index.ts';
import { MODEL_IDS } from '../src/models/specs.ts';
import { readFileIndex, totalBytes } from '../src/models/testing/model-files.ts';
import { sameBits } from '../src/models/testing/same-bits.ts';
import { layerOfWeight, layersUpTo } from '../src/models/topology.ts';
import { buildModelFiles, readPackagedModel } from './decode-models.ts';
import { publicSource, setNodeBackend, wholeBaseSource } from './lib/node-tf.ts';
import { MODELS_DIR, NSFWJS_MODELS_DIR, WHOLE_BASES_DIR } from './lib/paths.ts';

describe('decoded base models', () => {
  const read = (dir: string, id: string, name: string) => fs.readFileSync(path.join(dir, id, name));
  const modelJson = (dir: string, id: string) => JSON.parse(read(dir, id, 'model.json').toString('utf8')) as tf.io.ModelJSON & {
    modelTopology: { model_config: { config: { layers: KerasLayerJson[]; output_layers: unknown } } };
  };

  it.each(MODEL_IDS)('%s: every file, the page\'s cut base and the whole one, is byte-for-byte what the nsfwjs package decodes to', (id) => {
    const packaged = readPackagedModel(id);
    for (const [dir, expected] of [[MODELS_DIR, buildModelFiles(packaged, HEADS[id].cutLayer)], [WHOLE_BASES_DIR, buildModelFiles(packaged)]] as const) {
      expect(readFileIndex(id, dir).map((f) => f.path).sort()).toEqual([...expected.keys()].sort());
      for (const [name, data] of expected) expect(read(dir, id, name).equals(data), `${dir}/${id}/${name}`).toBe(true);
    }
  });

  it.each(MODEL_IDS)('%s: the page gets only the layers up to its head\'s cut, and their weights dequantize to exactly the whole base\'s', async (id) => {
    const cut = HEADS[id].cutLayer;
    const [page, whole] = [modelJson(MODELS_DIR, id), modelJson(WHOLE_BASES_DIR, id)];
    const wholeLayers = whole.modelTopology.model_config.config.layers;
    expect(page.modelTopology.model_config.config.layers).toEqual(layersUpTo(wholeLayers, cut));
    expect(page.modelTopology.model_config.config.output_layers).toEqual([[cut, 0, 0]]);
    expect(page.modelTopology.model_config.config.layers.length).toBeLessThan(wholeLayers.length);

    await setNodeBackend('cpu');
    const [pageBase, wholeBase] = await Promise.all([loadBaseArtifacts(id, publicSource()), loadBaseArtifacts(id, wholeBaseSource())]);
    const wholeSpecs = new Map(wholeBase.weightSpecs.map((w) => [w.name, w]));
    const kept = new Set(layersUpTo(wholeLayers, cut).map((l) => l.name));
    expect(pageBase.weightSpecs.map((w) => w.name).sort()).toEqual([...wholeSpecs.keys()].filter((n) => kept.has(layerOfWeight(n))).sort());
    for (const w of pageBase.weightSpecs) expect(w, w.name).toEqual(wholeSpecs.get(w.name)); // uint8 quantization kept
    const [pageWeights, wholeWeights] = [tf.io.decodeWeights(pageBase.weightData, pageBase.weightSpecs), tf.io.decodeWeights(wholeBase.weightData, wholeBase.weightSpecs)];
    for (const [name, t] of Object.entries(pageWeights)) expect(sameBits(t, wholeWeights[name]), name).toBe(true);
    tf.dispose([...Object.values(pageWeights), ...Object.values(wholeWeights)]);
    expect(totalBytes(readFileIndex(id, MODELS_DIR))).toBeLessThan(totalBytes(readFileIndex(id, WHOLE_BASES_DIR)));
  });

  it('InceptionV3 BatchNorms are rewritten with scale and an all-ones gamma (tfjs#2868), in the whole base and the cut one', () => {
    for (const [dir, count] of [[WHOLE_BASES_DIR, 94], [MODELS_DIR, null]] as const) {
      const json = modelJson(dir, 'inception_v3');
      const bns = json.modelTopology.model_config.config.layers.filter((l) => l.class_name === 'BatchNormalization');
      if (count) expect(bns).toHaveLength(count);
      expect(bns.every((l) => l.config.scale === true)).toBe(true);
      const gammaGroup = json.weightsManifest[1];
      expect(gammaGroup.weights.map((w) => w.name)).toEqual(bns.map((l) => `${l.name}/gamma`));
      const ones = new Float32Array(read(dir, 'inception_v3', gammaGroup.paths[0]).buffer.slice(0));
      expect(ones.length).toBeGreaterThan(0);
      expect(ones.every((v) => v === 1)).toBe(true);
    }
  });

  it('refuses a package whose shard changed, naming the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nsfwjs-'));
    fs.cpSync(path.join(NSFWJS_MODELS_DIR, 'mobilenet_v2'), path.join(dir, 'mobilenet_v2'), { recursive: true });
    const shard = path.join(dir, 'mobilenet_v2', 'group1-shard1of1.min.js');
    const text = fs.readFileSync(shard, 'utf8');
    const at = text.search(/[A-Za-z0-9+/]{1000}/) + 500; // one character inside the base64 payload
    fs.writeFileSync(shard, text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1));
    expect(() => readPackagedModel('mobilenet_v2', dir)).toThrow(/group1-shard1of1 differs from the pinned/);
    fs.rmSync(path.join(dir, 'mobilenet_v2', 'model.min.js'));
    expect(() => readPackagedModel('mobilenet_v2', dir)).toThrow(/model\.min\.js is missing/);
    fs.rmSync(dir, { recursive: true });
  });
});
