// The first page in real Chromium: backend choice, both classifiers loading, gallery predictions.
import * as tf from '@tensorflow/tfjs';
import { loadCanonical } from '../scripts/lib/leaves';
import { loadClassifierNode } from '../scripts/lib/load-models';
import { setNodeBackend } from '../scripts/lib/node-tf';
import { leavesDir } from '../scripts/lib/paths';
import { CLASS_NAMES } from '../src/config';
import { MODEL_IDS, type ModelId } from '../src/models/specs';
import { expect, test } from './fixtures';

/** What Node predicts for a gallery leaf (from its JPEG), per model. */
async function nodeLabels(file: string): Promise<Record<ModelId, string>> {
  await setNodeBackend('wasm');
  const out = {} as Record<ModelId, string>;
  for (const id of MODEL_IDS) {
    const classifier = await loadClassifierNode(id);
    const x = loadCanonical(`${leavesDir()}/${file}`);
    out[id] = CLASS_NAMES[tf.tidy(() => tf.argMax(classifier.logits(x), 1).dataSync()[0])];
    x.dispose();
    classifier.dispose();
  }
  return out;
}

for (const backend of ['webgl', 'wasm'] as const) {
  test(`${backend}: loads both classifiers with byte progress and classifies gallery leaves`, async ({ page }, testInfo) => {
    await page.goto(`/?backend=${backend}&allowSoftwareWebGL=1`);
    await expect(page.getByTestId('backend')).toContainText(`Backend: ${backend}`);
    await expect(page.locator('[data-testid=model-inception_v3] progress')).toBeVisible();
    for (const id of MODEL_IDS) await expect(page.getByTestId(`model-${id}`)).toContainText('parameters');
    await page.screenshot({ path: testInfo.outputPath(`first-page-${backend}.png`), fullPage: true });

    // The default leaf is the gallery's first; then pick a diseased one.
    for (const [leaf, file] of [
      ['apple__0329b50094', 'test/healthy/apple__0329b50094.jpg'],
      ['grape__00e46ac798', 'test/diseased/grape__00e46ac798.jpg'],
    ]) {
      await page.getByTestId(`leaf-${leaf}`).click();
      await expect(page.getByTestId(`leaf-${leaf}`)).toHaveAttribute('aria-pressed', 'true');
      const expected = await nodeLabels(file);
      for (const id of MODEL_IDS) {
        await expect(page.getByTestId(`prediction-${id}`)).toHaveAttribute('data-label', expected[id]);
        const [healthy, diseased] = await Promise.all(
          CLASS_NAMES.map(async (c) => parseFloat((await page.getByTestId(`prob-${id}-${c}`).textContent())!)),
        );
        expect(healthy + diseased).toBeCloseTo(100, 1);
      }
    }
    await page.screenshot({ path: testInfo.outputPath(`diseased-leaf-${backend}.png`), fullPage: true });
  });
}

test('software-only WebGL is never chosen silently: the page falls back to wasm', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('backend')).toContainText('Backend: wasm');
  await expect(page.getByTestId('backend-skipped')).toContainText('webgl: WebGL is software-rendered');
});
