// Helpers for e2e tests that drive the lab page as a student does.
import { expect, type Page, type TestInfo } from '@playwright/test';

/** A diseased grape leaf from the gallery that one white-box step at ε = 0.01 flips. */
export const LEAF = 'grape__00e46ac798';

/** Opens the app with `query` (at `path`) and waits for the first frame (x⁰), up to `timeout` ms. */
export async function openLab(page: Page, query: string, path = '/', timeout = 300_000) {
  await page.goto(`${path}?${query}`);
  await expect(page.getByTestId('iteration')).toHaveText(/^0 \/ \d+$/, { timeout });
}

/** Both models loaded, and the frame on screen already has f's verdict. */
export async function waitReady(page: Page) {
  for (const id of ['inception_v3', 'mobilenet_v2']) await expect(page.getByTestId(`model-${id}`)).toContainText('ready');
  await expect(page.getByTestId('verdict-inception_v3')).toBeVisible();
}

/** How many threads the backend badge says wasm runs on (NaN for another backend). */
export const badgeThreads = async (page: Page) => Number(/(\d+) threads?\)/.exec((await page.getByTestId('backend').textContent()) ?? '')?.[1]);

export const shot = (page: Page, info: TestInfo, name: string) => page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });

export const linf = async (page: Page) => Number(await page.getByTestId('linf').textContent());

/** The RGBA bytes a canvas on the page shows. */
export const canvasPixels = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data));

/** How many pixels of a decoded PNG are within a few levels of `rgb` (a chart line's colour). */
export function pixelsOfColour(png: { data: Uint8Array | Buffer; width: number; height: number }, [r, g, b]: [number, number, number], tolerance = 8): number {
  let n = 0;
  for (let i = 0; i < png.width * png.height * 4; i += 4) if (Math.abs(png.data[i] - r) <= tolerance && Math.abs(png.data[i + 1] - g) <= tolerance && Math.abs(png.data[i + 2] - b) <= tolerance) n++;
  return n;
}
