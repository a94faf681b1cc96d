// The Experiment view in real Chromium: the committed curves at once, per data set, and a live re-run.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { COMMITTED_RESULTS } from '../src/experiment/results';
import { COMMITTED_ATTACKS, COMMITTED_BY_SET, COMMITTED_DEFENSES } from '../src/experiment/results/experiment-view';
import { DEFENSE_IDS } from '../src/defense/names';
import { interpretAttacks, summarizeAttacks } from '../src/experiment/attack-summary';
import { interpretDefenses, summarizeDefenses } from '../src/experiment/defense-summary';
import { dataSetDir } from '../scripts/lib/paths';
import { withInterval, type Proportion } from '../src/experiment/statistics';
import { series } from '../src/experiment/summary';
import { expectAccessible } from './axe';
import { pixelsOfColour } from './lab-page';
import { expect, test } from './fixtures';

const committed = COMMITTED_RESULTS.summaries['8bit'];
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const cellText = (p: Proportion) => withInterval(p).replace(' [', '[');

/** The chart's drawn lines: four series (the reference line for "no attack" is drawn apart). */
const curves = (page: Page) => page.getByTestId('experiment-chart').locator('.recharts-line-curve');

test('the Experiment tab shows the committed curves, table and white-box success rate without waiting for a model', async ({ page }, info) => {
  await page.goto('/?backend=wasm');
  await page.getByRole('button', { name: 'Experiment' }).click();
  await expect(page).toHaveURL(/view=experiment/);
  await expect(page.getByTestId('experiment-chart')).toContainText(`all ${committed.n} lab test images`);
  await expect(curves(page)).toHaveCount(4);
  for (const name of ['random sign noise', 'black box (made on g), T = 1', 'black box (made on g), T = 10', 'white box (made on f), T = 1']) {
    await expect(page.getByTestId('experiment-chart')).toContainText(name);
  }
  await expect(page.getByTestId('experiment-chart')).toContainText(`no attack: ${pct(committed.clean.value)}`);
  // The table holds the committed numbers with their intervals, row by row.
  const rows = page.getByTestId('experiment-table').locator('tbody tr');
  await expect(rows).toHaveCount(COMMITTED_RESULTS.plan.epsilons.length);
  for (const [i, r] of series(committed, 'blackbox', 1).entries()) await expect(rows.nth(i + 1).locator('td').nth(1)).toHaveText(cellText(r.accuracy));
  const w = committed.whiteboxSuccess!;
  await expect(page.getByTestId('whitebox-success')).toContainText(`${w.flips.k} of ${w.flips.n}`);
  await expect(page.getByTestId('interpretation')).toContainText(/T = 1 transfers better than T = 10 \(f less accurate, exact McNemar p < 0\.05\) at/);
  await expect(page.getByTestId('invisible-note')).toContainText('the 8-bit image is x⁰ itself');
  // Per direction: the chart and the table switch to the success rate from healthy leaves.
  await page.getByRole('radio', { name: 'success healthy → diseased' }).check();
  await expect(page.getByTestId('experiment-chart')).toHaveAttribute('data-measure', 'healthy');
  for (const [i, r] of series(committed, 'blackbox', 1).entries()) await expect(rows.nth(i).locator('td').nth(1)).toHaveText(cellText(r.flips.healthy));
  await expect(curves(page)).toHaveCount(4);
  // Float iterates: the other committed summary, and a sentence saying what they are.
  await page.getByRole('radio', { name: /float iterates/ }).check();
  const float = COMMITTED_RESULTS.summaries.float;
  for (const [i, r] of series(float, 'blackbox', 1).entries()) await expect(rows.nth(i).locator('td').nth(1)).toHaveText(cellText(r.flips.healthy));
  await expect(page.getByTestId('interpretation')).toContainText('These are the float iterates');
  await page.getByRole('radio', { name: "f's accuracy" }).check();
  await page.getByRole('radio', { name: /8-bit images/ }).check();
  await page.screenshot({ path: info.outputPath('experiment-committed.png'), fullPage: true });
  await expectAccessible(page);
  // The view survives a reload (it is in the URL), and the lab is one click away.
  await page.reload();
  await expect(curves(page)).toHaveCount(4);
  await page.getByRole('button', { name: 'Lab' }).click();
  await expect(page).not.toHaveURL(/view=experiment/);
});

test('the stronger attacks and the defenses under attack show their committed numbers, one chart per defense', async ({ page }, info) => {
  const attacks = summarizeAttacks(COMMITTED_ATTACKS);
  const defenses = summarizeDefenses(COMMITTED_DEFENSES);
  await page.goto('/?view=experiment&backend=wasm');
  const table = page.getByTestId('attacks-table');
  // Made on g: one row per transfer attack, then the white box on f; each cell the committed accuracy with its interval.
  await expect(table.locator('tbody tr')).toHaveCount(COMMITTED_ATTACKS.plan.transfer.attacks.length + COMMITTED_ATTACKS.plan.whitebox.attacks.length);
  const momentum = table.locator('tbody tr', { hasText: 'MI-FGSM' });
  const eps = COMMITTED_ATTACKS.plan.transfer.epsilons.at(-1)!;
  const row = attacks.transfer.find((r) => r.attack.method === 'mifgsm' && r.eps === eps)!;
  await expect(momentum).toContainText(cellText(row.accuracy));
  for (const q of attacks.query) await expect(page.getByTestId('query-table')).toContainText(cellText(q.success));
  await expect(page.getByTestId('attacks-interpretation')).toContainText(interpretAttacks(attacks)[0]);
  for (const d of DEFENSE_IDS) await expect(page.getByTestId(`defense-chart-${d}`).locator('.recharts-line-curve')).toHaveCount(3);
  for (const s of interpretDefenses(defenses)) await expect(page.getByTestId('defense-interpretation')).toContainText(s);
  // Both were made with the heads the lab runs now (unlike the transferability run above them).
  for (const id of ['stronger-attacks', 'defense-results']) await expect(page.getByTestId(id)).toContainText('Made with the heads the lab uses now.');
  await page.getByTestId('defense-results').scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('experiment-defenses.png') });
  await expectAccessible(page);
});

test('the Experiment chart saves as PNG and SVG with what is on screen, and its numbers as CSV', async ({ page }) => {
  await page.goto('/?view=experiment&backend=wasm');
  await expect(curves(page)).toHaveCount(4);
  const save = async (name: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    return { file: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
  };
  // CSV: each black-box T = 1 accuracy, as the table prints it.
  const csv = await save('Data as CSV');
  expect(csv.file).toBe('adversarial-leaves-lab-accuracy-8bit.csv');
  const [header, ...lines] = csv.bytes.toString('utf8').trimEnd().split('\n').map((l) => l.split(','));
  const column = (line: string[], name: string) => Number(line[header.indexOf(name)]);
  const tableRows = page.getByTestId('experiment-table').locator('tbody tr');
  for (const [i, r] of series(committed, 'blackbox', 1).entries()) {
    const line = lines.find((l) => l[header.indexOf('method')] === 'blackbox' && column(l, 'eps') === r.eps && column(l, 'T') === 1)!;
    const fromCsv = { ...r.accuracy, value: column(line, 'accuracy'), low: column(line, 'accuracy_low'), high: column(line, 'accuracy_high') };
    await expect(tableRows.nth(i + 1).locator('td').nth(1)).toHaveText(cellText(fromCsv));
  }
  // SVG: the caption, the legend, the clean line's label and the ε ticks are all in it.
  const svg = (await save('Chart as SVG')).bytes.toString('utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  for (const text of [`all ${committed.n} lab test images`, 'random sign noise', 'white box (made on f), T = 1', `no attack: ${pct(committed.clean.value)}`, '0.0025', '0.08']) expect(svg).toContain(text);
  // PNG: the same drawing at twice the size, every line's colour in it.
  const png = PNG.sync.read((await save('Chart as PNG')).bytes);
  const box = (await page.getByTestId('experiment-chart').locator('.recharts-wrapper').boundingBox())!;
  expect(png.width).toBe(2 * Math.round(box.width));
  for (const colour of [[0x00, 0x72, 0xb2], [0xe6, 0x9f, 0x00], [0xd5, 0x5e, 0x00]] as [number, number, number][]) expect(pixelsOfColour(png, colour)).toBeGreaterThan(100);
});

test('choosing field photos shows their n, and their committed run or a sentence that there is none yet', async ({ page }, info) => {
  // The field photos' test split, as the data says (manifest.csv), not as the page says.
  const n = fs.readFileSync(path.join(dataSetDir('field'), 'manifest.csv'), 'utf8').split('\n').filter((l) => l.includes(',test,')).length;
  const field = COMMITTED_BY_SET.field;
  await page.goto('/?view=experiment&backend=wasm');
  await expect(page.getByRole('radio', { name: 'lab photos' })).toBeChecked();
  await expect(page.getByTestId('experiment-chart')).toContainText(`all ${committed.n} lab test images`);
  await page.getByRole('radio', { name: 'field photos' }).check();
  if (field) {
    await expect(page.getByTestId('experiment-chart')).toContainText(`all ${n} field test images`);
    await expect(page.getByTestId('experiment-table').locator('tbody tr')).toHaveCount(field.plan.epsilons.length);
  } else {
    await expect(page.getByTestId('experiment-not-run')).toContainText(`The experiment has not been run on the ${n} field test images`);
    await expect(page.getByTestId('experiment-not-run')).toContainText('npm run experiment -- --set field');
    // No numbers where nothing was run: no chart, table or white-box claim.
    await expect(page.getByTestId('experiment-chart')).toHaveCount(0);
    await expect(page.getByTestId('experiment-table')).toHaveCount(0);
    await expect(page.getByTestId('whitebox-success')).toHaveCount(0);
  }
  // "Run it yourself" offers the field photos' own sizes, up to all of them.
  await expect(page.getByTestId('run-size').locator('option').last()).toHaveText(`all ${n}`);
  await expectAccessible(page);
  for (const [width, height] of [[1440, 900], [390, 844]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: info.outputPath(`experiment-field-${width}.png`), fullPage: true });
  }
  await page.getByRole('radio', { name: 'lab photos' }).check();
  await expect(page.getByTestId('experiment-chart')).toContainText(`all ${committed.n} lab test images`);
  await expect(page.getByTestId('run-size').locator('option').last()).toHaveText(`all ${committed.n}`);
});

test('wasm: "Run it yourself" on 4 test images completes and plots its own curves; Cancel stops a run', async ({ page }, info) => {
  // Four images, each attacked 48 ways and judged as 8-bit and float: minutes of wasm on 2 cores.
  test.setTimeout(20 * 60_000);
  await page.goto('/?view=experiment&backend=wasm');
  await page.getByTestId('run-size').selectOption('4');
  const runButton = page.getByRole('button', { name: 'Run on 4 images' });
  await expect(runButton).toBeEnabled({ timeout: 300_000 }); // both models loaded
  await runButton.click();
  const progress = page.getByTestId('experiment-progress');
  await expect(progress).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('experiment-chart')).toContainText('1 of 4 lab test images');
  await expect(progress).toHaveAttribute('data-status', 'done', { timeout: 600_000 });
  await expect(page.getByTestId('experiment-chart')).toContainText('4 of 4 lab test images');
  await expect(page.getByTestId('experiment-table')).toContainText("f's accuracy on 4 test images");
  // Live lines on top of the faded committed ones.
  await expect(curves(page)).toHaveCount(8);
  await page.screenshot({ path: info.outputPath('experiment-live.png'), fullPage: true });
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Run on 4 images' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveAttribute('data-status', 'cancelled');
  const text = await progress.textContent();
  // An image that was being computed must not be added afterwards. The worker answers calls in
  // order, so once a lab step made after Cancel is on screen, that image's answer has come back.
  await page.getByRole('button', { name: 'Lab' }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText(/^1 \/ \d+$/, { timeout: 300_000 });
  await page.getByRole('button', { name: 'Experiment' }).click();
  await expect(progress).toHaveText(text!);
  await expect(page.getByTestId('run-experiment')).toBeEnabled();
});
