import { describe, expect, it } from 'vitest';
import { publicSource } from '../../scripts/lib/node-tf';
import { loadBaseArtifacts, type ByteSource } from './artifacts';
import { ModelFileError, parseManifest, sha256Hex, verifyModelFile, type ModelFileInfo } from './manifest';
import { readFileIndex, totalBytes } from './testing/model-files';

const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

describe('verifyModelFile', () => {
  const data = bytes('weights of a tiny model');
  let manifest: ModelFileInfo[];

  it('accepts the exact file, and sha256Hex agrees with a known digest', async () => {
    expect(await sha256Hex(bytes('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    manifest = [{ path: 'shard.bin', bytes: data.byteLength, sha256: await sha256Hex(data) }];
    await expect(verifyModelFile('models/m', 'shard.bin', data, manifest)).resolves.toBeUndefined();
  });

  it.each([
    ['a truncated file', bytes('weights of a tiny'), /models\/m\/shard\.bin is truncated: 17 of 23 bytes arrived/],
    ['a longer file', bytes('weights of a tiny model!'), /models\/m\/shard\.bin has the wrong size: 24 bytes instead of 23/],
    ['an altered file of the right size', bytes('weights of a tiny MODEL'), /models\/m\/shard\.bin is damaged: its SHA-256 checksum does not match files\.json/],
  ])('rejects %s with a message naming it', async (_, bad, message) => {
    const error = await verifyModelFile('models/m', 'shard.bin', bad, manifest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as ModelFileError).file).toBe('models/m/shard.bin');
    expect((error as Error).message).toMatch(message);
  });

  it('rejects a file the manifest does not list', async () => {
    await expect(verifyModelFile('models/m', 'other.bin', data, manifest)).rejects.toThrow('models/m/other.bin is not listed in files.json');
  });
});

describe('parseManifest', () => {
  it('rejects damaged JSON and entries without a checksum', () => {
    expect(() => parseManifest('models/m/files.json', '[{"path": "a.bin", "bytes": 3')).toThrow('models/m/files.json is not valid JSON');
    expect(() => parseManifest('models/m/files.json', '[{"path": "a.bin", "bytes": 3}]')).toThrow('not a list of files with sizes and SHA-256 sums');
    expect(() => parseManifest('models/m/files.json', '[]')).toThrow(ModelFileError);
  });
});

describe('loadBaseArtifacts checks every file against files.json', () => {
  /** The real decoded MobileNetV2, with one file replaced by `damage`. */
  const damaged = (name: string, damage: (data: ArrayBuffer) => ArrayBuffer): ByteSource => {
    const real = publicSource();
    return {
      text: real.text,
      bytes: async (rel, onBytes) => {
        const data = await real.bytes(rel, onBytes);
        return rel.endsWith(`/${name}`) ? damage(data) : data;
      },
    };
  };

  /** The weight shards files.json lists (every file but model.json). */
  const shards = () => readFileIndex('mobilenet_v2').filter((f) => f.path.endsWith('.bin'));

  it('loads the real files: the weights are exactly the shards files.json lists', async () => {
    const artifacts = await loadBaseArtifacts('mobilenet_v2', publicSource());
    expect(shards().length).toBeGreaterThan(0);
    expect(artifacts.weightData.byteLength).toBe(totalBytes(shards()));
  });

  it('stops at a truncated shard and at a model.json with one byte changed, naming the file', async () => {
    const [shard] = shards();
    await expect(loadBaseArtifacts('mobilenet_v2', damaged(shard.path, (d) => d.slice(0, 1000)))).rejects.toThrow(
      `models/mobilenet_v2/${shard.path} is truncated: 1,000 of ${shard.bytes.toLocaleString('en-US')} bytes arrived`,
    );
    const flipOne = (d: ArrayBuffer) => {
      const copy = new Uint8Array(d.slice(0));
      copy[copy.length - 2] ^= 1;
      return copy.buffer;
    };
    await expect(loadBaseArtifacts('mobilenet_v2', damaged('model.json', flipOne))).rejects.toThrow('models/mobilenet_v2/model.json is damaged');
  });
});
