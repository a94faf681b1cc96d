// The model code in real Chromium: same pixels and logits as in Node; the webgl gradient against
// finite differences, and against stock where stock is right.
import * as tf from '@tensorflow/tfjs';
import { loadCanonical } from '../scripts/lib/leaves';
import { loadClassifierNode } from '../scripts/lib/load-models';
import { setNodeBackend } from '../scripts/lib/node-tf';
import { leavesDir } from '../scripts/lib/paths';
import { gradientAgreement } from '../src/models/compare';
import { MODEL_IDS, type ModelId } from '../src/models/specs';
import { expect, openHarness, test } from './fixtures';

// Gallery leaves as the browser gets them (PNG built from the JPEG) and as Node reads them (the JPEG).
const LEAVES = ['grape__00e46ac798', 'apple__0329b50094', 'citrus__022005be5e'];
const jpegOf = (id: string, label: string) => `${leavesDir()}/test/${label}/${id}.jpg`;

async function nodeLogits(id: ModelId, leaf: string, label: string): Promise<number[]> {
  await setNodeBackend('cpu');
  const classifier = await loadClassifierNode(id);
  const x = loadCanonical(jpegOf(leaf, label));
  const logits = classifier.logits(x);
  const out = Array.from(logits.dataSync());
  tf.dispose([x, logits]);
  classifier.dispose();
  return out;
}

for (const backend of ['webgl', 'wasm'] as const) {
  test(`${backend}: the browser computes the same logits as Node for the same leaves (within 1e-3)`, async ({ page }) => {
    const info = await openHarness(page, backend);
    expect(info.backend).toBe(backend);
    const gallery = (await (await page.request.get('/gallery/gallery.json')).json()) as { id: string; label: string }[];
    for (const id of MODEL_IDS) {
      for (const leaf of LEAVES) {
        const { label } = gallery.find((g) => g.id === leaf)!;
        const browser = await page.evaluate(([m, url]) => window.harness.logits(m, url), [id, `gallery/${leaf}.png`] as const);
        const node = await nodeLogits(id, leaf, label);
        for (let k = 0; k < 2; k++) expect(Math.abs(browser[k] - node[k]), `${id} ${leaf} logit ${k}`).toBeLessThanOrEqual(1e-3);
      }
    }
  });
}

// Stock tf.grad is a fair reference only where tfjs's gradient kernels are right: InceptionV3 has
// padded average pools, whose stock gradient divides by the full window (see executor.ts).
test('webgl: MobileNetV2\'s gradient equals tfjs stock tf.grad on the same backend (relative L2 ≤ 1e-4, sign ≥ 99.9%)', async ({ page }) => {
  const info = await openHarness(page, 'webgl');
  expect(info.backend).toBe('webgl');
  const url = `gallery/${LEAVES[0]}.png`;
  const ours = await page.evaluate(([u]) => window.harness.gradient('mobilenet_v2', u, 0), [url] as const);
  const stock = await page.evaluate(([u]) => window.harness.stockGradient('mobilenet_v2', u, 0), [url] as const);
  expect(ours.grad.some((v) => Number.isNaN(v))).toBe(false);
  const { relL2, sameSign } = gradientAgreement(ours.grad, stock);
  expect(relL2).toBeLessThanOrEqual(1e-4);
  expect(sameSign).toBeGreaterThanOrEqual(0.999);
});

test('webgl: both models\' directional derivatives, on the border and the interior, agree with finite differences of their loss (≤ 1 %)', async ({ page }) => {
  const info = await openHarness(page, 'webgl');
  expect(info.backend).toBe('webgl');
  for (const id of MODEL_IDS) {
    for (const region of ['border', 'interior'] as const) {
      const { ours, reference } = await page.evaluate(([m, u, r]) => window.harness.directionalDerivative(m, u, 0, r, 8, 1e-5), [id, `gallery/${LEAVES[0]}.png`, region] as const);
      expect(Math.abs(ours - reference) / Math.abs(reference), `${id} ${region}`).toBeLessThanOrEqual(0.01);
    }
  }
});
