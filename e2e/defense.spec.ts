// The cat and mouse, as a student plays it: the attack flips f; the defender switches JPEG on and
// the same (naive) attack fails; the adaptive attacker goes through the defense and f falls again.
// L∞ ≤ ε throughout, and the defended image f sees is on screen.
import { expect, test } from './fixtures';
import { expectAccessible } from './axe';
import { LEAF, linf, openLab, shot, waitReady } from './lab-page';

const [EPSILON, ITERATIONS] = [0.01, 10];

test('defender, naive attacker, adaptive attacker: JPEG stops the naive attack, BPDA through it flips f again', async ({ page }, info) => {
  await openLab(page, `backend=wasm&image=${LEAF}&eps=${EPSILON}&T=${ITERATIONS}&target=0`);
  await waitReady(page);
  const f = page.getByTestId('verdict-inception_v3');
  const runToEnd = async () => {
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('iteration')).toHaveText(`${ITERATIONS} / ${ITERATIONS}`, { timeout: 300_000 });
    expect(await linf(page)).toBeLessThanOrEqual(EPSILON);
  };

  // No defense: the white-box attack flips f.
  await runToEnd();
  await expect(f).toHaveAttribute('data-label', 'healthy');

  // The defender: JPEG in front of f. The naive attacker's image no longer works.
  await page.getByLabel('Defense in front of f').selectOption('jpeg');
  await expect(page.getByTestId('iteration')).toHaveText(`0 / ${ITERATIONS}`);
  await expect(page.getByTestId('view-defended')).toBeVisible();
  await expect(page.getByTestId('defense-moves')).toHaveAttribute('data-attacker', 'naive');
  // Its price on clean photos, from the committed measurement.
  await expect(page.getByTestId('defense-cost')).toContainText(/f is right on \d+ alone .* and on \d+ behind JPEG, quality 75/);
  await runToEnd();
  await expect(f).toContainText('behind JPEG');
  await expect(f).toHaveAttribute('data-label', 'diseased');
  await shot(page, info, 'defense-naive');

  // The adaptive attacker: through the defense (BPDA). f falls again.
  await page.getByRole('radio', { name: /^Adaptive/ }).check();
  await expect(page).toHaveURL(/defense=jpeg&attacker=adaptive/);
  await expect(page.getByTestId('iteration')).toHaveText(`0 / ${ITERATIONS}`);
  await runToEnd();
  await expect(f).toHaveAttribute('data-label', 'healthy');
  await expect(f).toContainText('flipped');
  await shot(page, info, 'defense-adaptive');
  await expectAccessible(page);
});
