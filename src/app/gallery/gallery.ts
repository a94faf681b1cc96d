// The picker's leaves: public/gallery/gallery.json, built from ../shared/leaves by scripts/build-gallery.ts.
import type { ClassName } from '../../config';

export interface GalleryItem {
  id: string;
  /** Relative to the site root. */
  src: string;
  label: ClassName;
  species: string;
  condition: string;
}

export const GALLERY_INDEX = 'gallery/gallery.json';

export async function fetchGallery(siteUrl: string): Promise<GalleryItem[]> {
  const response = await fetch(new URL(GALLERY_INDEX, siteUrl));
  if (!response.ok) throw new Error(`${GALLERY_INDEX}: HTTP ${response.status} (run \`npm run gallery\`)`);
  return (await response.json()) as GalleryItem[];
}
