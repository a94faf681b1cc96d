// The picker's leaves and the experiment's test set: the format scripts/build-gallery.ts writes into
// public/gallery/ from ../shared/leaves, and the page reads.
import type { ClassName } from '../config';

export interface GalleryItem {
  id: string;
  /** Relative to the site root. */
  src: string;
  label: ClassName;
  species: string;
  condition: string;
}

const GALLERY_INDEX = 'gallery/gallery.json';
/** Every test image, for the experiment's "Run it yourself" (same item shape, JPEG sources). */
export const TEST_SET_INDEX = 'gallery/test-set.json';

export async function fetchGallery(siteUrl: string, index = GALLERY_INDEX): Promise<GalleryItem[]> {
  const response = await fetch(new URL(index, siteUrl));
  if (!response.ok) throw new Error(`${index}: HTTP ${response.status} (run \`npm run gallery\`)`);
  return (await response.json()) as GalleryItem[];
}
