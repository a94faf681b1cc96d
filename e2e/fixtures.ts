// Shared e2e helpers: fail a test on any console error or unhandled rejection in the page.
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';

export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await use(errors);
      expect(errors, 'console errors or unhandled rejections in the page').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Opens the model harness page (e2e/harness) on a backend and returns that backend's info. */
export async function openHarness(page: Page, backend: 'webgl' | 'wasm' | 'cpu') {
  await page.goto('/e2e/harness/index.html');
  await page.waitForFunction(() => 'harness' in window);
  return page.evaluate((b) => window.harness.selectBackend(b), backend);
}

/** A diseased grape leaf from the gallery that one white-box step at ε = 0.01 flips. */
export const LEAF = 'grape__00e46ac798';

/** Opens the app with `query` and waits for the first frame (x⁰). */
export async function openLab(page: Page, query: string, path = '/') {
  await page.goto(`${path}?${query}`);
  await expect(page.getByTestId('iteration')).toHaveText(/^0 \/ \d+$/, { timeout: 300_000 });
}

/** Both models loaded, and the frame on screen already has f's verdict. */
export async function waitReady(page: Page) {
  for (const id of ['inception_v3', 'mobilenet_v2']) await expect(page.getByTestId(`model-${id}`)).toContainText('ready');
  await expect(page.getByTestId('verdict-inception_v3')).toBeVisible();
}

/** A full-page screenshot under test-results/ (open it and look). */
export const shot = (page: Page, info: TestInfo, name: string) => page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
