// Privacy and security: no request leaves the page's origin (the fixture in fixtures.ts checks
// every test; the first test proves that it catches one), a user's photo is never sent anywhere,
// and the built app runs an attack under its Content-Security-Policy without a single violation.
import { PNG } from 'pngjs';
import type { PreviewServer } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../scripts/lib/csp';
import { previewBuiltSite } from './built-site';
import { expect, test } from './fixtures';

test.fail('the fixture fails a test whose page or worker makes a request outside its origin', async ({ page, foreignRequests }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByTestId('backend')).toContainText('wasm');
  // no-cors: the fixture answers it locally with a 204, so the page sees no error of its own.
  await page.evaluate(() => fetch('https://tracker.example/page', { mode: 'no-cors' }));
  await page.workers()[0].evaluate(() => fetch('https://tracker.example/worker', { mode: 'no-cors' }));
  expect(foreignRequests).toEqual(['https://tracker.example/page', 'https://tracker.example/worker']);
  // The test body passes; only the fixture's check fails it, which test.fail expects.
});

/** A 300×200 PNG that is not a leaf photo (none may be committed): stripes with noise. */
function syntheticPhoto(): Buffer {
  const png = new PNG({ width: 300, height: 200 });
  for (let i = 0; i < 300 * 200; i++) png.data.set([(i * 7) % 256, 120 + (i % 50), (i >> 6) % 256, 255], i * 4);
  return PNG.sync.write(png);
}

test("a user's photo never leaves the browser: after the upload, nothing is sent, only GETs of the site's own files", async ({ page }) => {
  await page.goto('/?backend=wasm');
  for (const id of ['inception_v3', 'mobilenet_v2']) await expect(page.getByTestId(`model-${id}`)).toContainText('ready', { timeout: 120_000 });
  const sent: string[] = [];
  page.on('request', (r) => sent.push(`${r.method()} ${r.url()} ${r.postDataBuffer()?.length ?? 0} bytes`));
  page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(`websocket ${ws.url()} ${f.payload.length} bytes`)));
  await page.getByLabel('Use your own image').setInputFiles({ name: 'my-photo.png', mimeType: 'image/png', buffer: syntheticPhoto() });
  await expect(page.getByTestId('upload-info')).toContainText('my-photo.png (300×200)');
  await page.getByRole('button', { name: 'Black box, T = 10', exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('10 / 10');
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download adversarial PNG' }).click()]);
  await expect(page.getByTestId('saved-check')).toBeVisible();
  // Vite's dev server may ping its websocket (a few bytes); nothing else may go out.
  const uploads = sent.filter((s) => !/^GET /.test(s) && !/^websocket .* \d{1,2} bytes$/.test(s));
  expect(uploads).toEqual([]);
  expect(sent.filter((s) => s.startsWith('GET ') && !s.endsWith(' 0 bytes'))).toEqual([]);
});

test.describe('the built app (vite build + vite preview)', () => {
  let server: PreviewServer;
  let siteUrl: string;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    server = await previewBuiltSite();
    siteUrl = server.resolvedUrls!.local[0];
  });
  test.afterAll(async () => server?.close());

  test('passes its Content-Security-Policy with no violation while running an attack, and has no inline scripts or handlers', async ({ page }) => {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI}`));
    });
    const response = await page.goto(`${siteUrl}?backend=wasm&image=grape__00e46ac798&mode=blackbox&T=10`);
    expect(response!.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CONTENT_SECURITY_POLICY);
    // wasm is allowed ('wasm-unsafe-eval'): the page does not fall back to the slow cpu backend.
    await expect(page.getByTestId('backend')).toContainText('Backend: wasm');
    for (const id of ['inception_v3', 'mobilenet_v2']) await expect(page.getByTestId(`model-${id}`)).toContainText('ready', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('iteration')).toHaveText('10 / 10');
    await expect(page.getByTestId('prediction-chart')).toHaveAttribute('data-points', '11');
    await expect(page.locator('.katex').first()).toBeVisible();
    await page.getByTestId('leaf-apple__0329b50094').click();
    await expect(page.getByTestId('iteration')).toHaveText('0 / 10');

    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    const inline = await page.evaluate(() => ({
      scripts: [...document.scripts].filter((s) => !s.src).length,
      handlers: [...document.querySelectorAll('*')].flatMap((el) => el.getAttributeNames().filter((a) => a.startsWith('on')).map((a) => `${el.tagName} ${a}`)),
    }));
    expect(inline).toEqual({ scripts: 0, handlers: [] });
  });
});
