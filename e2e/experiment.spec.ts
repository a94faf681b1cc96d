// The Experiment view in real Chromium: the committed curves at once, and a live re-run.
import type { Page } from '@playwright/test';
import { COMMITTED_RESULTS } from '../src/experiment/results';
import { summarize } from '../src/experiment/summary';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';

const committed = summarize(COMMITTED_RESULTS);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The chart's drawn lines: four series (the reference line for "no attack" is drawn apart). */
const curves = (page: Page) => page.getByTestId('experiment-chart').locator('.recharts-line-curve');

test('the Experiment tab shows the committed curves, table and white-box success rate without waiting for a model', async ({ page }, info) => {
  await page.goto('/?backend=wasm');
  await page.getByRole('button', { name: 'Experiment' }).click();
  await expect(page).toHaveURL(/view=experiment/);
  await expect(page.getByTestId('experiment-chart')).toContainText(`all ${committed.n} test images`);
  await expect(curves(page)).toHaveCount(4);
  for (const name of ['random sign noise', 'black box (made on g), T = 1', 'black box (made on g), T = 10', 'white box (made on f), T = 1']) {
    await expect(page.getByTestId('experiment-chart')).toContainText(name);
  }
  await expect(page.getByTestId('experiment-chart')).toContainText(`no attack: ${pct(committed.rows[0].accuracy)}`);
  // The table holds the committed numbers, row by row.
  const rows = page.getByTestId('experiment-table').locator('tbody tr');
  await expect(rows).toHaveCount(COMMITTED_RESULTS.plan.epsilons.length);
  const blackboxOneStep = committed.rows.filter((r) => r.method === 'blackbox' && r.T === 1);
  for (const [i, r] of blackboxOneStep.entries()) await expect(rows.nth(i + 1).locator('td').nth(1)).toHaveText(pct(r.accuracy));
  const w = committed.whiteboxSuccess!;
  await expect(page.getByTestId('whitebox-success')).toContainText(`${w.flipped} of ${w.correct}`);
  await expect(page.getByTestId('interpretation')).toContainText(/T = 1 transfers better than T = 10 at \d of \d values of ε/);
  await page.screenshot({ path: info.outputPath('experiment-committed.png'), fullPage: true });
  await expectAccessible(page);
  // The view survives a reload (it is in the URL), and the lab is one click away.
  await page.reload();
  await expect(curves(page)).toHaveCount(4);
  await page.getByRole('button', { name: 'Lab' }).click();
  await expect(page).not.toHaveURL(/view=experiment/);
});

test('wasm: "Run it yourself" on 4 test images completes and plots its own curves; Cancel stops a run', async ({ page }, info) => {
  await page.goto('/?view=experiment&backend=wasm');
  await page.getByTestId('run-size').selectOption('4');
  const runButton = page.getByRole('button', { name: 'Run on 4 images' });
  await expect(runButton).toBeEnabled({ timeout: 300_000 }); // both models loaded
  await runButton.click();
  const progress = page.getByTestId('experiment-progress');
  await expect(progress).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('experiment-chart')).toContainText('1 of 4 test images');
  await expect(progress).toHaveAttribute('data-status', 'done', { timeout: 600_000 });
  await expect(page.getByTestId('experiment-chart')).toContainText('4 of 4 test images');
  await expect(page.getByTestId('experiment-table')).toContainText('Accuracy on 4 test images');
  // Live lines on top of the faded committed ones.
  await expect(curves(page)).toHaveCount(8);
  await page.screenshot({ path: info.outputPath('experiment-live.png'), fullPage: true });
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Run on 4 images' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveAttribute('data-status', 'cancelled');
  const text = await progress.textContent();
  await page.waitForTimeout(5_000); // an image that was being computed must not be added afterwards
  await expect(progress).toHaveText(text!);
  await expect(page.getByRole('button', { name: 'Run on 4 images' })).toBeEnabled();
});
