// `npm run figure`: the README's figure, drawn from the committed experiment results by the
// Experiment view's own chart (the same component students see), screenshotted in headless Chromium.
import path from 'node:path';
import { withSiteInChromium } from './lib/browser.ts';
import { RESULTS_DIR } from './lib/paths.ts';

const FIGURE = path.join(RESULTS_DIR, 'accuracy-vs-epsilon.png');

await withSiteInChromium(async (siteUrl, browser) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
  // The committed curves need no model: the page draws them before any model has loaded.
  await page.goto(`${siteUrl}?view=experiment&backend=wasm`);
  const chart = page.getByTestId('experiment-chart');
  await chart.locator('.recharts-line-curve').first().waitFor();
  await chart.screenshot({ path: FIGURE });
});
console.log(`figure: ${path.relative(process.cwd(), FIGURE)}`);
