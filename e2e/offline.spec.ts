// The built app, deployed under a sub-path of a static host, works offline after one visit: the
// service worker precaches the shell and the models, the page says "available offline", and with
// the network cut a reload still runs an attack and lessons open. `vite build` + `vite preview`
// (a service worker needs the built app, not the dev server).
import fs from 'node:fs';
import type { PreviewServer } from 'vite';
import { previewBuiltSite } from './built-site';
import { expect, test } from './fixtures';
import { LEAF, openLab, waitReady } from './lab-page';

/** Any sub-path: the build uses relative URLs only. */
const SUB_PATH = '/courses/ml/adversarial-leaves/';

let server: PreviewServer;
let siteUrl: string;
test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  server = await previewBuiltSite(SUB_PATH);
  siteUrl = server.resolvedUrls!.local[0];
});
test.afterAll(async () => server?.close());

test('after one visit the app and its models work offline, from a sub-path', async ({ page, context }) => {
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(siteUrl) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url());
  });
  await openLab(page, `backend=wasm&image=${LEAF}`, siteUrl);
  await waitReady(page);
  await expect(page.getByTestId('offline-ready')).toHaveText('✓ Available offline', { timeout: 120_000 });
  // A lesson file copied beside the built site (not precached), opened once online.
  fs.copyFileSync('public/lessons/example.json', 'dist/lessons/copied-later.json');
  await page.goto(`${siteUrl}?backend=wasm&lesson=lessons/copied-later.json`);
  await expect(page.getByTestId('lesson')).toContainText('Step 1 of 2');
  await openLab(page, `backend=wasm&image=${LEAF}`, siteUrl);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('iteration')).toHaveText('0 / 1', { timeout: 120_000 });
  await waitReady(page);
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  await page.getByRole('button', { name: 'White box, ε = 0.01, T = 1' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('1 / 1');
  await expect(page.getByTestId('verdict-inception_v3')).toContainText('flipped');
  await expect(page.getByTestId('offline-ready')).toBeVisible();
  // Lessons offline: the default (in the code), a file precached with the app, one cached when it was opened.
  for (const [lesson, steps] of [['default', 5], ['lessons/example.json', 2], ['lessons/copied-later.json', 2]]) {
    await page.goto(`${siteUrl}?backend=wasm&lesson=${lesson}`);
    await expect(page.getByTestId('lesson')).toContainText(`Step 1 of ${steps}`);
  }
  expect(outside, 'requests outside the deployed sub-path').toEqual([]);
  await context.setOffline(false);
});
