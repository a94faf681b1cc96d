import { describe, expect, it } from 'vitest';
import { publicSource } from '../../scripts/lib/node-tf';
import { loadBaseArtifacts, progressInSteps, PROGRESS_STEPS, type ByteSource, type LoadProgress } from './artifacts';
import { readFileIndex, totalBytes } from './testing/model-files';

const CHUNK = 16 * 1024;

/** The decoded files, delivered as a network would: in chunks, a turn of the event loop apart, with a log of each file's start and end. */
function chunkedSource(log: string[]): ByteSource {
  const disk = publicSource();
  return {
    text: disk.text,
    bytes: async (rel, onBytes) => {
      log.push(`start ${rel}`);
      const data = await disk.bytes(rel);
      for (let n = Math.min(CHUNK, data.byteLength); ; n = Math.min(n + CHUNK, data.byteLength)) {
        await new Promise((r) => setTimeout(r, 0));
        onBytes?.(n);
        if (n === data.byteLength) break;
      }
      log.push(`end ${rel}`);
      return data;
    },
  };
}

describe('progressInSteps', () => {
  it('passes on one report per step reached, in order, ending with the total', () => {
    const seen: LoadProgress[] = [];
    const report = progressInSteps(10_000, (p) => seen.push(p));
    for (let n = 0; n <= 10_000; n += 7) report(n);
    report(10_000);
    expect(seen.length).toBe(PROGRESS_STEPS + 1);
    expect(seen.map((p) => p.loadedBytes)).toEqual([...seen.map((p) => p.loadedBytes)].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual({ loadedBytes: 10_000, totalBytes: 10_000 });
  });
});

describe('loadBaseArtifacts over a chunked source', () => {
  it('requests every shard before the first one has arrived, reports at most one progress per step, and keeps the shards in order', async () => {
    const log: string[] = [];
    const seen: LoadProgress[] = [];
    const artifacts = await loadBaseArtifacts('inception_v3', chunkedSource(log), (p) => seen.push(p));
    const files = readFileIndex('inception_v3');
    const shards = files.filter((f) => f.path.endsWith('.bin'));
    expect(shards.length).toBeGreaterThan(1);
    const firstEnd = log.findIndex((e) => e.startsWith('end ') && e.endsWith('.bin'));
    expect(log.slice(0, firstEnd).filter((e) => e.startsWith('start ') && e.endsWith('.bin'))).toHaveLength(artifacts.modelJson.weightsManifest.flatMap((g) => g.paths).length);

    // Far fewer reports than chunks, each one further than the last, the last one all bytes.
    const chunks = files.reduce((n, f) => n + Math.ceil(f.bytes / CHUNK), 0);
    expect(chunks).toBeGreaterThan(4 * PROGRESS_STEPS);
    expect(seen.length).toBeLessThanOrEqual(PROGRESS_STEPS + 1);
    expect(seen.every((p, i) => i === 0 || p.loadedBytes > seen[i - 1].loadedBytes)).toBe(true);
    expect(seen.at(-1)).toEqual({ loadedBytes: totalBytes(files), totalBytes: totalBytes(files) });

    // The weights are the shards in the manifest's order, whichever arrived first.
    const disk = publicSource();
    const paths = artifacts.modelJson.weightsManifest.flatMap((g) => g.paths);
    const expected = Buffer.concat(await Promise.all(paths.map(async (p) => Buffer.from(await disk.bytes(`models/inception_v3/${p}`)))));
    expect(Buffer.from(artifacts.weightData).equals(expected)).toBe(true);
  });
});
