// Where things live on disk, for the Node scripts and tests (one source of truth).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'public');
export const MODELS_DIR = path.join(PUBLIC_DIR, 'models');
export const GALLERY_DIR = path.join(PUBLIC_DIR, 'gallery');
export const HEADS_DIR = path.join(PROJECT_ROOT, 'src', 'models', 'heads');
/** The experiment's committed results and figure. */
export const RESULTS_DIR = path.join(PROJECT_ROOT, 'src', 'experiment', 'results');
export const NSFWJS_MODELS_DIR = path.join(PROJECT_ROOT, 'node_modules', 'nsfwjs', 'dist', 'models');

/** The leaf photos: `--data DIR`, else $LEAVES_DIR, else ../shared/leaves beside the project. */
export function leavesDir(flag?: string): string {
  return path.resolve(flag ?? process.env.LEAVES_DIR ?? path.join(PROJECT_ROOT, '..', 'shared', 'leaves'));
}
