// Nothing jumps while the lab loads (issue 13): from navigation until both models are ready and the
// first frame is on screen, the page's layout shifts add up to at most 0.05 (Lighthouse's "good"
// cumulative layout shift is 0.1; it counts the worst burst, this counts them all), at the sizes
// students and instructors use, on the built site (its service worker's "works offline" included).
import type { PreviewServer } from 'vite';
import { previewBuiltSite } from './built-site';
import { expect, test } from './fixtures';
import { shot, waitReady } from './lab-page';

/** What each layout shift moved, as the browser reports it (shifts right after a user's input do not count). */
interface Shift {
  value: number;
  moved: string[];
}

let server: PreviewServer;
test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  server = await previewBuiltSite();
});
test.afterAll(async () => server?.close());

const SIZES = [
  { name: 'laptop', width: 1440, height: 900 },
  { name: 'projector', width: 1920, height: 1080 },
  { name: 'phone', width: 390, height: 844 },
];

for (const size of SIZES) {
  test(`${size.name} (${size.width}×${size.height}): the page does not shift while the models load and the first frame arrives`, async ({ page }, info) => {
    await page.setViewportSize(size);
    await page.addInitScript(() => {
      const shifts: { value: number; moved: string[] }[] = [];
      Object.assign(window, { layoutShifts: shifts });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources: { node?: Node }[] }[]) {
          if (!entry.hadRecentInput) shifts.push({ value: entry.value, moved: entry.sources.map((s) => (s.node instanceof Element ? s.node.outerHTML.slice(0, 80) : String(s.node?.nodeName))) });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(server.resolvedUrls!.local[0]);
    await waitReady(page);
    await expect(page.getByTestId('iteration')).toHaveText(/^0 \/ \d+$/);
    await expect(page.getByTestId('offline-ready')).toBeVisible();
    const shifts = await page.evaluate(() => (window as unknown as { layoutShifts: Shift[] }).layoutShifts);
    await shot(page, info, `loaded-${size.name}`);
    const total = shifts.reduce((sum, s) => sum + s.value, 0);
    expect(total, JSON.stringify(shifts, null, 1)).toBeLessThanOrEqual(0.05);
  });
}
