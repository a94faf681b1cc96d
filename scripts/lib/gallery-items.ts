// What scripts/build-gallery.ts writes, worked out from each data set's CSV rows alone (no disk, so
// it is tested): the picker's items over all data sets, and each data set's test split.
import { CLASS_NAMES, type ClassName } from '../../src/config.ts';
import type { DataSet } from '../../src/data-sets.ts';
import { testSetIndex, type GalleryItem } from '../../src/gallery/gallery.ts';

export type CsvRow = Record<string, string>;

/** An item and the photo it is made from (`file`: relative to its data set's folder). */
export interface GalleryEntry {
  item: GalleryItem;
  file: string;
}

/** RFC 4180 rows keyed by the header (quoted fields may hold commas and doubled quotes). */
export function parseCsv(text: string): CsvRow[] {
  const lines: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    cells.push(cell);
    cell = '';
  };
  const endLine = () => {
    endCell();
    lines.push(cells);
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') cell += text[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n') endLine();
    else if (c !== '\r') cell += c;
  }
  if (cell !== '' || cells.length) endLine();
  const [header, ...rows] = lines.filter((l) => l.some((v) => v !== ''));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

function entry(set: DataSet, row: CsvRow, where: string, srcDir: string, ext: (file: string) => string): GalleryEntry {
  if (!row.path) throw new Error(`${where}: a row without a path`);
  if (!(CLASS_NAMES as readonly string[]).includes(row.label)) throw new Error(`${where}: ${row.path}: unknown label "${row.label}"`);
  const name = row.path.split('/').pop()!;
  const id = name.replace(/\.\w+$/, '');
  // The id names a file under public/gallery/ and rides in links (?image=).
  if (!/^[\w-]+$/.test(id)) throw new Error(`${where}: ${row.path}: the id "${id}" is not made of letters, digits, _ and -`);
  return { item: { id, src: `${srcDir}/${ext(name)}`, label: row.label as ClassName, species: row.species, condition: row.condition, dataSet: set }, file: row.path };
}

/** Fails on the first id two entries share (they would overwrite each other's file). */
function assertUniqueIds(entries: GalleryEntry[], what: string): void {
  const seen = new Map<string, GalleryEntry>();
  for (const e of entries) {
    const first = seen.get(e.item.id);
    if (first) throw new Error(`${what}: duplicate id "${e.item.id}": ${first.item.dataSet} ${first.file} and ${e.item.dataSet} ${e.file}`);
    seen.set(e.item.id, e);
  }
}

/**
 * The picker's leaves: every data set's gallery.csv rows, in the order given (the lab's first, so
 * the default leaf stays a lab photo), as canonical PNGs `gallery/<id>.png`. Ids are unique over all sets.
 */
export function galleryEntries(sets: { set: DataSet; rows: CsvRow[] }[]): GalleryEntry[] {
  const entries = sets.flatMap(({ set, rows }) => rows.map((row) => entry(set, row, `${set} gallery.csv`, 'gallery', (name) => name.replace(/\.\w+$/, '.png'))));
  assertUniqueIds(entries, 'gallery');
  return entries;
}

/**
 * One data set's test split as listed in its manifest.csv, in the order the experiment script reads
 * it (healthy, then diseased; by path), as the original files under `gallery/test-sets/<set>/`.
 */
export function testSetEntries(set: DataSet, manifest: CsvRow[]): GalleryEntry[] {
  const dir = testSetIndex(set).replace(/\.json$/, '');
  const entries = manifest
    .filter((row) => row.split === 'test')
    .sort((a, b) => CLASS_NAMES.indexOf(a.label as ClassName) - CLASS_NAMES.indexOf(b.label as ClassName) || (a.path < b.path ? -1 : 1))
    .map((row) => entry(set, row, `${set} manifest.csv`, dir, (name) => name));
  assertUniqueIds(entries, `${set} test split`);
  return entries;
}
