// Long runs that survive being stopped: each finished unit of work is one JSON line in a resume
// file, and a re-run skips what is there. Shards split the work between processes that share it.
import fs from 'node:fs';
import path from 'node:path';

/** Every `count`-th unit of work from `index`: n processes with the same resume file share the work. */
export interface Shard {
  index: number;
  count: number;
}

/** "K/N" on the command line (1-based) → the shard. */
export function parseShard(text: string): Shard {
  const [k, n] = text.split('/').map(Number);
  if (!(Number.isInteger(k) && Number.isInteger(n) && n >= 1 && k >= 1 && k <= n)) throw new Error('--shard must be K/N with 1 ≤ K ≤ N');
  return { index: k - 1, count: n };
}

/** Appends one line, first ending a line that an interrupted write left unfinished. */
export function appendLine(file: string, line: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  let cut = false;
  if (size > 0) {
    const last = Buffer.alloc(1);
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, last, 0, 1, size - 1);
    fs.closeSync(fd);
    cut = last[0] !== 0x0a;
  }
  fs.appendFileSync(file, `${cut ? '\n' : ''}${line}\n`);
}

/** The finished units in a resume file (none if there is no file yet). */
export function readJsonLines<T>(file: string | null): T[] {
  if (!file || !fs.existsSync(file)) return [];
  // A run killed mid-write leaves a partial last line: that unit is simply done again.
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as T];
      } catch {
        return [];
      }
    });
}
