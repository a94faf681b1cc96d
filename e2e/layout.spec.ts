// Presenter mode as it is projected in a hall (1920×1080 and 1440×900), measured as the eye would:
// image widths, the smallest text, empty parts of the screen.
// Screenshots go to test-results/ (open them and look).
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { LEAF, openLab, shot } from './lab-page';

const IMAGES = ['view-original', 'view-perturbation', 'view-adversarial'];

/** Visible text on the page set smaller than `min` px, as "font-size: text" (the first few). */
const smallText = (page: Page, min: number) =>
  page.evaluate((min) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement!;
      if (!node.textContent?.trim() || el.closest('.visually-hidden, .katex-mathml, dialog:not([open])')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < min - 0.01) out.push(`${size}px ${el.tagName.toLowerCase()}.${el.getAttribute("class") ?? ""}: ${node.textContent.trim().slice(0, 40)}`);
    }
    return out.slice(0, 10);
  }, min);

/** Cells of a cols × rows grid over the first screen that no text, image, chart or control reaches. */
const emptyCells = (page: Page, cols: number, rows: number) =>
  page.evaluate(([cols, rows]) => {
    const boxes: DOMRect[] = [];
    for (const el of document.querySelectorAll('canvas, svg, input, button, select, img')) boxes.push(el.getBoundingClientRect());
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      boxes.push(...range.getClientRects());
    }
    const [w, h] = [innerWidth / cols, innerHeight / rows];
    const empty: string[] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const hit = boxes.some((b) => b.width > 0 && b.right > c * w && b.left < (c + 1) * w && b.bottom > r * h && b.top < (r + 1) * h);
        if (!hit) empty.push(`row ${r + 1}, column ${c + 1}`);
      }
    }
    return empty;
  }, [cols, rows]);

for (const [width, height] of [[1920, 1080], [1440, 900]]) {
  test(`presenter mode at ${width}×${height}: three images each over 28 % of the width, no text under 24 px, no empty part of the screen`, async ({ page }, info) => {
    await page.setViewportSize({ width, height });
    await openLab(page, `backend=wasm&image=${LEAF}&present=1&T=2`);
    // Presenter mode shows no model cards: the Run button says f is ready.
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('iteration')).toHaveText('2 / 2');
    for (const id of IMAGES) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.width / width, `${id} width`).toBeGreaterThanOrEqual(0.28);
    }
    expect(await smallText(page, 24)).toEqual([]);
    await page.evaluate(() => scrollTo(0, 0));
    expect(await emptyCells(page, 4, 3)).toEqual([]);
    await shot(page, info, `presenter-${width}x${height}`);
    await expectAccessible(page);
  });
}

// A phone (390×844) held by a student moving a slider: the slider, the adversarial image and f's verdict are on
// screen together and uncovered, and every control is a touch target of at least 44 × 44 px (WCAG 2.5.5).
const PHONE = { width: 390, height: 844 };

/** Whether the element is wholly inside the viewport and its centre is not covered by anything else. */
const onScreen = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => {
    const b = el.getBoundingClientRect();
    const inside = b.top >= 0 && b.left >= 0 && b.bottom <= innerHeight && b.right <= innerWidth && b.height > 0;
    const top = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    return inside && top !== null && (el === top || el.contains(top));
  });

/** Visible controls smaller than 44 px in either direction, as "tag text: w×h". */
const smallTargets = (page: Page) =>
  page.evaluate(() => {
    const targets = [...document.querySelectorAll('button, select, input[type="range"], label:has(input[type="radio"], input[type="checkbox"]), .upload-button')];
    return targets
      .filter((el) => !el.closest('dialog:not([open])') && !(el instanceof HTMLInputElement && el.closest('label.upload-button')))
      .map((el) => ({ el, b: el.getBoundingClientRect() }))
      .filter(({ b }) => b.width > 0 && b.height > 0 && (b.width < 44 - 0.5 || b.height < 44 - 0.5))
      .map(({ el, b }) => `${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim().slice(0, 30)}: ${Math.round(b.width)}×${Math.round(b.height)}`);
  });

test('phone at 390×844: the slider being moved, the adversarial image and the verdict on screen together; touch targets of 44 px', async ({ page }, info) => {
  await page.setViewportSize(PHONE);
  await openLab(page, `backend=wasm&image=${LEAF}&T=2`);
  await expect(page.getByTestId('verdict-inception_v3')).toBeVisible();
  await shot(page, info, 'phone-390x844-full');
  for (const [slider, value] of [['epsilon (perturbation size)', 'epsilon-value'], ['iterations T', 'iterations-value']]) {
    const input = page.getByRole('slider', { name: slider });
    await input.scrollIntoViewIfNeeded();
    await input.focus();
    const before = await page.getByTestId(value).textContent();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId(value)).not.toHaveText(before!);
    // Run from where the thumb is, as a student does, and wait for the run to finish.
    const run = page.getByRole('button', { name: 'Run', exact: true });
    expect(await onScreen(page, 'form.controls .buttons button:first-child'), 'Run on screen beside the slider').toBe(true);
    await run.click();
    await expect(page.getByTestId('iteration')).toHaveText(/^(\d+) \/ \1$/);
    await expect(page.getByTestId('frame-area')).toHaveAttribute('aria-busy', 'false');
    await page.screenshot({ path: info.outputPath(`phone-390x844-${value}.png`) });
    for (const selector of [`input[aria-label="${slider}"]`, '[data-testid="view-adversarial"]', '[data-testid="verdict-inception_v3"]']) {
      expect(await onScreen(page, selector), `${selector} on screen while ${slider} moves`).toBe(true);
    }
  }
  expect(await smallTargets(page)).toEqual([]);
  await expectAccessible(page);
});
