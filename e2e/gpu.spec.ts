// GPU trouble (WebGPU's software adapter refused first, as for users): no WebGL at all, software-only WebGL, and the WebGL context lost in the middle of
// a run. The page falls back to wasm or recovers on a new context, and says so.
import { expect, test } from './fixtures';

const LEAF = 'grape__00e46ac798';

test('no WebGL at all: the page falls back to wasm, says why, and the attack runs', async ({ page }, info) => {
  // ?disableWebGL=1 (dev server only) takes WebGL out of the worker: Chromium's --disable-webgl
  // only reaches the main thread, not a worker's OffscreenCanvas.
  await page.goto(`/?disableWebGL=1&image=${LEAF}&mode=blackbox`);
  await expect(page.getByTestId('backend')).toContainText('Backend: wasm');
  await expect(page.getByTestId('backend-notice')).toHaveText(
    // WebGPU was tried first: the only adapter here is SwiftShader's (e2e/chromium.ts), refused too.
    'No usable GPU here (no WebGL 2; the WebGPU adapter is a software fallback (google swiftshader)): the models run on WebAssembly on the CPU: slower than a GPU, same results.',
  );
  await expect(page.getByTestId('model-mobilenet_v2')).toContainText('ready');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('1 / 1');
  await page.screenshot({ path: info.outputPath('no-webgl.png') });
});

test('software-only WebGL: the page falls back to wasm and says that WebGL is software-rendered', async ({ page }) => {
  // ?softwareWebGL=1 (dev server only) makes the worker's WebGL report SwiftShader as its renderer,
  // so the page's own check refuses it here as it would on a machine without a GPU, even on one with.
  await page.goto('/?softwareWebGL=1');
  await expect(page.getByTestId('backend')).toContainText('Backend: wasm');
  await expect(page.getByTestId('backend-notice')).toContainText('No usable GPU here (WebGL is software-rendered');
  await expect(page.getByTestId('backend-notice')).toContainText('the models run on WebAssembly');
});

test('the WebGL context lost mid-run: a new context, the model reloaded, the run goes on with the same image and setting', async ({ page }, info) => {
  // Only the substitute g, to keep software WebGL fast: InceptionV3's shaders take minutes here.
  await page.route('**/models/inception_v3/**', (route) => route.fulfill({ status: 404 }));
  await page.goto(`/?backend=webgl&allowSoftwareWebGL=1&image=${LEAF}&mode=blackbox&eps=0.02&T=15`);
  await expect(page.getByTestId('backend')).toContainText('Backend: webgl');
  await expect(page.getByTestId('model-mobilenet_v2')).toContainText('ready');
  await expect(page.getByTestId('iteration')).toHaveText('0 / 15');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText(/^[2-5] \/ 15$/);

  const lab = page.workers().find((w) => w.url().includes('lab.worker'))!;
  expect(await lab.evaluate(() => (self as unknown as { loseContextForTest(): boolean }).loseContextForTest())).toBe(true);
  await expect(page.getByTestId('backend-notice')).toContainText("The GPU's WebGL context was lost, taking the loaded models with it. Reloading them on a new context");
  await page.screenshot({ path: info.outputPath('context-lost.png') });
  await expect(page.getByTestId('model-mobilenet_v2')).toContainText('ready');
  await expect(page.getByTestId('backend')).toContainText('Backend: webgl');
  // Running again from x⁰ on the new context, to the end, with the same image and setting.
  await expect(page.getByRole('button', { name: 'Pause' })).toBeEnabled();
  await expect(page.getByTestId('iteration')).toHaveText('15 / 15');
  await expect(page.getByTestId(`leaf-${LEAF}`)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('epsilon-value')).toHaveText('0.0200');
  await expect(page.getByRole('radio', { name: 'Black box' })).toBeChecked();
  expect(Number(await page.getByTestId('linf').textContent())).toBeLessThanOrEqual(0.02);
  await expect(page.getByTestId('prediction-chart')).toHaveAttribute('data-points', '16');
});
