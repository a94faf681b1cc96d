// Shared e2e helpers: fail a test on any console error or unhandled rejection in the page, and on
// any request that leaves the page's own origin (such requests are also answered locally, so
// nothing ever leaves the machine).
import { test as base, expect, type Page } from '@playwright/test';
import type { BackendName } from '../src/backend/names';

/** Answered here with an empty 204 instead of going out: the check below still fails the test. */
const offMachine = (url: URL) => /^(https?|wss?):$/.test(url.protocol) && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

export const test = base.extend<{ pageErrors: string[]; foreignRequests: string[] }>({
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
  /**
   * Every network request (pages and their workers) whose origin is neither the test server's
   * nor a local one a test navigated a page or frame to (e.g. `vite preview`'s), as it happens.
   */
  foreignRequests: [
    async ({ context, baseURL }, use) => {
      const own = new Set([new URL(baseURL!).origin]);
      const foreign: string[] = [];
      context.on('request', (r) => {
        const url = new URL(r.url());
        if (!/^(https?|wss?):$/.test(url.protocol)) return;
        if (r.isNavigationRequest() && !offMachine(url)) own.add(url.origin);
        else if (!own.has(url.origin)) foreign.push(url.href);
      });
      await context.route(offMachine, (route) => route.fulfill({ status: 204 }));
      await use(foreign);
      expect(foreign, "requests outside the page's own origin").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Opens the model harness page (e2e/harness) on a backend and returns that backend's info. */
export async function openHarness(page: Page, backend: BackendName) {
  await page.goto('/e2e/harness/index.html');
  await page.waitForFunction(() => 'harness' in window);
  return page.evaluate((b) => window.harness.selectBackend(b), backend);
}
