// A decoded base's files.json read from disk, for tests in Node and e2e: through the page's own
// parser, so every test sees the entries the page would accept, not a cast of raw JSON.
import fs from 'node:fs';
import path from 'node:path';
import { MODELS_DIR } from '../../../scripts/lib/paths';
import { parseManifest, type ModelFileInfo } from '../manifest';
import type { ModelId } from '../specs';

/** files.json of base `id` in `modelsDir` (the page's public/models, or the whole bases'). */
export function readFileIndex(id: ModelId, modelsDir = MODELS_DIR): ModelFileInfo[] {
  const file = path.join(modelsDir, id, 'files.json');
  return parseManifest(file, fs.readFileSync(file, 'utf8'));
}

/** The total size of `files`, in bytes. */
export const totalBytes = (files: readonly ModelFileInfo[]): number => files.reduce((n, f) => n + f.bytes, 0);
