// The lab in real Chromium, as a student uses it: pick, attack, watch, change settings mid-run,
// upload, share a link. Screenshots of each state go to test-results/ (open them and look).
import fs from 'node:fs';
import { PNG } from 'pngjs';
import * as tf from '@tensorflow/tfjs';
import { decodeImageFile, loadCanonical } from '../scripts/lib/leaves';
import { loadClassifierNode } from '../scripts/lib/load-models';
import { setNodeBackend } from '../scripts/lib/node-tf';
import { leavesDir } from '../scripts/lib/paths';
import { shownImage } from '../src/attack/eight-bit';
import { iterativeFgsm, lastIterate } from '../src/attack/fgsm';
import { CLASS_NAMES } from '../src/config';
import { pngOf } from '../src/images/testing/make-images';
import { expect, test } from './fixtures';
import { LEAF, linf, openLab, pixelsOfColour, shot, waitReady } from './lab-page';

for (const backend of ['webgl', 'wasm'] as const) {
  test(`${backend}: white box ε = 0.01, T = 1 flips f's label for a gallery leaf, with L∞ ≤ 0.01 shown`, async ({ page }, info) => {
    await openLab(page, `backend=${backend}&allowSoftwareWebGL=1&image=${LEAF}`);
    await waitReady(page);
    await expect(page.getByTestId('verdict-inception_v3')).toHaveAttribute('data-label', 'diseased');
    await page.getByRole('button', { name: 'White box, ε = 0.01, T = 1' }).click();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('iteration')).toHaveText('1 / 1');
    await expect(page.getByTestId('verdict-inception_v3')).toHaveAttribute('data-label', 'healthy');
    await expect(page.getByTestId('verdict-inception_v3')).toContainText('flipped');
    expect(await linf(page)).toBeLessThanOrEqual(0.01);
    await expect(page.getByTestId('prediction-chart')).toHaveAttribute('data-points', '2');
    await shot(page, info, `whitebox-${backend}`);

    // The download is the 8-bit image shown, re-classified as saved.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download adversarial PNG' }).click()]);
    const saved = PNG.sync.read(fs.readFileSync(await download.path()));
    expect([saved.width, saved.height]).toEqual([256, 256]);
    await expect(page.getByTestId('saved-check')).toContainText(/The saved 8-bit PNG .* (still|no longer) fools f/);

    // The chart saves as a PNG of what is on screen, at twice its size: f's line is in it.
    const [chart] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Chart as PNG' }).click()]);
    const png = PNG.sync.read(fs.readFileSync(await chart.path()));
    const box = (await page.getByTestId('prediction-chart').locator('.recharts-wrapper').first().boundingBox())!;
    expect(png.width).toBe(2 * Math.round(box.width));
    expect(pixelsOfColour(png, [0x00, 0x72, 0xb2])).toBeGreaterThan(100);
  });
}

/**
 * The same black-box attack in Node (wasm, the lab's own attack code): the class each model gives
 * the 8-bit image, and how far that is from a tie (a margin near 0 would make the test a coin toss).
 */
async function blackBoxInNode(epsilon: number, iterations: number, target: number) {
  await setNodeBackend('wasm');
  const [f, g] = [await loadClassifierNode('inception_v3'), await loadClassifierNode('mobilenet_v2')];
  const x0 = loadCanonical(`${leavesDir()}/test/diseased/${LEAF}.jpg`);
  const x = lastIterate(iterativeFgsm(g, x0, { epsilon, iterations, target }), x0);
  const shown = shownImage(x, x0, epsilon);
  const verdict = (model: typeof f) => {
    const [a, b] = model.logits(shown).dataSync();
    return { label: CLASS_NAMES[a >= b ? 0 : 1], margin: Math.abs(a - b) };
  };
  const out = { inception_v3: verdict(f), mobilenet_v2: verdict(g) };
  tf.dispose([x0, x, shown]);
  f.dispose();
  g.dispose();
  return out;
}

test('black box attacks g and updates both models, as the same attack in Node predicts; random noise runs; tensors return to baseline after Reset', async ({ page }, info) => {
  const expected = await blackBoxInNode(0.01, 10, 0);
  await openLab(page, `backend=wasm&image=${LEAF}&debug=1`);
  await waitReady(page);
  const baseline = await page.getByTestId('debug-memory').textContent();
  await page.getByRole('button', { name: 'Black box, T = 10', exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Black box' })).toBeChecked();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('10 / 10');
  for (const [id, { label, margin }] of Object.entries(expected)) {
    expect(margin, `${id}: Node's logits are not a near tie`).toBeGreaterThan(0.05);
    await expect(page.getByTestId(`verdict-${id}`)).toHaveAttribute('data-label', label);
  }
  // g, the model attacked, is fooled: the image is its adversarial example.
  expect(expected.mobilenet_v2.label).toBe('healthy');
  await expect(page.getByTestId('prediction-chart')).toHaveAttribute('data-points', '11');
  await expect(page.getByTestId('prediction-chart')).toContainText('MobileNetV2 (substitute g)');
  expect(await linf(page)).toBeLessThanOrEqual(0.01);
  await shot(page, info, 'blackbox-T10');

  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('iteration')).toHaveText('0 / 10');
  await expect(page.getByTestId('debug-memory')).toHaveText(baseline!);

  await page.getByRole('radio', { name: 'Random noise' }).check();
  await expect(page.getByRole('slider', { name: /iterations/ })).toBeDisabled();
  await expect(page.getByText('does not apply to random noise')).toBeVisible();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('1 / 1');
  // Every pixel moves by ε, shown as the largest whole 8-bit step within ε (2 of 255 levels).
  expect(await linf(page)).toBeCloseTo(2 / 255, 4);
  await shot(page, info, 'random-noise');
});

test('a slider moved mid-run restarts from x⁰ with the new setting, and the newest setting wins', async ({ page }) => {
  await openLab(page, `backend=wasm&image=${LEAF}&mode=blackbox&T=50&eps=0.05`);
  await waitReady(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText(/^([3-9]|\d\d) \/ 50$/);
  const epsilon = page.getByRole('slider', { name: /epsilon/ });
  for (const v of ['0.03', '0.07', '0.02']) await epsilon.fill(v);
  await expect(page.getByTestId('epsilon-value')).toHaveText('0.0200');
  // Restarted (t small again) and still running with ε = 0.02 until T.
  await expect(page.getByTestId('iteration')).toHaveText('50 / 50', { timeout: 120_000 });
  expect(await linf(page)).toBeLessThanOrEqual(0.02);
  expect(await linf(page)).toBeGreaterThan(0.015);
  await expect(page.getByTestId('prediction-chart')).toHaveAttribute('data-points', '51');
});

test('an uploaded PNG is centre-cropped to 256×256 and can be attacked', async ({ page }, info) => {
  await openLab(page, 'backend=wasm');
  await waitReady(page);
  // A wide PNG made from a gallery leaf: 384×256, so the crop matters.
  const leaf = decodeImageFile(`${leavesDir()}/test/diseased/${LEAF}.jpg`);
  const wide = new PNG({ width: 384, height: 256 });
  for (let y = 0; y < 256; y++) for (let x = 0; x < 384; x++) {
    const from = (y * 256 + Math.min(255, Math.max(0, x - 64))) * 4;
    wide.data.set(leaf.data.subarray(from, from + 4), (y * 384 + x) * 4);
  }
  await page.getByLabel('Use your own image').setInputFiles({ name: 'my-leaf.png', mimeType: 'image/png', buffer: PNG.sync.write(wide) });
  await expect(page.getByTestId('upload-info')).toContainText('my-leaf.png (384×256)');
  await expect(page.getByTestId('upload-info')).toContainText('cannot be shared in a link');
  await expect(page.getByRole('button', { name: /grape · diseased/ }).first()).toHaveAttribute('aria-pressed', 'false');
  // A leaf like the lab's is inside f's world: no notice once f has read it.
  await expect(page.getByTestId('verdict-inception_v3')).toBeVisible();
  await expect(page.getByTestId('world-warning')).toHaveCount(0);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('1 / 1');
  expect(await linf(page)).toBeLessThanOrEqual(0.01);
  await shot(page, info, 'upload');

  // Not an image: a clear message, and the previous image and setting stay.
  await page.getByLabel('Use your own image').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByTestId('notices')).toContainText('notes.txt is not an image');
  await expect(page.getByTestId('upload-info')).toContainText('my-leaf.png');
});

test("an image that is not a leaf raises the measured out-of-world notice; a gallery leaf clears it", async ({ page }, info) => {
  await openLab(page, 'backend=wasm');
  await waitReady(page);
  await expect(page.getByTestId('world-warning')).toHaveCount(0);
  const drawing = pngOf(256, 256, (x, y) => (Math.abs(Math.hypot(x - 128, y - 128) - 80) < 2 || Math.abs(x - y) < 2 ? [20, 20, 20, 255] : [250, 250, 250, 255]));
  await page.getByLabel('Use your own image').setInputFiles({ name: 'drawing.png', mimeType: 'image/png', buffer: drawing });
  await expect(page.getByTestId('upload-info')).toContainText('drawing.png');
  const notice = page.getByTestId('world-warning');
  await expect(notice).toContainText("f has not learned photos like this one");
  await expect(notice).toContainText('at least 95 % of the validation photos of each kind, lab and field');
  await shot(page, info, 'out-of-world');
  await page.getByRole('button', { name: /grape · diseased/ }).first().click();
  await expect(page.getByTestId('world-warning')).toHaveCount(0);
});

test('a copied URL reproduces the setting', async ({ page, context }) => {
  await openLab(page, 'backend=wasm');
  await page.getByTestId('leaf-apple__0329b50094').click();
  await page.getByRole('radio', { name: 'Black box' }).check();
  await page.getByRole('slider', { name: /epsilon/ }).fill('0.035');
  await page.getByRole('slider', { name: /iterations/ }).fill('7');
  await page.getByRole('combobox', { name: /Target label/ }).selectOption('diseased');
  await expect(page).toHaveURL(/T=7/);
  const copy = await context.newPage();
  await copy.goto(page.url());
  await expect(copy.getByRole('radio', { name: 'Black box' })).toBeChecked();
  await expect(copy.getByTestId('epsilon-value')).toHaveText('0.0350');
  await expect(copy.getByTestId('iterations-value')).toHaveText('7');
  await expect(copy.getByRole('combobox', { name: /Target label/ })).toHaveValue('1');
  await expect(copy.getByTestId('leaf-apple__0329b50094')).toHaveAttribute('aria-pressed', 'true');
});

test('software-only WebGL is never chosen silently: the page falls back to wasm', async ({ page }) => {
  // The worker's WebGL reports SwiftShader (dev server only), whatever GPU this machine has.
  await page.goto('/?softwareWebGL=1');
  await expect(page.getByTestId('backend')).toContainText('Backend: wasm');
  await expect(page.getByTestId('backend-skipped')).toContainText('webgl: WebGL is software-rendered');
});

test('a hostile link is clamped or ignored, with a visible notice', async ({ page }) => {
  await page.goto('/?backend=wasm&eps=1e9&T=abc&mode=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
  await expect(page.getByTestId('notices')).toContainText('eps=1e9 is out of range');
  await expect(page.getByTestId('notices')).toContainText('Ignored T=abc');
  await expect(page.getByTestId('notices')).toContainText('unknown attack mode');
  await expect(page.getByTestId('epsilon-value')).toHaveText('0.1000');
  await expect(page.getByRole('radio', { name: 'White box' })).toBeChecked();
});
