// Shared e2e helpers: fail a test on any console error or unhandled rejection in the page.
import { test as base, expect, type Page } from '@playwright/test';

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
