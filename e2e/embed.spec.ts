// The lab embedded in a course page on another origin: the Embed dialog's snippet is pasted into a
// host page served on a second port, which drives the lab through the postMessage API. Screenshots
// of the course page and of the embed go to test-results/ (open them and look).
import http from 'node:http';
import type { Page } from '@playwright/test';
import { CROSS_ORIGIN_ISOLATION } from '../scripts/lib/isolation';
import { embedSnippet } from '../src/embed/snippet';
import { DEFAULT_SETTINGS } from '../src/lab/settings';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { LEAF, openLab, shot, waitReady } from './lab-page';

const appOrigin = `http://localhost:${process.env.E2E_PORT ?? 5173}`;
const hostPort = Number(process.env.E2E_HOST_PORT ?? 4174);
const hostUrl = `http://localhost:${hostPort}/course.html`;
/** The same course page, cross-origin isolated itself (it sends COOP/COEP). */
const isolatedHostUrl = `http://localhost:${hostPort}/isolated/course.html`;

/** A course page around `snippet`, which records the lab's events and can send it commands. */
const coursePage = (snippet: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Week 5: adversarial examples</title></head>
<body style="font-family: sans-serif; margin: 1rem 2rem">
<h1>Week 5: adversarial examples</h1>
<p>Run the attack below, then read on.</p>
${snippet}
<script>
  window.received = [];
  window.addEventListener('message', (e) => {
    if (e.origin === ${JSON.stringify(appOrigin)} && e.data && e.data.source === 'adversarial-leaves') window.received.push(e.data);
  });
  window.send = (message) => document.querySelector('iframe').contentWindow.postMessage(message, ${JSON.stringify(appOrigin)});
</script>
</body></html>`;

let hostHtml = '';
let server: http.Server;
test.beforeAll(async () => {
  server = http.createServer((req, res) =>
    res.writeHead(200, { 'content-type': 'text/html', ...(req.url?.startsWith('/isolated/') ? CROSS_ORIGIN_ISOLATION : {}) }).end(hostHtml),
  );
  await new Promise<void>((resolve) => server.listen(hostPort, 'localhost', resolve));
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Received = { type: string; t?: number; iterations?: number; linf?: number; verdicts?: Record<string, { label: string }> };
const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Received[] }).received);
const send = (page: Page, message: unknown) => page.evaluate((m) => (window as unknown as { send: (m: unknown) => void }).send(m), message);
const lastOf = async (page: Page, type: string) => (await received(page)).filter((e) => e.type === type).at(-1);

test('the Embed dialog writes a snippet that runs in a course page on another origin, driven by postMessage', async ({ page }, info) => {
  await openLab(page, `backend=wasm&image=${LEAF}`);
  await waitReady(page);
  await page.getByRole('button', { name: 'Embed…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this lab in a course page' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('checkbox', { name: 'Leaf gallery' }).check();
  await dialog.getByRole('checkbox', { name: 'ε slider' }).uncheck();
  await dialog.getByRole('spinbutton', { name: 'Height (px)' }).fill('900');
  await expectAccessible(page, 'dialog');
  const snippet = await dialog.getByTestId('embed-snippet').inputValue();
  expect(snippet).toMatch(new RegExp(`^<iframe src="http://localhost:\\d+/\\?embed=1&amp;controls=buttons,iterations,gallery,chart&amp;image=${LEAF}"`));
  expect(snippet).toContain('height="900"');

  // Pasted into a course page (with the test's backend and the debug readout).
  hostHtml = coursePage(snippet.replace('embed=1', 'embed=1&amp;backend=wasm&amp;debug=1'));
  await page.goto(hostUrl);
  await expect.poll(async () => (await received(page)).map((e) => e.type), { timeout: 300_000 }).toContain('ready');
  const lab = page.frameLocator('iframe');
  await expect(lab.getByTestId('iteration')).toHaveText('0 / 1');
  // The course page does not isolate itself (no COOP/COEP), so neither is the lab in its frame,
  // although our server sends the headers: wasm gets one thread there, and the attack below runs.
  const frame = page.frames().find((f) => f.url().startsWith(appOrigin))!;
  expect(await frame.evaluate(() => crossOriginIsolated)).toBe(false);
  await expect(lab.getByRole('list', { name: 'Leaf gallery' })).toBeVisible();
  await expect(lab.getByRole('slider', { name: /iterations/ })).toBeVisible();
  await expect(lab.getByRole('slider', { name: /epsilon/ })).toHaveCount(0);
  await expect(lab.getByRole('button', { name: 'Presenter mode' })).toHaveCount(0);
  await expect(lab.getByRole('button', { name: 'Run', exact: true })).toBeVisible();

  // Malformed and unknown messages are counted and never executed.
  for (const bad of ['run', { type: 'explode' }, { type: 'set', settings: { epsilon: 5 } }, { type: 'set', settings: { mode: 'whitebox', image: 'https://evil.example/x.png' } }, { type: 'run', now: 1 }]) await send(page, bad);
  await expect(lab.getByTestId('debug-messages')).toContainText('messages ignored: 5');
  await expect(lab.getByTestId('iteration')).toHaveText('0 / 1');

  await send(page, { type: 'set', settings: { mode: 'whitebox', epsilon: 0.01, iterations: 1 } });
  await send(page, { type: 'run' });
  await expect.poll(() => lastOf(page, 'finished')).toMatchObject({ t: 1, iterations: 1, verdicts: { inception_v3: { label: 'healthy' } } });
  // float32 pixels: 0.01 is stored as 0.010000000475, the page allows the same 1e-7.
  expect((await lastOf(page, 'finished'))!.linf).toBeLessThanOrEqual(0.01 + 1e-7);
  await expect(lab.getByTestId('iteration')).toHaveText('1 / 1');
  await expect(lab.getByTestId('verdict-inception_v3')).toContainText('flipped');
  await shot(page, info, 'embed-in-course-page');

  await send(page, { type: 'set', settings: { mode: 'blackbox', iterations: 3 } });
  await send(page, { type: 'step' });
  await expect(lab.getByTestId('iteration')).toHaveText('1 / 3');
  await send(page, { type: 'reset' });
  await expect(lab.getByTestId('iteration')).toHaveText('0 / 3');
  await expect.poll(() => lastOf(page, 'iteration')).toMatchObject({ t: 0, iterations: 3 });
  await expect(lab.getByTestId('debug-messages')).toContainText('messages ignored: 5');

  // It fits its frame: no sideways scrolling inside the iframe.
  expect(await frame.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
});

test('in a course page that is cross-origin isolated itself, the snippet embeds the lab isolated too (wasm on every core)', async ({ page }) => {
  // Needs the lab's CORP header (a require-corp page frames only documents that allow it) and the
  // snippet's allow="cross-origin-isolated" (else a frame from another origin is not isolated).
  const snippet = embedSnippet(`${appOrigin}/`, { settings: { ...DEFAULT_SETTINGS, image: LEAF }, controls: ['buttons'], slowMotion: false, width: 800, height: 700 });
  hostHtml = coursePage(snippet.replace('embed=1', 'embed=1&amp;backend=wasm'));
  await page.goto(isolatedHostUrl);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect.poll(async () => (await received(page)).map((e) => e.type), { timeout: 300_000 }).toContain('ready');
  const frame = page.frames().find((f) => f.url().startsWith(appOrigin))!;
  expect(await frame.evaluate(() => crossOriginIsolated)).toBe(true);
  await send(page, { type: 'set', settings: { mode: 'whitebox', epsilon: 0.01, iterations: 1 } });
  await send(page, { type: 'run' });
  await expect.poll(() => lastOf(page, 'finished')).toMatchObject({ t: 1, iterations: 1, verdicts: { inception_v3: { label: 'healthy' } } });
});

test('embed mode alone: no page chrome, only the chosen controls, no serious accessibility problems', async ({ page }, info) => {
  await page.setViewportSize({ width: 720, height: 900 });
  await openLab(page, `embed=1&backend=wasm&image=${LEAF}&controls=buttons,mode,epsilon,chart`);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await expect(page.getByRole('radio', { name: 'Black box' })).toBeVisible();
  await expect(page.getByRole('slider', { name: /iterations/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'What is happening' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Adversarial Leaves/ })).toHaveAttribute('href', /image=grape__00e46ac798/);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('1 / 1');
  await expectAccessible(page);
  await shot(page, info, 'embed');
});
