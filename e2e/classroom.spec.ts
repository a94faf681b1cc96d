// Presenting and sharing, as an instructor uses them: presenter mode driven from the keyboard, the
// `?` list, slow motion, the "Copy link" button, and no serious accessibility problems on the way.
// Screenshots of presenter mode go to test-results/ (open them and look).
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { LEAF, openLab, shot, waitReady } from './lab-page';

const iteration = (page: Page) => page.getByTestId('iteration');
const fontSize = (page: Page, testId: string) => page.getByTestId(testId).evaluate((e) => parseFloat(getComputedStyle(e).fontSize));

/** Records when the iteration readout changes, in page time (ms), to measure slow motion. */
async function recordIterations(page: Page) {
  await page.evaluate(() => {
    const log: [number, string][] = ((window as unknown as { iterationLog: [number, string][] }).iterationLog = []);
    const target = document.querySelector('[data-testid="iteration"]')!;
    new MutationObserver(() => log.push([performance.now(), target.textContent ?? ''])).observe(target, { childList: true, characterData: true, subtree: true });
  });
  return async () => {
    const log = await page.evaluate(() => (window as unknown as { iterationLog: [number, string][] }).iterationLog);
    return log.filter(([, text], i) => i === 0 || text !== log[i - 1][1]);
  };
}

test.use({ viewport: { width: 1920, height: 1080 } });

test('presenter mode: large type, full screen, every shortcut drives the lab, ? lists them', async ({ page }, info) => {
  await openLab(page, `backend=wasm&image=${LEAF}`);
  await waitReady(page);
  await expectAccessible(page);
  const labSize = await fontSize(page, 'iteration');

  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page).toHaveURL(/present=1/);
  await expect(page.getByRole('heading', { name: 'Attacking: grape leaf, diseased' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Leaf gallery' })).toBeHidden();
  expect(await fontSize(page, 'iteration')).toBeGreaterThanOrEqual(1.6 * labSize);
  await expect.poll(() => page.evaluate(() => Boolean(document.fullscreenElement))).toBe(true);
  await expect(page.getByRole('button', { name: 'Full screen' })).toHaveAttribute('aria-pressed', 'true');

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const text of ['Run / pause', 'One step', 'Next gallery leaf', 'White box / black box / random noise']) await expect(help).toContainText(text);
  await expectAccessible(page);
  await shot(page, info, 'presenter-shortcuts');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('2');
  await expect(page.getByRole('radio', { name: 'Black box' })).toBeChecked();
  for (let i = 0; i < 3; i++) await page.keyboard.press(']');
  await expect(page.getByTestId('iterations-value')).toHaveText('4');
  await page.keyboard.press('[');
  await expect(page.getByTestId('iterations-value')).toHaveText('3');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('epsilon-value')).toHaveText('0.0110');
  await expect(page).toHaveURL(/mode=blackbox/);

  await page.keyboard.press('ArrowRight');
  await expect(iteration(page)).toHaveText('1 / 3');
  await page.keyboard.press('r');
  await expect(iteration(page)).toHaveText('0 / 3');
  await page.keyboard.press(' ');
  await expect(iteration(page)).toHaveText('3 / 3');
  await expect(page.getByTestId('verdict-mobilenet_v2')).toBeVisible();
  expect(Number(await page.getByTestId('linf').textContent())).toBeLessThanOrEqual(0.011);
  await expectAccessible(page);
  await shot(page, info, 'presenter');

  await page.keyboard.press('3');
  await expect(page.getByRole('radio', { name: 'Random noise' })).toBeChecked();
  await page.keyboard.press('1');
  await expect(page.getByRole('radio', { name: 'White box' })).toBeChecked();
  await page.keyboard.press('g');
  await expect(page).not.toHaveURL(new RegExp(LEAF));
  await expect(page.getByRole('heading', { name: /^Attacking: / })).not.toHaveText('Attacking: grape leaf, diseased');

  // Typing in a field is never a shortcut: the slider keeps its own arrow keys.
  await page.getByRole('slider', { name: /iterations/ }).focus();
  await page.keyboard.press('r');
  await expect(page.getByRole('radio', { name: 'White box' })).toBeChecked();

  await page.getByRole('button', { name: 'Exit presenter mode' }).click();
  await expect(page).not.toHaveURL(/present=1/);
  await expect(page.getByRole('list', { name: 'Leaf gallery' })).toBeVisible();
  // Back in the lab the keys are the page's again: → does not step.
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(1000);
  await expect(iteration(page)).toHaveText('0 / 3');
});

test('slow motion holds every iteration on screen; Space pauses it mid-run', async ({ page }) => {
  await openLab(page, `backend=wasm&image=${LEAF}&present=1&mode=blackbox&T=4`);
  await expect(page.getByRole('heading', { name: 'Attacking: grape leaf, diseased' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await page.getByRole('checkbox', { name: 'Slow motion' }).check();
  await expect(page).toHaveURL(/slow=1/);
  const changes = await recordIterations(page);
  await page.keyboard.press(' ');
  // Each gradient step is narrated, four operations of SLOW_MOTION_MS each: wait on the state, not the clock.
  await expect(iteration(page)).toHaveText('4 / 4');
  const log = await changes();
  expect(log.map(([, text]) => text)).toEqual(['1 / 4', '2 / 4', '3 / 4', '4 / 4']);
  for (let i = 1; i < log.length; i++) expect(log[i][0] - log[i - 1][0]).toBeGreaterThanOrEqual(1400);

  await page.keyboard.press('r');
  await expect(iteration(page)).toHaveText('0 / 4');
  await page.keyboard.press(' ');
  await expect(iteration(page)).toHaveText('1 / 4');
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await page.waitForTimeout(2000);
  await expect(iteration(page)).toHaveText(/^[12] \/ 4$/);
});

test('Copy link puts a link on the clipboard that opens the same presenter screen with every setting', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openLab(page, `backend=wasm&image=${LEAF}&present=1`);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  for (const key of ['2', 'g', ']', ']', 'ArrowUp', 'ArrowUp']) await page.keyboard.press(key);
  await page.getByRole('combobox', { name: /Target label/ }).selectOption('diseased');
  await page.getByRole('checkbox', { name: 'Slow motion' }).check();
  await expect(page.getByTestId('iterations-value')).toHaveText('3');
  const leaf = await page.getByRole('heading', { name: /^Attacking: / }).textContent();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied.')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/^http:\/\/localhost:\d+\/\?/);

  const copy = await context.newPage();
  await copy.goto(link);
  await expect(copy.getByRole('heading', { name: /^Attacking: / })).toHaveText(leaf!);
  await expect(copy.getByRole('radio', { name: 'Black box' })).toBeChecked();
  await expect(copy.getByTestId('epsilon-value')).toHaveText('0.0120');
  await expect(copy.getByTestId('iterations-value')).toHaveText('3');
  await expect(copy.getByRole('combobox', { name: /Target label/ })).toHaveValue('1');
  await expect(copy.getByRole('checkbox', { name: 'Slow motion' })).toBeChecked();
  await expect(copy.getByRole('button', { name: 'Exit presenter mode' })).toBeVisible();
});
