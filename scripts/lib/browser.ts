// For scripts that drive the site in headless Chromium (benchmark, figure): Vite's dev server on a
// free port and Debian's Chromium, both closed afterwards whatever happens.
import { chromium, type Browser } from '@playwright/test';
import { createServer } from 'vite';
import { CHROMIUM_LAUNCH } from '../../e2e/chromium.ts';

export async function withSiteInChromium<T>(task: (siteUrl: string, browser: Browser) => Promise<T>): Promise<T> {
  const server = await createServer({ server: { port: 0, strictPort: false }, logLevel: 'error' });
  await server.listen();
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    return await task(server.resolvedUrls!.local[0], browser);
  } finally {
    await browser.close();
    await server.close();
  }
}
