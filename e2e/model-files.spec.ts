// Broken model files, served by page.route: a 404, a truncated shard, a file with one byte
// changed. Each is caught before use (sizes and SHA-256 from files.json), named on the model's
// card with a Retry button, and the rest of the lab keeps working.
import type { Page, Route } from '@playwright/test';
import type { ModelId } from '../src/models/specs';
import { readFileIndex } from '../src/models/testing/model-files';
import { expect, test } from './fixtures';

const LEAF = 'grape__00e46ac798';

/** A weight shard of a decoded base (from its files.json: the shards follow the cut), as the page names it. */
function shard(id: ModelId, which: 'last' | 'first'): { file: string; route: string; bytes: string } {
  const shards = readFileIndex(id).filter((f) => f.path.startsWith('group1-shard'));
  const { path: name, bytes } = shards[which === 'first' ? 0 : shards.length - 1];
  return { file: `models/${id}/${name}`, route: `**/models/${id}/${name}`, bytes: bytes.toLocaleString('en-US') };
}
const INCEPTION = shard('inception_v3', 'last');
const MOBILENET = shard('mobilenet_v2', 'first');

/** Serves the real file with `damage` applied to its bytes. */
const serveDamaged = (damage: (body: Buffer) => Buffer) => async (route: Route) => {
  const response = await route.fetch();
  await route.fulfill({ response, body: damage(await response.body()) });
};

const modelCard = (page: Page, id: string) => page.getByTestId(`model-${id}`);

test('a 404 on an InceptionV3 shard: the file is named, black box still works, Retry loads it', async ({ page }, info) => {
  await page.route(INCEPTION.route, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(`/?backend=wasm&image=${LEAF}`);
  const error = page.getByTestId('model-error-inception_v3');
  await expect(error).toContainText(`Could not load InceptionV3: ${INCEPTION.file} could not be downloaded (HTTP 404)`);
  await expect(modelCard(page, 'mobilenet_v2')).toContainText('ready');
  await expect(page.getByTestId('attack-waiting')).toContainText('InceptionV3 (target f) could not be loaded');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await page.screenshot({ path: info.outputPath('model-404.png'), fullPage: true });

  // The substitute alone still runs the black-box attack.
  await page.getByRole('radio', { name: 'Black box' }).check();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('1 / 1');
  await expect(page.getByTestId('verdict-mobilenet_v2')).toBeVisible();

  await page.unroute(INCEPTION.route);
  await page.getByRole('radio', { name: 'White box' }).check();
  await page.getByRole('button', { name: 'Retry loading InceptionV3' }).click();
  await expect(modelCard(page, 'inception_v3')).toContainText('ready');
  await expect(error).toHaveCount(0);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('1 / 1');
  await expect(page.getByTestId('verdict-inception_v3')).toBeVisible();
});

test('a truncated shard and a shard with one byte changed are caught by the checksum manifest; Retry fetches them afresh', async ({ page }) => {
  await page.route(MOBILENET.route, serveDamaged((body) => body.subarray(0, 100_000)));
  await page.route(INCEPTION.route, serveDamaged((body) => {
    const altered = Buffer.from(body);
    altered[12345] ^= 0x40;
    return altered;
  }));
  await page.goto(`/?backend=wasm&image=${LEAF}`);
  await expect(page.getByTestId('model-error-mobilenet_v2')).toContainText(
    `${MOBILENET.file} is truncated: 100,000 of ${MOBILENET.bytes} bytes arrived`,
  );
  await expect(page.getByTestId('model-error-inception_v3')).toContainText(
    `${INCEPTION.file} is damaged: its SHA-256 checksum does not match files.json`,
  );
  // No model, but the page still answers: another leaf can be picked.
  await page.getByTestId('leaf-apple__0329b50094').click();
  await expect(page.getByTestId('leaf-apple__0329b50094')).toHaveAttribute('aria-pressed', 'true');

  await page.unrouteAll();
  for (const id of ['mobilenet_v2', 'inception_v3']) {
    await page.getByTestId(`model-error-${id}`).getByRole('button', { name: 'Retry' }).click();
    await expect(modelCard(page, id)).toContainText('ready');
  }
  await page.getByRole('button', { name: 'Black box, T = 10', exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('iteration')).toHaveText('10 / 10');
});
