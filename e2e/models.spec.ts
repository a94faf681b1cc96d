// The model code in real Chromium: same pixels and logits as in Node, and the webgl gradient.
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

async function nodeReference(id: ModelId, leaf: string, label: string, target: number) {
  await setNodeBackend('cpu');
  const classifier = await loadClassifierNode(id);
  const x = loadCanonical(jpegOf(leaf, label));
  const r = classifier.lossGradient(x, target);
  const out = { logits: Array.from(r.logits.dataSync()), grad: r.grad.dataSync() };
  tf.dispose([x, r.grad, r.logits, r.loss]);
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
        const node = await nodeReference(id, leaf, label, 0);
        for (let k = 0; k < 2; k++) expect(Math.abs(browser[k] - node.logits[k]), `${id} ${leaf} logit ${k}`).toBeLessThanOrEqual(1e-3);
      }
    }
  });
}

test('webgl: our gradient matches the cpu gradient in sign (≥ 99.9%) and closely in L2', async ({ page }) => {
  // Our cpu gradient equals tfjs's stock tf.grad to 1e-4 (src/models/classifier.test.ts); webgl
  // rounds the forward pass differently, which moves a few ReLU boundaries, so L2 is looser here.
  const info = await openHarness(page, 'webgl');
  expect(info.backend).toBe('webgl');
  for (const id of MODEL_IDS) {
    const browser = await page.evaluate(([m, url]) => window.harness.gradient(m, url, 0), [id, `gallery/${LEAVES[0]}.png`] as const);
    const node = await nodeReference(id, LEAVES[0], 'diseased', 0);
    expect(browser.grad.some((v) => Number.isNaN(v))).toBe(false);
    const { relL2, sameSign } = gradientAgreement(browser.grad, node.grad);
    expect(sameSign, id).toBeGreaterThanOrEqual(0.999);
    expect(relL2, id).toBeLessThanOrEqual(2e-2);
  }
});
