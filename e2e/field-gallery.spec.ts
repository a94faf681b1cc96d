// Field photos (leaves on the plant, outdoors; ../shared/leaves-field) in the lab's gallery: marked
// as field photos, and picked, classified and attacked like any lab leaf. Screenshots of the
// gallery on a phone, a laptop and a projector go to test-results/ (open them and look).
import fs from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../scripts/lib/gallery-items';
import { decodeImageFile } from '../scripts/lib/leaves';
import { dataSetDir } from '../scripts/lib/paths';
import { expect, test } from './fixtures';
import { canvasPixels, LEAF, linf, openLab, shot, waitReady } from './lab-page';

/** A diseased chilli leaf on the plant (Cercospora leaf spot), from the field set's gallery.csv. */
const FIELD_LEAF = 'chilli__2c8df41a80';
const fieldGallery = path.join(dataSetDir('field'), 'gallery.csv');
/** The largest difference between two RGBA arrays, in 8-bit levels (a number, so a failure prints briefly). */
const maxDifference = (a: number[], b: number[]) => (a.length === b.length ? a.reduce((most, v, i) => Math.max(most, Math.abs(v - b[i])), 0) : Infinity);

test.skip(!fs.existsSync(fieldGallery), `no field photos (${fieldGallery}); run \`npm run gallery\` with them`);

test('a field photo in the gallery is marked as one, and is picked, classified and attacked like a lab leaf', async ({ page }, info) => {
  await openLab(page, `backend=wasm&image=${LEAF}`);
  await waitReady(page);

  // Every field photo of gallery.csv is in the picker, marked in its accessible name and on the thumbnail.
  const rows = parseCsv(fs.readFileSync(fieldGallery, 'utf8'));
  const fieldThumbs = page.getByRole('list', { name: 'Leaf gallery' }).locator('[data-set="field"]');
  await expect(fieldThumbs).toHaveCount(rows.length);
  await expect(page.getByRole('button', { name: /^Field photo: / })).toHaveCount(rows.length);
  const thumb = page.getByTestId(`leaf-${FIELD_LEAF}`);
  await expect(thumb).toHaveAccessibleName(/^Field photo: chilli leaf on the plant, Cercospora leaf spot\b/);
  await expect(thumb.getByText('field', { exact: true })).toBeVisible();
  await expect(page.getByTestId(`leaf-${LEAF}`)).not.toHaveAccessibleName(/field/i);
  await expect(page.getByText(/field photos: a leaf on the plant, outdoors/)).toBeVisible();

  // Picked: the frame on screen (t = 0) is the field photo's pixels, with f's verdict on it.
  await thumb.click();
  await expect(thumb).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(new RegExp(`image=${FIELD_LEAF}`));
  const row = rows.find((r) => r.path.endsWith(`/${FIELD_LEAF}.jpg`))!;
  const photo = Array.from(decodeImageFile(path.join(dataSetDir('field'), row.path)).data);
  await expect.poll(async () => maxDifference(await canvasPixels(page, 'view-adversarial'), photo)).toBe(0);
  expect(maxDifference(await canvasPixels(page, 'view-original'), photo)).toBe(0);
  await expect(page.getByTestId('iteration')).toHaveText(/^0 \/ \d+$/);
  await expect(page.getByTestId('verdict-inception_v3')).toHaveAttribute('data-label', /^(healthy|diseased)$/);
  await expect(page.getByTestId('verdict-inception_v3')).toContainText(/\d\.\d%/);

  // Attacked like any leaf: one white-box step, the frame shows the result.
  await page.getByRole('button', { name: 'White box, ε = 0.01, T = 1' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('1 / 1');
  await expect(page.getByTestId('prediction-chart')).toHaveAttribute('data-points', '2');
  await expect(page.getByTestId('verdict-inception_v3')).toHaveAttribute('data-label', /^(healthy|diseased)$/);
  expect(await linf(page)).toBeGreaterThan(0);
  expect(await linf(page)).toBeLessThanOrEqual(0.01);
  // The adversarial view shows the attacked field photo: changed, by at most ε (2.55 levels) per pixel.
  const changed = maxDifference(await canvasPixels(page, 'view-adversarial'), photo);
  expect(changed).toBeGreaterThan(0);
  expect(changed).toBeLessThanOrEqual(2);

  for (const [name, width, height] of [['phone', 390, 844], ['laptop', 1440, 900], ['projector', 1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    await expect(thumb).toBeVisible();
    await shot(page, info, `field-gallery-${name}`);
  }
});
