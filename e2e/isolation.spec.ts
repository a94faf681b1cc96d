// The built site is cross-origin isolated, so tfjs's wasm backend computes on every core the
// browser reports, and an attack runs as on one thread: under `vite preview` (COOP/COEP headers)
// from the first visit, and on a static host that sends no headers once the service worker serves
// the page (it adds them). (An embed in a course page that does not isolate itself stays
// single-threaded: e2e/embed.spec.ts.)
import type { Page } from '@playwright/test';
import type { PreviewServer } from 'vite';
import { previewBuiltSite, previewWithoutHeaders } from './built-site';
import { expect, test } from './fixtures';
import { badgeThreads, LEAF, linf, openLab, waitReady } from './lab-page';

const QUERY = `backend=wasm&image=${LEAF}`;

let server: PreviewServer;
let headerless: PreviewServer;
test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  server = await previewBuiltSite();
  headerless = await previewWithoutHeaders();
});
test.afterAll(async () => {
  await server?.close();
  await headerless?.close();
});

/** The page (ready) is isolated, wasm runs min(cores, 8) threads, and one white-box step flips the leaf. */
async function expectEveryCoreAndTheFlip(page: Page) {
  const { isolated, cores } = await page.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency }));
  expect(isolated).toBe(true);
  test.skip(cores < 2, 'one core: no second thread to use');
  expect(await badgeThreads(page)).toBe(Math.min(cores, 8));

  await page.getByRole('button', { name: 'White box, ε = 0.01, T = 1' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('1 / 1');
  await expect(page.getByTestId('verdict-inception_v3')).toContainText('flipped');
  expect(await linf(page)).toBeLessThanOrEqual(0.01);
}

test('the built site is cross-origin isolated and runs wasm on more than one thread; the white-box flip still holds', async ({ page }) => {
  await openLab(page, QUERY, server.resolvedUrls!.local[0]);
  await waitReady(page);
  await expect(page.getByRole('button', { name: 'Reload to use every core' })).toHaveCount(0);
  await expectEveryCoreAndTheFlip(page);
});

test('on a static host without COOP/COEP the first visit runs on one thread; once the service worker serves the page it is isolated', async ({ page }) => {
  await openLab(page, QUERY, headerless.resolvedUrls!.local[0]);
  await waitReady(page);
  expect(await page.evaluate(() => ({ isolated: crossOriginIsolated, served: Boolean(navigator.serviceWorker.controller) }))).toEqual({ isolated: false, served: false });
  expect(await badgeThreads(page)).toBe(1);
  // The worker is ready (everything precached): the page offers the reload, and does not force it.
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 120_000 });
  const reload = page.getByRole('button', { name: 'Reload to use every core' });
  const loaded = page.waitForEvent('load');
  await reload.click();
  await loaded;
  await expect(page.getByTestId('iteration')).toHaveText(/^0 \/ \d+$/);
  await waitReady(page);
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  await expect(reload).toHaveCount(0);
  await expectEveryCoreAndTheFlip(page);
});
