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

/** Static imports (`import … from"./x.js"`, `import"./x.js"`) and dynamic ones (`import("./x.js")`), minified. */
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*"\.\/([^"]+\.js)"/g;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*"\.\/([^"]+\.js)"/g;

/**
 * The JavaScript files the page runs, relative to `dist`: index.html's scripts and their imports;
 * eager: loaded before the page can start (index.html's scripts and what they import statically).
 */
function pageChunks(dist: string): { file: string; eager: boolean }[] {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const queue = referenced(html, /<script[^>]+src="\.?\/?([^"]+\.js)"/g).map((file) => ({ file, eager: true }));
  const seen = new Map<string, boolean>();
  while (queue.length) {
    const { file, eager } = queue.shift()!;
    const known = seen.get(file);
    if (known === true || (known === false && !eager)) continue; // reached before, at least as eagerly
    seen.set(file, eager);
    const text = fs.readFileSync(path.join(dist, file), 'utf8');
    const near = (dep: string) => path.posix.join(path.posix.dirname(file), dep);
    // The worker is started by URL (new URL(…)), not imported.
    for (const dep of referenced(text, STATIC_IMPORT)) queue.push({ file: near(dep), eager });
    for (const dep of referenced(text, DYNAMIC_IMPORT)) queue.push({ file: near(dep), eager: false });
  }
  return [...seen].map(([file, eager]) => ({ file, eager }));
}

/** The tfjs markers a file holds (none for a page without tfjs). */
const tfjsMarkersIn = (text: string) => TFJS_MARKERS.filter((m) => text.includes(m));

interface PageChunk {
  file: string;
  /** Loaded before the page starts, rather than when a part of it is first needed. */
  eager: boolean;
  gzipBytes: number;
  tfjs: string[];
  text: string;
}

export interface PageReport {
  chunks: PageChunk[];
  /** The worker chunk holds the markers: they still find tfjs. */
  markersFoundInWorker: boolean;
}

export function inspectBuiltPage(dist: string): PageReport {
  const chunks = pageChunks(dist).map(({ file, eager }) => {
    const bytes = fs.readFileSync(path.join(dist, file));
    const text = bytes.toString('utf8');
    return { file, eager, gzipBytes: gzipSync(bytes, { level: 6 }).length, tfjs: tfjsMarkersIn(text), text };
  });
  const assets = fs.readdirSync(path.join(dist, 'assets'));
  const worker = assets.find((f) => /^lab\.worker-.*\.js$/.test(f));
  const markersFoundInWorker = worker !== undefined && tfjsMarkersIn(fs.readFileSync(path.join(dist, 'assets', worker), 'utf8')).length === TFJS_MARKERS.length;
  return { chunks, markersFoundInWorker };
}
