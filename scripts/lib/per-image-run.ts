// A long experiment over test photos, one photo at a time: each finished photo's record is a line
// in a resume file named by everything that changes the records, so a stopped run resumes and
// shards (processes sharing the file) split the photos between them.
import crypto from 'node:crypto';
import path from 'node:path';
import { formatDuration, progressText } from '../../src/experiment/progress.ts';
import type { PerPhotoResults } from '../../src/experiment/protocol.ts';
import { headsFingerprint } from '../../src/models/heads/fingerprint.ts';
import { HEADS } from '../../src/models/heads/index.ts';
import type { LeafImage } from './leaves.ts';
import { PROJECT_ROOT } from './paths.ts';
import { appendLine, readJsonLines, type Shard } from './resume.ts';

export const imageId = (image: LeafImage) => path.basename(image.file).replace(/\.\w+$/, '');

export interface PerImageRun<R> {
  /** The experiment's name: its resume files live in .cache/<name>/. */
  name: string;
  images: LeafImage[];
  /** The experiment's own settings that change a photo's record (its plan). */
  key: Record<string, unknown>;
  split: string;
  backend: string;
  /** dataFingerprint() of the photos' folder. */
  manifestSha256: string;
  /** false: no resuming (tests recompute everything). */
  resume: boolean;
  shard?: Shard;
  log: (line: string) => void;
  /** One photo's record. */
  compute(image: LeafImage): Promise<R>;
}

/**
 * The records of every photo done (all of them unless sharded), in `images` order, with the time
 * spent computing them. The resume file is named by everything that changes a record (the key,
 * the heads, the data, the backend, the split), not by which photos run: a run on a few photos
 * reuses a full run's records and the other way round.
 */
export async function runPerImage<R extends { id: string }>(run: PerImageRun<R>): Promise<PerPhotoResults<R>> {
  const { images, shard, log, split, backend, manifestSha256 } = run;
  const key = { ...run.key, heads: HEADS, manifestSha256, backend, split };
  const hash = crypto.createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 16);
  const file = run.resume ? path.join(PROJECT_ROOT, '.cache', run.name, `${hash}.jsonl`) : null;
  const done = new Map(readJsonLines<{ record: R; ms: number }>(file).map((line) => [line.record.id, line]));
  if (done.size) log(`resuming: ${done.size} photos already done (${path.relative(PROJECT_ROOT, file!)})`);
  const mine = images.filter((image, i) => (!shard || i % shard.count === shard.index) && !done.has(imageId(image)));
  const started = Date.now();
  for (const [k, image] of mine.entries()) {
    const t0 = Date.now();
    const record = await run.compute(image);
    const line = { record, ms: Date.now() - t0 };
    done.set(record.id, line);
    if (file) appendLine(file, JSON.stringify(line));
    log(progressText(k + 1, mine.length, Date.now() - started));
  }
  const lines = images.flatMap((image) => done.get(imageId(image)) ?? []);
  const ms = lines.reduce((a, l) => a + l.ms, 0);
  log(`${lines.length} of ${images.length} photos done, ${formatDuration(ms)} of computing`);
  return { split, backend, manifestSha256, heads: headsFingerprint(HEADS), images: lines.map((l) => l.record), durationMs: ms, createdAt: new Date().toISOString() };
}
