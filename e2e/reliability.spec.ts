// Issue 6, reliability: bad images, hostile links, storms of clicks, and numbers that are true of
// the pixels on screen. Everything through the page as a user drives it.
import fs from 'node:fs';
import { PNG } from 'pngjs';
import { expect, test } from './fixtures';
import { canvasPixels, LEAF, linf, openLab, waitReady } from './lab-page';

const maxDifference = (a: number[], b: number[]) => a.reduce((most, v, i) => Math.max(most, Math.abs(v - b[i])), 0);

test('truthful numbers: L∞ and probabilities shown are those of the 8-bit pixels shown and downloaded', async ({ page }) => {
  // ε = 0.01 is 2.55 levels: rounding the float x alone would show pixels 3 levels (0.0118) away.
  await openLab(page, `backend=wasm&image=${LEAF}`);
  await waitReady(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('1 / 1');
  const original = await canvasPixels(page, 'view-original');
  const shown = await canvasPixels(page, 'view-adversarial');
  const pixelLinf = maxDifference(original, shown) / 255;
  expect(pixelLinf).toBeLessThanOrEqual(0.01);
  expect(pixelLinf).toBeGreaterThan(0);
  expect(await linf(page)).toBe(Number(pixelLinf.toFixed(4)));

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download adversarial PNG' }).click()]);
  expect(Array.from(PNG.sync.read(fs.readFileSync(await download.path())).data)).toEqual(shown);
  // The download re-classifies the saved pixels in the worker (classifyPixels): the same numbers as shown.
  const savedCheck = page.getByTestId('saved-check');
  await expect(savedCheck).toBeVisible();
  const verdict = await page.getByTestId('verdict-inception_v3').getAttribute('data-probabilities');
  expect(JSON.parse((await savedCheck.getAttribute('data-probabilities'))!)).toEqual(JSON.parse(verdict!));
});
