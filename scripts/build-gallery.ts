// `npm run gallery`: the picker's leaves — every data set's gallery.csv (24 lab photos from
// ../shared/leaves, 8 field photos from ../shared/leaves-field where that folder exists) → public/gallery/
// as canonical 256×256 PNGs plus one gallery.json, and a half-size thumbnail of each for the picker.
// PNG because it decodes to the same bytes everywhere: the browser then sees exactly the pixels the
// Node scripts see (JPEG decoders differ slightly). RGB without alpha (the leaves are opaque), at
// zlib's level 9: about a quarter smaller than pngjs's RGBA default, the same pixels.
// Also each data set's whole test split, for the experiment's "Run it yourself" (test-sets/<set>.json
// and test-sets/<set>/*.jpg): kept as the original JPEGs (3 MB, not ~25 MB of PNG), fetched only when
// a student runs it. Output is gitignored: the photos are never committed.
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { CANONICAL_SIZE } from '../src/config.ts';
import { DATA_SET_IDS, DATA_SETS, type DataSet } from '../src/data-sets.ts';
import { testSetIndex, thumbnailOf } from '../src/gallery/gallery.ts';
import { cliOptions } from './lib/args.ts';
import { galleryEntries, parseCsv, testSetEntries, type CsvRow } from './lib/gallery-items.ts';
import { decodeImageFile } from './lib/leaves.ts';
import { halveRgba } from './lib/thumbnail.ts';
import { dataSetDir, GALLERY_DIR, leavesDir, PUBLIC_DIR } from './lib/paths.ts';

const readCsv = (file: string): CsvRow[] => parseCsv(fs.readFileSync(file, 'utf8'));

/** Opaque RGBA pixels as an RGB PNG. */
function writePng(file: string, image: { data: Uint8Array; width: number; height: number }): void {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data);
  fs.writeFileSync(file, PNG.sync.write(png, { colorType: 2, inputColorType: 6, inputHasAlpha: true, deflateLevel: 9 }));
}

function main(): void {
  const opts = cliOptions({ data: { type: 'string' }, optional: { type: 'boolean', default: false } });
  // `--data DIR` (or $LEAVES_DIR) for the lab photos, $LEAVES_FIELD_DIR for the field photos.
  const dirs: Record<DataSet, string> = { lab: leavesDir(opts.data), field: dataSetDir('field') };
  const present = DATA_SET_IDS.filter((set) => {
    const csv = path.join(dirs[set], 'gallery.csv');
    if (fs.existsSync(csv)) return true;
    if (set === 'lab') {
      console.error(`build-gallery: ${csv} not found; set --data DIR or LEAVES_DIR to the leaf photos, then run \`npm run gallery\`.`);
      // At install time a missing photo folder is a warning: the models still get decoded.
      process.exit(opts.optional ? 0 : 1);
    }
    console.warn(`build-gallery: no ${DATA_SETS[set].title} (${csv} not found; set LEAVES_FIELD_DIR): the gallery has lab photos only.`);
    return false;
  });

  const entries = galleryEntries(present.map((set) => ({ set, rows: readCsv(path.join(dirs[set], 'gallery.csv')) })));
  const testSets = present.map((set) => ({ set, entries: testSetEntries(set, readCsv(path.join(dirs[set], 'manifest.csv'))) }));

  fs.rmSync(GALLERY_DIR, { recursive: true, force: true });
  fs.mkdirSync(path.join(GALLERY_DIR, 'thumbs'), { recursive: true });
  for (const { item, file } of entries) {
    const image = decodeImageFile(path.join(dirs[item.dataSet], file));
    if (image.width !== CANONICAL_SIZE || image.height !== CANONICAL_SIZE) throw new Error(`${item.dataSet} ${file}: ${image.width}×${image.height}, expected ${CANONICAL_SIZE}²`);
    if (image.data.some((v, i) => i % 4 === 3 && v !== 255)) throw new Error(`${item.dataSet} ${file}: has transparent pixels`);
    writePng(path.join(PUBLIC_DIR, item.src), image);
    writePng(path.join(PUBLIC_DIR, thumbnailOf(item)), halveRgba(image.data, image.width, image.height));
  }
  fs.writeFileSync(path.join(GALLERY_DIR, 'gallery.json'), JSON.stringify(entries.map((e) => e.item), null, 1));

  for (const { set, entries: split } of testSets) {
    fs.mkdirSync(path.join(PUBLIC_DIR, testSetIndex(set).replace(/\.json$/, '')), { recursive: true });
    for (const { item, file } of split) fs.copyFileSync(path.join(dirs[set], file), path.join(PUBLIC_DIR, item.src));
    fs.writeFileSync(path.join(PUBLIC_DIR, testSetIndex(set)), JSON.stringify(split.map((e) => e.item), null, 1));
  }
  const count = (set: DataSet) => entries.filter((e) => e.item.dataSet === set).length;
  const sets = present.map((set) => `${count(set)} ${DATA_SETS[set].title} (test split: ${testSets.find((t) => t.set === set)!.entries.length})`);
  console.log(`build-gallery: ${sets.join(', ')} → ${path.relative(process.cwd(), GALLERY_DIR)}/`);
}

main();
