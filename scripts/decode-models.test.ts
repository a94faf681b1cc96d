import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../src/models/specs.ts';
import { buildModelFiles, readPackagedModel } from './decode-models.ts';
import { MODELS_DIR, NSFWJS_MODELS_DIR } from './lib/paths.ts';

describe('decoded base models', () => {
  it.each(MODEL_IDS)('%s: every file under public/ is byte-for-byte what the nsfwjs package decodes to', (id) => {
    const expected = buildModelFiles(id);
    const index = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, id, 'files.json'), 'utf8')) as { path: string; bytes: number }[];
    expect(index.map((f) => f.path).sort()).toEqual([...expected.keys()].sort());
    for (const [name, data] of expected) {
      const onDisk = fs.readFileSync(path.join(MODELS_DIR, id, name));
      expect(onDisk.equals(data), `${id}/${name}`).toBe(true);
    }
  });

  it('InceptionV3 BatchNorms are rewritten with scale and an all-ones gamma (tfjs#2868)', () => {
    const json = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, 'inception_v3', 'model.json'), 'utf8'));
    const bns = json.modelTopology.model_config.config.layers.filter((l: { class_name: string }) => l.class_name === 'BatchNormalization');
    expect(bns).toHaveLength(94);
    expect(bns.every((l: { config: { scale: boolean } }) => l.config.scale === true)).toBe(true);
    const gammaGroup = json.weightsManifest[1];
    expect(gammaGroup.weights).toHaveLength(94);
    const ones = new Float32Array(fs.readFileSync(path.join(MODELS_DIR, 'inception_v3', gammaGroup.paths[0])).buffer.slice(0));
    expect(ones.every((v) => v === 1)).toBe(true);
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
