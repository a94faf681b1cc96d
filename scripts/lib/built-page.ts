// The built site's page chunks (what index.html loads, and what those import, eagerly or lazily)
// apart from the worker's, and whether tfjs is in them. `npm run size` and an e2e test use it.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Strings only tfjs's bundle holds: the names of tfjs-core's IS_BROWSER flag and tfjs-backend-webgl's WEBGL_VERSION flag. */
const TFJS_MARKERS = ['IS_BROWSER', 'WEBGL_VERSION'].map((flag) => `"${flag}"`);
/** The page chunk may grow to this, gzipped (issue 10: a page without tfjs). */
export const PAGE_CHUNK_LIMIT_BYTES = 350_000;

const referenced = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]);

/** The JavaScript files the page runs, relative to `dist`: index.html's scripts and their imports. */
function pageChunks(dist: string): string[] {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const queue = referenced(html, /<script[^>]+src="\.?\/?([^"]+\.js)"/g);
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(path.join(dist, file), 'utf8');
    // Minified static and dynamic imports; the worker is started by URL (new URL(…)), not imported.
    for (const dep of referenced(text, /(?:\bfrom|\bimport)\s*\(?\s*"\.\/([^"]+\.js)"/g)) queue.push(path.posix.join(path.posix.dirname(file), dep));
  }
  return [...seen];
}

/** The tfjs markers a file holds (none for a page without tfjs). */
const tfjsMarkersIn = (text: string) => TFJS_MARKERS.filter((m) => text.includes(m));

export interface PageReport {
  chunks: { file: string; gzipBytes: number; tfjs: string[] }[];
  /** The worker chunk holds the markers: they still find tfjs. */
  markersFoundInWorker: boolean;
}

export function inspectBuiltPage(dist: string): PageReport {
  const chunks = pageChunks(dist).map((file) => {
    const text = fs.readFileSync(path.join(dist, file));
    return { file, gzipBytes: gzipSync(text, { level: 6 }).length, tfjs: tfjsMarkersIn(text.toString('utf8')) };
  });
  const assets = fs.readdirSync(path.join(dist, 'assets'));
  const worker = assets.find((f) => /^lab\.worker-.*\.js$/.test(f));
  const markersFoundInWorker = worker !== undefined && tfjsMarkersIn(fs.readFileSync(path.join(dist, 'assets', worker), 'utf8')).length === TFJS_MARKERS.length;
  return { chunks, markersFoundInWorker };
}
