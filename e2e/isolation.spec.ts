// The built site under `vite preview` is cross-origin isolated (COOP/COEP headers), so tfjs's wasm
// backend computes on every core the browser reports, and an attack runs as on one thread. (An
// embed in a course page that does not isolate itself stays single-threaded: e2e/embed.spec.ts.)
import type { PreviewServer } from 'vite';
import { previewBuiltSite } from './built-site';
import { expect, test } from './fixtures';
import { LEAF, linf, openLab, waitReady } from './lab-page';

let server: PreviewServer;
test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  server = await previewBuiltSite();
});
test.afterAll(async () => server?.close());

test('the built site is cross-origin isolated and runs wasm on more than one thread; the white-box flip still holds', async ({ page }) => {
  await openLab(page, `backend=wasm&image=${LEAF}`, server.resolvedUrls!.local[0]);
  await waitReady(page);
  const { isolated, cores } = await page.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency }));
  expect(isolated).toBe(true);
  test.skip(cores < 2, 'one core: no second thread to use');
  const badge = await page.getByTestId('backend').textContent();
  const threads = Number(/(\d+) threads?\)/.exec(badge ?? '')?.[1]);
  expect(threads, badge ?? '').toBe(Math.min(cores, 8));

  await page.getByRole('button', { name: 'White box, ε = 0.01, T = 1' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('1 / 1');
  await expect(page.getByTestId('verdict-inception_v3')).toContainText('flipped');
  expect(await linf(page)).toBeLessThanOrEqual(0.01);
});
