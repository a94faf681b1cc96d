// WebGPU, on the software adapter headless Chromium offers here (SwiftShader: e2e/chromium.ts):
// refused for users as software WebGL is; where a test allows it, the page picks it first by
// itself, the lab attacks on it, and its logits and gradients are cpu's.
import { gradientAgreement } from '../src/models/compare';
import { MODEL_IDS, type ModelId } from '../src/models/specs';
import { expect, openHarness, test } from './fixtures';
import { LEAF, linf, openLab } from './lab-page';

test('?backend=webgpu without allowSoftwareWebGPU: no backend starts, and the page says why', async ({ page }) => {
  await page.goto('/?backend=webgpu');
  await expect(page.getByText(/no tfjs backend could start \(webgpu: the WebGPU adapter is a software fallback/)).toBeVisible();
});

test('WebGPU first: with no backend named, the lab runs on webgpu and a white-box step flips f, L∞ ≤ ε on screen', async ({ page }) => {
  // Only f, which the white box attacks: g's shaders would double the wait on this software GPU.
  await page.route('**/models/mobilenet_v2/**', (route) => route.fulfill({ status: 404 }));
  // InceptionV3's first gradient on SwiftShader's WebGPU compiles hundreds of shaders on the CPU.
  await openLab(page, `allowSoftwareWebGPU=1&image=${LEAF}`, '/', 9 * 60_000);
  await expect(page.getByTestId('backend')).toContainText('Backend: webgpu');
  await expect(page.getByTestId('model-inception_v3')).toContainText('ready');
  await expect(page.getByTestId('verdict-inception_v3')).toBeVisible();
  await page.getByRole('button', { name: 'White box, ε = 0.01, T = 1' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('1 / 1');
  await expect(page.getByTestId('verdict-inception_v3')).toContainText('flipped');
  expect(await linf(page)).toBeLessThanOrEqual(0.01);
  // Every read from the GPU was asynchronous: no device lost on the way, still on webgpu.
  await expect(page.getByTestId('backend')).toContainText('Backend: webgpu');
  await expect(page.getByTestId('backend-notice')).toHaveCount(0);
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
