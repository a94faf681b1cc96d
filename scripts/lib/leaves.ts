// Reading the leaf photos from disk (any folder laid out as DIR/<split>/{healthy,diseased}/*.jpg).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { CLASS_NAMES } from '../../src/config.ts';
import { rgbaToCanonical } from '../../src/models/preprocess.ts';

export const SPLITS = ['train', 'val', 'test'] as const;

export interface LeafImage {
  file: string;
  /** Index into CLASS_NAMES. */
  label: number;
  /** From the file name prefix before `__`, else "unknown". */
  species: string;
  /** Which data set (world) the photo belongs to. */
  dataSet: string;
}

/** A folder of photos laid out by split and class, and the name its figures are reported under. */
export interface DataSource {
  name: string;
  dir: string;
}

/** Every photo of one split over several data sets, in order. */
export function listSources(sources: DataSource[], split: string): LeafImage[] {
  return sources.flatMap((s) => listSplit(s.dir, split, s.name));
}

export function listSplit(dataDir: string, split: string, dataSet = path.basename(dataDir)): LeafImage[] {
  const images: LeafImage[] = [];
  CLASS_NAMES.forEach((name, label) => {
    const dir = path.join(dataDir, split, name);
    if (!fs.existsSync(dir)) return;
    for (const f of fs.readdirSync(dir).filter((n) => /\.(jpe?g|png)$/i.test(n)).sort()) {
      const species = f.includes('__') ? f.split('__')[0] : 'unknown';
      images.push({ file: path.join(dir, f), label, species, dataSet });
    }
  });
  if (images.length === 0) throw new Error(`no images under ${path.join(dataDir, split)}/{${CLASS_NAMES.join(',')}}/`);
  return images;
}

/** RGBA pixels of a JPEG or PNG file. */
export function decodeImageFile(file: string): { data: Uint8Array; width: number; height: number } {
  const bytes = fs.readFileSync(file);
  if (/\.png$/i.test(file)) return PNG.sync.read(bytes);
  return jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
}

/** A photo as the canonical 1×256×256×3 tensor in [0,1]. */
export function loadCanonical(file: string): tf.Tensor4D {
  const { data, width, height } = decodeImageFile(file);
  return rgbaToCanonical(data, width, height);
}

/** SHA-256 of manifest.csv (or, for a folder without one, of the sorted file list). */
export function dataFingerprint(dataDir: string): string {
  const manifest = path.join(dataDir, 'manifest.csv');
  const hash = crypto.createHash('sha256');
  if (fs.existsSync(manifest)) hash.update(fs.readFileSync(manifest));
  else for (const split of SPLITS) if (fs.existsSync(path.join(dataDir, split))) hash.update(listSplit(dataDir, split).map((i) => i.file).join('\n'));
  return hash.digest('hex');
}
