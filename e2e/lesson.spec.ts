// Lesson mode in real Chromium, as a class uses it: the default lesson run through with answers
// (each step's setting loaded, the white-box flip, the Experiment), a lesson file, a lesson with
// mistakes, and a lesson in an embed. Screenshots at 1440×900 and 390×844 go to /tmp/lesson-shots/
// (open them and look).
import fs from 'node:fs';
import type { CDPSession, Locator, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { LEAF, linf, openLab, waitReady } from './lab-page';

const SHOTS = '/tmp/lesson-shots';
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** One CDP session per page: detaching one resets the page's emulated viewport. */
const sessions = new WeakMap<Page, CDPSession>();

/**
 * The viewport as the student sees it, through CDP (page.screenshot can hang waiting for fonts on
 * a loaded machine). A CDP session and its capture can drop Playwright's emulated viewport, so the
 * session sets it itself, before (waiting for the page to lay out at that size) and after.
 */
async function snap(page: Page, name: string) {
  if (!sessions.has(page)) sessions.set(page, await page.context().newCDPSession(page));
  const cdp = sessions.get(page)!;
  const { width, height } = page.viewportSize()!;
  const emulate = () => cdp.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
  await emulate();
  await page.waitForFunction(([w, h]) => innerWidth === w && innerHeight === h, [width, height]);
  const { cssVisualViewport: v } = await cdp.send('Page.getLayoutMetrics');
  const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', clip: { x: v.pageX, y: v.pageY, width, height, scale: 1 } });
  await emulate();
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(`${SHOTS}/${name}.png`, Buffer.from(data, 'base64'));
}

/** The frame on screen is of this setting (`?debug=1` shows it). */
async function expectFrame(page: Page, setting: { mode: string; epsilon: string; iterations?: string }) {
  const frame = page.getByTestId('debug-frame');
  await expect(frame).toHaveAttribute('data-mode', setting.mode);
  await expect(frame).toHaveAttribute('data-epsilon', setting.epsilon);
  if (setting.iterations) await expect(frame).toHaveAttribute('data-iterations', setting.iterations);
  await expect(page.getByTestId('iteration')).toHaveText(/^0 \//);
}

/** Picks a choice and checks it; the reveal says whether it was right. */
async function answer(panel: Locator, choice: string, right: boolean) {
  const check = panel.getByRole('button', { name: 'Check answer' });
  // Nothing is revealed before an answer is chosen.
  await expect(check).toBeDisabled();
  await expect(panel.getByTestId('lesson-reveal')).toHaveCount(0);
  await panel.getByRole('radio', { name: choice, exact: true }).check();
  await check.click();
  await expect(panel.getByTestId('lesson-reveal')).toHaveAttribute('data-correct', String(right));
  await expect(panel.getByTestId('lesson-reveal')).toContainText(right ? 'Right.' : 'Not quite: the answer is');
  await expect(panel.getByTestId('lesson-reveal')).toContainText('What to look at:');
}

const run = async (page: Page) => {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('1 / 1');
};

test('the default lesson runs through with answers: each step loads its setting, the white-box step flips f, the last shows the Experiment', async ({ page }) => {
  await page.setViewportSize(WIDE);
  await openLab(page, 'backend=wasm&debug=1&lesson=default');
  await waitReady(page);
  const panel = page.getByTestId('lesson');
  const controls = page.getByRole('form', { name: 'Attack settings' });
  const next = panel.getByRole('button', { name: 'Next →' });

  // 1. White box, ε = 0.01, T = 1 on the grape leaf: f flips.
  await expect(panel).toContainText('Step 1 of 5');
  await expect(panel.getByRole('button', { name: '← Previous' })).toBeDisabled();
  await expectFrame(page, { mode: 'whitebox', epsilon: '0.01', iterations: '1' });
  await expect(controls.getByRole('radio', { name: 'White box' })).toBeChecked();
  await expect(page.getByTestId('epsilon-value')).toHaveText('0.0100');
  await expect(page).toHaveURL(new RegExp(`image=${LEAF}`));
  await expect(page.getByTestId('verdict-inception_v3')).toHaveAttribute('data-label', 'diseased');
  await expectAccessible(page);
  await snap(page, 'default-step1-1440');
  await answer(panel, 'Healthy', true);
  await run(page);
  await expect(page.getByTestId('verdict-inception_v3')).toHaveAttribute('data-label', 'healthy');
  await expect(page.getByTestId('verdict-inception_v3')).toContainText('flipped');
  await expectAccessible(page);
  await snap(page, 'default-step1-revealed-1440');

  // 2. Random noise of the same size: f keeps its answer, as the lesson says. A wrong answer is told so.
  await next.click();
  await expect(panel).toContainText('Step 2 of 5');
  await expectFrame(page, { mode: 'noise', epsilon: '0.01' });
  await expect(controls.getByRole('radio', { name: 'Random noise' })).toBeChecked();
  await answer(panel, 'Yes: any change of this size fools f', false);
  await expect(panel.getByTestId('lesson-reveal')).toContainText('the answer is “No: f still says diseased”');
  await run(page);
  await expect(page.getByTestId('verdict-inception_v3')).toHaveAttribute('data-label', 'diseased');

  // 3. and 4. Black box at T = 1, then T = 10.
  await next.click();
  await expect(panel).toContainText('Step 3 of 5');
  await expectFrame(page, { mode: 'blackbox', epsilon: '0.01', iterations: '1' });
  await expect(controls.getByRole('radio', { name: 'Black box' })).toBeChecked();
  await answer(panel, 'On only a few photos', true);
  await next.click();
  await expect(panel).toContainText('Step 4 of 5');
  await expectFrame(page, { mode: 'blackbox', epsilon: '0.01', iterations: '10' });
  await expect(page.getByTestId('iterations-value')).toHaveText('10');
  await answer(panel, "No: the extra steps fit g's own quirks, which f does not share", true);

  // 5. The Experiment's curves.
  await next.click();
  await expect(panel).toContainText('Step 5 of 5');
  await expect(page.getByRole('heading', { name: 'Does the attack transfer? f against ε' })).toBeVisible();
  await expect(next).toBeDisabled();
  await expect(page).toHaveURL(/lessonStep=5/);
  await answer(panel, 'White box', true);
  await expectAccessible(page);
  await snap(page, 'default-step5-experiment-1440');

  // Back to step 4: the lab again, with its setting, unanswered.
  await panel.getByRole('button', { name: '← Previous' }).click();
  await expect(panel).toContainText('Step 4 of 5');
  await expect(page.getByTestId('iterations-value')).toHaveText('10');
  await expect(panel.getByTestId('lesson-reveal')).toHaveCount(0);
  await expect(page).toHaveURL(/lessonStep=4/);
});

test('a lesson file from the site opens on a phone; its first step changes nothing, as it says', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await openLab(page, 'backend=wasm&lesson=lessons/example.json');
  await waitReady(page);
  const panel = page.getByTestId('lesson');
  await expect(panel).toContainText('Step 1 of 2');
  await expect(page.getByTestId('epsilon-value')).toHaveText('0.0025');
  await snap(page, 'example-step1-390');
  await answer(panel, 'No: no pixel of the 8-bit photo can change', true);
  await panel.getByTestId('lesson-reveal').scrollIntoViewIfNeeded();
  await snap(page, 'example-step1-revealed-390');
  await run(page);
  expect(await linf(page)).toBe(0);
  await expect(page.getByTestId('verdict-inception_v3')).toHaveAttribute('data-label', 'diseased');
  // The panel only: the lab's explanation below it (not the lesson's) is a scrollable region axe flags at this width.
  await expectAccessible(page, '[data-testid="lesson"]');
});

test('a lesson with mistakes is refused with each one named, and the lab stays usable; another origin is never fetched', async ({ page }) => {
  const bad = {
    title: 'Broken',
    steps: [{ text: 'One step.', settings: { mode: 'whitebox', epsilon: 0.3 }, question: { prompt: 'What now?', choices: ['a', 'b', 'c'], answer: 5 }, reveal: 'r', lookAt: 'l' }],
  };
  // The phone first: the whole page is checked at the wide screen below, the panel alone on the phone (see above).
  for (const [viewport, name] of [[PHONE, '390'], [WIDE, '1440']] as const) {
    await page.setViewportSize(viewport);
    await openLab(page, `backend=wasm&image=${LEAF}&lesson=${encodeURIComponent(JSON.stringify(bad))}`);
    const alert = page.getByRole('alert').filter({ hasText: 'The lesson could not be opened' });
    await expect(alert).toContainText('steps[0].settings.epsilon: must be a number from 0 to 0.1 in steps of 0.0005, got 0.3');
    await expect(alert).toContainText('steps[0].question.answer: must be an index into choices (0–2), got 5');
    await expect(page.getByTestId('lesson')).toHaveCount(0);
    await expectAccessible(page, viewport === PHONE ? '[data-testid="lesson-errors"]' : undefined);
    await snap(page, `bad-lesson-${name}`);
  }
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();

  await page.goto(`/?lesson=${encodeURIComponent('https://lessons.example/week5.json')}`);
  await expect(page.getByRole('alert')).toContainText('https://lessons.example/week5.json: a lesson file must be on this site');
});

test('presenter mode and an embed show the lesson; in the embed its last step shows the Experiment', async ({ page }) => {
  await page.setViewportSize(WIDE);
  await openLab(page, 'backend=wasm&present=1&lesson=default');
  await expect(page.getByTestId('lesson')).toContainText('Step 1 of 5');
  await snap(page, 'present-step1-1440');

  await page.setViewportSize({ width: 900, height: 760 });
  await openLab(page, 'backend=wasm&embed=1&lesson=default');
  const panel = page.getByTestId('lesson');
  await expect(panel).toContainText('Step 1 of 5');
  await snap(page, 'embed-step1-900');
  for (let k = 2; k <= 5; k++) {
    await panel.getByRole('button', { name: 'Next →' }).click();
    await expect(panel).toContainText(`Step ${k} of 5`);
  }
  await expect(page.getByRole('heading', { name: 'Does the attack transfer? f against ε' })).toBeVisible();
  await expectAccessible(page);
});
