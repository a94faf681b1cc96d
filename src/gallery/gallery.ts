// The picker's leaves and the experiment's test sets: the format scripts/build-gallery.ts writes into
// public/gallery/ from each data set's folder (../shared/leaves, ../shared/leaves-field), and the page reads.
import type { ClassName } from '../config';
import type { DataSet } from '../data-sets';

export interface GalleryItem {
  id: string;
  /** Relative to the site root. */
  src: string;
  label: ClassName;
  species: string;
  condition: string;
  /** The world the photo comes from: a lab photo (detached leaf) or a field photo (leaf on the plant). */
  dataSet: DataSet;
}

const GALLERY_INDEX = 'gallery/gallery.json';

/** The picker shows each leaf at this size in CSS pixels (its thumbnail has twice as many, for sharp 2× screens). */
export const THUMBNAIL_CSS_SIZE = 72;

/**
 * A picker item's thumbnail: the leaf at half size (128²; the page downloads these up front).
 * The attack reads `src`, the full leaf, fetched only when it is chosen.
 */
export function thumbnailOf(item: GalleryItem): string {
  return `gallery/thumbs/${item.id}.png`;
}

/**
 * A data set's test split, for the experiment's "Run it yourself" (same item shape, JPEG sources
 * under `gallery/test-sets/<set>/`). Written only for the data sets whose photos were there at build time.
 */
export function testSetIndex(set: DataSet): string {
  return `gallery/test-sets/${set}.json`;
}

export async function fetchGallery(siteUrl: string, index = GALLERY_INDEX): Promise<GalleryItem[]> {
  const response = await fetch(new URL(index, siteUrl));
  if (!response.ok) throw new Error(`${index}: HTTP ${response.status} (run \`npm run gallery\`)`);
  return (await response.json()) as GalleryItem[];
}
