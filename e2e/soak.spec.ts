// The short version of `npm run soak` (README has the full one's figures): 100 iterations and 10
// image switches leave the worker with exactly the tensors and bytes it started with.
import { soak } from './soak';
import { expect, test } from './fixtures';

test('a long session: after ~100 iterations and 10 image switches, tfjs tensors and bytes are back at the baseline', async ({ page, baseURL }) => {
  const figures = await soak(page, baseURL!, { iterations: 100, switches: 10 });
  console.log(`soak: ${JSON.stringify(figures)}`);
  expect(figures.iterations).toBeGreaterThanOrEqual(100);
  expect(figures.tensors.end).toBe(figures.tensors.start);
  expect(figures.bytes.end).toBe(figures.bytes.start);
});
