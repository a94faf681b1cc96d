// `npm run gallery`: the picker's 24 leaves (../shared/leaves/gallery.csv) → public/gallery/ as
// canonical 256×256 PNGs plus gallery.json. PNG because it decodes to the same bytes everywhere:
// the browser then sees exactly the pixels the Node scripts see (JPEG decoders differ slightly).
// Also the whole test split, for the experiment's "Run it yourself" (test-set.json and test/*.jpg):
// kept as the original JPEGs (3 MB, not ~25 MB of PNG), fetched only when a student runs it.
// Output is gitignored: the photos are never committed.
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { CANONICAL_SIZE, CLASS_NAMES, type ClassName } from '../src/config.ts';
import type { GalleryItem } from '../src/gallery/gallery.ts';
import { cliOptions } from './lib/args.ts';
import { decodeImageFile } from './lib/leaves.ts';
import { GALLERY_DIR, leavesDir } from './lib/paths.ts';
import { TEST_SET_INDEX } from '../src/gallery/gallery.ts';

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trim().split(/\r?\n/).map((line) => line.split(','));
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
}

function main(): void {
  const opts = cliOptions({ data: { type: 'string' }, optional: { type: 'boolean', default: false } });
  const dataDir = leavesDir(opts.data);
  const csv = path.join(dataDir, 'gallery.csv');
  if (!fs.existsSync(csv)) {
    console.error(`build-gallery: ${csv} not found; set --data DIR or LEAVES_DIR to the leaf photos, then run \`npm run gallery\`.`);
    // At install time a missing photo folder is a warning: the models still get decoded.
    process.exit(opts.optional ? 0 : 1);
  }
  fs.rmSync(GALLERY_DIR, { recursive: true, force: true });
  fs.mkdirSync(GALLERY_DIR, { recursive: true });
  const items: GalleryItem[] = parseCsv(fs.readFileSync(csv, 'utf8')).map((row) => {
    if (!(CLASS_NAMES as readonly string[]).includes(row.label)) throw new Error(`gallery.csv: unknown label ${row.label}`);
    const { data, width, height } = decodeImageFile(path.join(dataDir, row.path));
    if (width !== CANONICAL_SIZE || height !== CANONICAL_SIZE) throw new Error(`${row.path}: ${width}×${height}, expected ${CANONICAL_SIZE}²`);
    const id = path.basename(row.path).replace(/\.\w+$/, '');
    const png = new PNG({ width, height });
    png.data = Buffer.from(data);
    fs.writeFileSync(path.join(GALLERY_DIR, `${id}.png`), PNG.sync.write(png));
    return { id, src: `gallery/${id}.png`, label: row.label as ClassName, species: row.species, condition: row.condition };
  });
  fs.writeFileSync(path.join(GALLERY_DIR, 'gallery.json'), JSON.stringify(items, null, 1));
  const testSet = copyTestSplit(dataDir);
  console.log(`build-gallery: ${items.length} leaves and ${testSet} test images → ${path.relative(process.cwd(), GALLERY_DIR)}/`);
}

/** The test split as listed in manifest.csv, in the order the experiment script reads it. */
function copyTestSplit(dataDir: string): number {
  const rows = parseCsv(fs.readFileSync(path.join(dataDir, 'manifest.csv'), 'utf8')).filter((row) => row.split === 'test');
  const dir = path.join(GALLERY_DIR, 'test');
  fs.mkdirSync(dir, { recursive: true });
  const items: GalleryItem[] = rows
    .sort((a, b) => CLASS_NAMES.indexOf(a.label as ClassName) - CLASS_NAMES.indexOf(b.label as ClassName) || (a.path < b.path ? -1 : 1))
    .map((row) => {
      const file = path.basename(row.path);
      fs.copyFileSync(path.join(dataDir, row.path), path.join(dir, file));
      return { id: file.replace(/\.\w+$/, ''), src: `gallery/test/${file}`, label: row.label as ClassName, species: row.species, condition: row.condition };
    });
  fs.writeFileSync(path.join(GALLERY_DIR, path.basename(TEST_SET_INDEX)), JSON.stringify(items, null, 1));
  return items.length;
}

main();
