// The built page holds no tfjs: it lives in the worker alone (issue 10), and the page chunk stays small.
// What the first paint does not need (recharts, KaTeX, the committed metrics and results) loads
// when a part of the page first needs it (issue 13).
import fs from 'node:fs';
import path from 'node:path';
import { inspectBuiltPage, PAGE_CHUNK_LIMIT_BYTES } from '../scripts/lib/built-page';
import { HEADS_DIR } from '../scripts/lib/paths';
import { expect, test } from './fixtures';
import { buildSite } from './built-site';

test('the built page’s chunks hold no tfjs, the worker’s does, and the page chunk is under its limit', async () => {
  test.setTimeout(300_000);
  await buildSite();
  const report = inspectBuiltPage(path.resolve('dist'));
  expect(report.markersFoundInWorker).toBe(true);
  expect(report.chunks.length).toBeGreaterThan(0);
  expect(report.chunks.filter((c) => c.tfjs.length)).toEqual([]);
  for (const chunk of report.chunks) expect(chunk.gzipBytes, chunk.file).toBeLessThan(PAGE_CHUNK_LIMIT_BYTES);
});

test('recharts, KaTeX and the committed metrics are not loaded at start, only when a part of the page needs them', async () => {
  test.setTimeout(300_000);
  await buildSite();
  const { chunks } = inspectBuiltPage(path.resolve('dist'));
  // The heads' fingerprint: the training metrics and every committed result quote it.
  const { heads } = JSON.parse(fs.readFileSync(path.join(HEADS_DIR, 'metrics.json'), 'utf8')) as { heads: string };
  const markers = { recharts: 'recharts-responsive-container', KaTeX: 'katex-mathml', 'committed metrics': heads };
  const where = (marker: string) => chunks.filter((c) => c.text.includes(marker)).map((c) => (c.eager ? 'at start' : 'when needed'));
  for (const [name, marker] of Object.entries(markers)) {
    const found = where(marker);
    expect(found.length, `${name} is in no page chunk: update its marker`).toBeGreaterThan(0);
    expect(found, name).not.toContain('at start');
  }
  expect(chunks.filter((c) => c.eager).length).toBeGreaterThan(0);
});
