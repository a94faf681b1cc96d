// Inside a step and the timeline, as a student uses them: the four views of a white-box step,
// checked against the same step computed in Node from f's own gradient; scrubbing a finished run
// back and forth; the narration; no serious accessibility problem on the way.
import * as tf from '@tensorflow/tfjs';
import { loadCanonical } from '../scripts/lib/leaves';
import { loadClassifierNode } from '../scripts/lib/load-models';
import { setNodeBackend } from '../scripts/lib/node-tf';
import { leavesDir } from '../scripts/lib/paths';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { canvasPixels, LEAF, openLab, shot, waitReady } from './lab-page';

const [EPSILON, T] = [0.01, 2];
const ETA = EPSILON / T;

/** f's gradient towards "healthy" (the lab's target for this diseased leaf) at x⁰, and x⁰, in Node. */
async function firstStepInNode() {
  await setNodeBackend('wasm');
  const f = await loadClassifierNode('inception_v3');
  const x0 = loadCanonical(`${leavesDir()}/test/diseased/${LEAF}.jpg`);
  const { grad, logits, loss } = f.lossGradient(x0, 0);
  const out = { grad: Array.from(grad.dataSync()), x0: Array.from(x0.dataSync()) };
  tf.dispose([x0, grad, logits, loss]);
  f.dispose();
  return out;
}

/** The RGBA bytes of a view as one value per colour channel (alpha dropped). */
const channels = (rgba: number[]) => rgba.filter((_, i) => i % 4 !== 3);

test('the four views of a white-box step are the step f’s gradient gives, to the channel; the narration quotes its numbers', async ({ page }, info) => {
  const node = await firstStepInNode();
  await openLab(page, `backend=wasm&image=${LEAF}&eps=${EPSILON}&T=${T}`);
  await waitReady(page);
  await expect(page.getByTestId('verdict-inception_v3')).toHaveAttribute('data-label', 'diseased');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByTestId('step-views')).toHaveAttribute('data-t', '1');

  const sign = channels(await canvasPixels(page, 'view-sign')).map((v) => (v === 255 ? 1 : v === 0 ? -1 : 0));
  const agree = sign.filter((s, i) => s === Math.sign(node.grad[i])).length;
  // Node's wasm and the page's may round a near-zero gradient differently: nothing else may differ.
  expect(agree / sign.length, 'sign view = sign of f’s gradient in Node').toBeGreaterThan(0.999);

  // The move is −η·sign, drawn at the perturbation view's amplification 0.5/ε.
  const move = channels(await canvasPixels(page, 'view-move'));
  // One expect for all channels: Playwright's expect records a stack per call, too slow for 268 203 of them.
  const offMove = move.filter((v, i) => v !== Math.round(127.5 - sign[i] * ETA * (0.5 / EPSILON) * 255)).length;
  expect(offMove, 'channels of the move view that are not −η·sign, amplified').toBe(0);

  // The clip: iterative FGSM stops only at 0 or 1, exactly where x⁰ − η·sign leaves [0, 1] (marked vermillion).
  await expect(page.getByTestId('step-views')).toHaveAttribute('data-ball', '0');
  const clip = await canvasPixels(page, 'view-clip');
  const marked = Array.from({ length: clip.length / 4 }, (_, p) => clip[4 * p] === 213 && clip[4 * p + 1] === 94 && clip[4 * p + 2] === 0);
  const outside = (i: number) => node.x0[i] - ETA * sign[i] < 0 || node.x0[i] - ETA * sign[i] > 1;
  const leaves = marked.map((_, p) => [0, 1, 2].some((c) => outside(3 * p + c)));
  expect(marked.filter((m, p) => m === leaves[p]).length / marked.length).toBeGreaterThan(0.999);
  expect(leaves.filter(Boolean).length, 'the leaf has channels at 0 or 1 for the check to see').toBeGreaterThan(0);

  // The heatmap: orange where f's gradient, summed over R, G, B, is clearly positive, purple where clearly negative.
  const scale = Number(await page.getByTestId('step-views').getAttribute('data-scale'));
  const heat = await canvasPixels(page, 'view-gradient');
  let [checked, right] = [0, 0];
  for (let p = 0; p < heat.length / 4; p++) {
    const sum = node.grad[3 * p] + node.grad[3 * p + 1] + node.grad[3 * p + 2];
    if (Math.abs(sum) < scale / 4) continue;
    checked++;
    if ((sum > 0) === heat[4 * p] > heat[4 * p + 2]) right++;
  }
  expect(checked).toBeGreaterThan(100);
  expect(right / checked).toBeGreaterThan(0.999);

  // And the adversarial image moved against the sign wherever the clip let it.
  const [x0, x1] = [channels(await canvasPixels(page, 'view-original')), channels(await canvasPixels(page, 'view-adversarial'))];
  const wrongWay = sign.filter((s, i) => s !== 0 && !leaves[Math.floor(i / 3)] && Math.sign(x1[i] - x0[i]) !== -s).length;
  expect(wrongWay).toBe(0);

  await page.getByRole('button', { name: '3. The move' }).click();
  await expect(page.getByTestId('step-narration')).toContainText(`moves by the same ${ETA.toFixed(5)}`);
  await page.getByRole('button', { name: '4. The clip' }).click();
  await expect(page.getByTestId('step-narration')).toContainText(`0 channels stopped at the ε-ball's edge and ${await page.getByTestId('step-views').getAttribute('data-range')} at 0 or 1`);
  await shot(page, info, 'step-views');
  await expectAccessible(page);
});

test('a finished run scrubs back and forth: the images, the step views, the readout and the chart’s marker follow', async ({ page }, info) => {
  await openLab(page, `backend=wasm&image=${LEAF}&eps=${EPSILON}&T=3`);
  await waitReady(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('3 / 3');
  const chart = page.getByTestId('prediction-chart');
  await expect(chart).toHaveAttribute('data-fooled-at', '1');
  // Recharts draws a reference line's label in a layer of its own, not inside the line's group.
  await expect(chart.locator('.marker-fooled')).toHaveCount(2);
  await expect(chart.getByText('f fooled at t = 1')).toBeVisible();
  const markerX = () => chart.locator('.marker-shown line').first().getAttribute('x1');
  const atEnd = { marker: await markerX(), sign: await canvasPixels(page, 'view-sign') };

  const timeline = page.getByRole('slider', { name: /Timeline/ });
  await timeline.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('iteration')).toHaveText('0 / 3');
  await expect(page.getByTestId('timeline-t')).toHaveText('0');
  expect(await canvasPixels(page, 'view-adversarial')).toEqual(await canvasPixels(page, 'view-original'));
  await expect(page.getByTestId('step-views')).toHaveCount(0);

  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('iteration')).toHaveText('1 / 3');
  await expect(page.getByTestId('step-views')).toHaveAttribute('data-t', '1');
  await expect(chart).toHaveAttribute('data-shown-t', '1');
  expect(await markerX()).not.toBe(atEnd.marker);
  expect(await canvasPixels(page, 'view-sign')).not.toEqual(atEnd.sign);
  await expect(page.getByTestId('verdict-inception_v3')).toHaveAttribute('data-label', 'healthy');
  await expect(timeline).toHaveAttribute('aria-valuetext', /^t = 1 of 3: InceptionV3 P\(healthy\) \d+\.\d %, L∞ 0\.\d{4}, L2 \d+\.\d{3}$/);
  await shot(page, info, 'scrubbed-back');
  await expectAccessible(page);

  await page.keyboard.press('End');
  await expect(page.getByTestId('iteration')).toHaveText('3 / 3');
  expect(await markerX()).toBe(atEnd.marker);
});
