// The built page holds no tfjs: it lives in the worker alone (issue 10), and the page chunk stays small.
import path from 'node:path';
import { inspectBuiltPage, PAGE_CHUNK_LIMIT_BYTES } from '../scripts/lib/built-page';
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
