// WebGPU, on the software adapter headless Chromium offers here (SwiftShader: e2e/chromium.ts):
// refused for users as software WebGL is, and where a test asks for it, the same logits and
// gradients as on cpu. (The page tries WebGPU only when the link asks: src/backend/names.ts.)
import { gradientAgreement } from '../src/models/compare';
import { MODEL_IDS, type ModelId } from '../src/models/specs';
import { expect, openHarness, test } from './fixtures';
import { LEAF } from './lab-page';

test('?backend=webgpu without allowSoftwareWebGPU: no backend starts, and the page says why', async ({ page }) => {
  await page.goto('/?backend=webgpu');
  await expect(page.getByText(/no tfjs backend could start \(webgpu: the WebGPU adapter is a software fallback/)).toBeVisible();
});

/** Our logits and gradient for the grape leaf, towards "healthy", on one backend of a fresh harness page. */
async function gradients(page: import('@playwright/test').Page, backend: 'webgpu' | 'cpu') {
  expect((await openHarness(page, backend)).backend).toBe(backend);
  const out: Partial<Record<ModelId, { grad: number[]; logits: number[] }>> = {};
  for (const id of MODEL_IDS) out[id] = await page.evaluate(([m, u]) => window.harness.gradient(m, u, 0), [id, `gallery/${LEAF}.png`] as const);
  return out as Record<ModelId, { grad: number[]; logits: number[] }>;
}

test("webgpu: both models' logits and gradients equal cpu's (logits within 1e-3; gradient signs ≥ 99.9 %, relative L2 ≤ 2e-2)", async ({ page }) => {
  // The bounds are webgl's for the logits (models.spec.ts) and wasm's against cpu for the gradient
  // (src/models/classifier.test.ts): GPU kernels round differently, which moves a few ReLU boundaries.
  const gpu = await gradients(page, 'webgpu');
  const cpu = await gradients(page, 'cpu');
  for (const id of MODEL_IDS) {
    expect(gpu[id].grad.some((v) => !Number.isFinite(v)), `${id}: NaN or ∞ in the gradient`).toBe(false);
    for (let k = 0; k < 2; k++) expect(Math.abs(gpu[id].logits[k] - cpu[id].logits[k]), `${id} logit ${k}`).toBeLessThanOrEqual(1e-3);
    const { relL2, sameSign } = gradientAgreement(gpu[id].grad, cpu[id].grad);
    test.info().annotations.push({ type: id, description: `logits ${gpu[id].logits.join(', ')} vs ${cpu[id].logits.join(', ')}; relL2 ${relL2.toExponential(2)}, same sign ${sameSign}` });
    expect(sameSign, id).toBeGreaterThanOrEqual(0.999);
    expect(relL2, id).toBeLessThanOrEqual(2e-2);
  }
});
