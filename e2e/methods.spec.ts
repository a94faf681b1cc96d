// The stronger gradient attacks in the lab, as a student picks them: the same budget, another way
// of moving. Each runs on a gallery leaf to the end, with L∞ ≤ ε, the chart filling, its own update
// rule explained, the method in the link, and the verdict the same attack gives in Node.
import * as tf from '@tensorflow/tfjs';
import { gradientAttack } from '../src/attack/methods';
import { eightBitLevels } from '../src/attack/eight-bit';
import { CLASS_NAMES } from '../src/config';
import { METHOD_LABELS, type GradientMethod } from '../src/lab/settings';
import { loadCanonical } from '../scripts/lib/leaves';
import { loadClassifierNode } from '../scripts/lib/load-models';
import { setNodeBackend } from '../scripts/lib/node-tf';
import { leavesDir } from '../scripts/lib/paths';
import { expect, test } from './fixtures';
import { LEAF, linf, openLab, shot, waitReady } from './lab-page';

const [EPSILON, ITERATIONS, TARGET] = [0.004, 5, 0];

/** f's label for the 8-bit image the lab's own attack code makes in Node, and how far from a tie it is. */
async function whiteBoxInNode(method: GradientMethod) {
  await setNodeBackend('wasm');
  const f = await loadClassifierNode('inception_v3');
  const x0 = loadCanonical(`${leavesDir()}/test/diseased/${LEAF}.jpg`);
  let x: tf.Tensor4D | null = null;
  for (const step of gradientAttack(method, f, x0, { epsilon: EPSILON, iterations: ITERATIONS, target: TARGET })) {
    step.logitsBefore.dispose();
    x?.dispose();
    x = step.x;
  }
  const [a, b] = tf.tidy(() => f.logits(tf.div<tf.Tensor4D>(eightBitLevels(x!, x0, EPSILON), 255)).dataSync());
  tf.dispose([x0, x!]);
  f.dispose();
  return { label: CLASS_NAMES[a >= b ? 0 : 1], margin: Math.abs(a - b) };
}

for (const method of ['pgd', 'mifgsm'] as const) {
  test(`white box with ${method}: runs to T on a gallery leaf, L∞ ≤ ε, its rule explained, as the same attack in Node`, async ({ page }, info) => {
    const expected = await whiteBoxInNode(method);
    expect(expected.margin, "Node's logits are not a near tie").toBeGreaterThan(0.05);
    await openLab(page, `backend=wasm&image=${LEAF}&eps=${EPSILON}&T=${ITERATIONS}&target=${TARGET}`);
    await waitReady(page);
    await page.getByRole('radio', { name: METHOD_LABELS[method] }).check();
    await expect(page).toHaveURL(new RegExp(`method=${method}`));
    await expect(page.getByTestId('update-rule')).toHaveAttribute('data-method', method);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('iteration')).toHaveText(`${ITERATIONS} / ${ITERATIONS}`);
    await expect(page.getByTestId('prediction-chart')).toHaveAttribute('data-points', String(ITERATIONS + 1));
    expect(await linf(page)).toBeLessThanOrEqual(EPSILON);
    await expect(page.getByTestId('verdict-inception_v3')).toHaveAttribute('data-label', expected.label);
    await shot(page, info, `whitebox-${method}`);
  });
}

test('query only: Square Attack asks f in batches, counts every query up to the budget, L∞ ≤ ε, the chart over queries', async ({ page }, info) => {
  const [epsilon, budget] = [0.03, 40];
  await openLab(page, `backend=wasm&image=${LEAF}&eps=${epsilon}&queries=${budget}&target=${TARGET}`);
  await waitReady(page);
  await page.getByRole('radio', { name: 'Query only' }).check();
  await expect(page).toHaveURL(/mode=query&.*queries=40/);
  await expect(page.getByTestId('update-rule')).toHaveAttribute('data-method', 'square');
  // No gradient: the method and T do not apply; the budget does.
  await expect(page.getByRole('radio', { name: METHOD_LABELS.pgd })).toBeDisabled();
  await expect(page.getByTestId('query-budget-value')).toHaveText(String(budget));
  await expect(page.getByTestId('query-count')).toHaveText(`0 / ${budget}`);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('query-count')).toHaveAttribute('data-finished', 'true', { timeout: 300_000 });
  const used = Number(await page.getByTestId('query-count').getAttribute('data-used'));
  // The striped start, then batches of 8, never past the budget.
  expect((used - 1) % 8).toBe(0);
  expect(used).toBeLessThanOrEqual(budget);
  await expect(page.getByTestId('query-count')).toContainText(`${used} / ${budget}`);
  await expect(page.getByTestId('query-count').locator('..')).toContainText('per second');
  expect(await linf(page)).toBeLessThanOrEqual(epsilon);
  const points = Number(await page.getByTestId('prediction-chart').getAttribute('data-points'));
  expect(points).toBe(1 + 1 + (used - 1) / 8);
  await expect(page.getByTestId('prediction-chart')).toContainText('queries to f');
  await shot(page, info, 'query-only');
});
