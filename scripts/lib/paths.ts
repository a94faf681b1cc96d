// Where things live on disk, for the Node scripts and tests (one source of truth).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { DATA_SET_IDS, DATA_SETS, type DataSet } from '../../src/data-sets.ts';
import type { DataSource } from './leaves.ts';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'public');
export const MODELS_DIR = path.join(PUBLIC_DIR, 'models');
/** The whole bases, decoded for training only (it compares cuts beyond the one the page ships). */
export const WHOLE_BASES_ROOT = path.join(PROJECT_ROOT, '.cache', 'whole-bases');
export const WHOLE_BASES_DIR = path.join(WHOLE_BASES_ROOT, 'models');
export const GALLERY_DIR = path.join(PUBLIC_DIR, 'gallery');
export const HEADS_DIR = path.join(PROJECT_ROOT, 'src', 'models', 'heads');
/** The experiment's committed results and figure. */
export const RESULTS_DIR = path.join(PROJECT_ROOT, 'src', 'experiment', 'results');
export const NSFWJS_MODELS_DIR = path.join(PROJECT_ROOT, 'node_modules', 'nsfwjs', 'dist', 'models');

/** The lab photos: `--data DIR`, else $LEAVES_DIR, else ../shared/leaves beside the project. */
export function leavesDir(flag?: string): string {
  return flag ? path.resolve(flag) : dataSetDir('lab');
}

/** A data set's folder: $LEAVES_DIR / $LEAVES_FIELD_DIR override, else ../shared/<folder> beside the project. */
export function dataSetDir(set: DataSet): string {
  const override = set === 'lab' ? process.env.LEAVES_DIR : process.env.LEAVES_FIELD_DIR;
  return path.resolve(override ?? path.join(PROJECT_ROOT, '..', 'shared', DATA_SETS[set].folder));
}

/**
 * The data sets a script reads: `--data DIR` (repeatable; named after the data set whose folder it
 * is, else after the folder), else every data set whose folder exists (the lab photos must).
 */
export function dataSources(dirs: string[] = []): DataSource[] {
  if (dirs.length) {
    return dirs.map((d) => {
      const dir = path.resolve(d);
      const known = DATA_SET_IDS.find((id) => DATA_SETS[id].folder === path.basename(dir));
      return { name: known ?? path.basename(dir), dir };
    });
  }
  return DATA_SET_IDS.filter((id) => id === 'lab' || fs.existsSync(dataSetDir(id))).map((id) => ({ name: id, dir: dataSetDir(id) }));
}
