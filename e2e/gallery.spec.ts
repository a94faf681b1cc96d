// The picker is light: it downloads each leaf's half-size thumbnail, and the full 256² leaf (the
// attack's x⁰, lossless) only once a student chooses it, so a lecture hall's Wi-Fi carries ~30 kB
// per leaf shown instead of ~120 kB.
import { expect, test } from './fixtures';
import { LEAF, openLab, waitReady } from './lab-page';

/** Another lab leaf of the gallery (a healthy apple). */
const OTHER_LEAF = 'apple__0329b50094';

test('the gallery shows thumbnails with their size in the markup, and fetches a full leaf only when it is chosen', async ({ page }) => {
  const fullLeaves: string[] = [];
  const thumbnails = new Set<string>();
  page.context().on('request', (request) => {
    const match = /\/gallery\/(thumbs\/)?([\w-]+)\.png$/.exec(new URL(request.url()).pathname);
    if (match?.[1]) thumbnails.add(match[2]);
    else if (match) fullLeaves.push(match[2]);
  });
  await openLab(page, `backend=wasm&image=${LEAF}`);
  await waitReady(page);

  const images = page.getByRole('list', { name: 'Leaf gallery' }).getByRole('img');
  const count = await images.count();
  expect(count).toBeGreaterThan(1);
  for (const image of await images.all()) {
    await expect(image).toHaveAttribute('width', '72');
    await expect(image).toHaveAttribute('height', '72');
    await expect(image).toHaveAttribute('src', /^gallery\/thumbs\/[\w-]+\.png$/);
    // Loaded, at twice the shown size (sharp on 2× screens).
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth, img.naturalHeight])).toEqual([true, 128, 128]);
  }
  expect(thumbnails.size).toBe(count);
  expect(fullLeaves).toEqual([LEAF]);

  await page.getByTestId(`leaf-${OTHER_LEAF}`).click();
  await expect(page).toHaveURL(new RegExp(`image=${OTHER_LEAF}`));
  await expect.poll(() => fullLeaves).toEqual([LEAF, OTHER_LEAF]);
});
