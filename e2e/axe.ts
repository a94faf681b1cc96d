// Accessibility check for any view: axe-core's WCAG 2 A/AA rules on the page as it is now. Fails on
// serious or critical violations, listing each with the elements it found.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const BLOCKING = ['serious', 'critical'];

/** `within`: a CSS selector to check only part of the page (e.g. an open dialog). */
export async function expectAccessible(page: Page, within?: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (within) builder = builder.include(within);
  const { violations } = await builder.analyze();
  const blocking = violations
    .filter((v) => BLOCKING.includes(v.impact ?? ''))
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(blocking, `serious or critical accessibility violations on ${page.url()}`).toEqual([]);
}
