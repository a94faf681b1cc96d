// What a first visit to the built site downloads, by kind of file: everything the service worker
// precaches (the page itself fetches a subset of it); then the page's own chunks, which must hold
// no tfjs (it lives in the worker). Run after `npm run build`: `npm run size`.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { inspectBuiltPage, PAGE_CHUNK_LIMIT_BYTES } from './lib/built-page';
import { PROJECT_ROOT } from './lib/paths';

const DIST = path.join(PROJECT_ROOT, 'dist');

const KINDS: [string, RegExp][] = [
  ['model weights and topology (models/)', /^models\//],
  ['gallery photos and index (gallery/)', /^gallery\//],
  ['JavaScript (app, tfjs, worker)', /\.js$/],
  ['WebAssembly (tfjs wasm backends)', /\.wasm$/],
  ['fonts (KaTeX, woff2)', /\.woff2$/],
  ['CSS', /\.css$/],
  ['HTML, manifest, icon', /\.(html|webmanifest|svg)$/],
  ['example lessons (lessons/)', /^lessons\//],
];

/** The precache list of the service worker Workbox generated (plus the worker scripts themselves). */
function precached(): string[] {
  const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  // Workbox writes the list as JSON (`"url":"…"`), a generated worker as a JS literal (`url:"…"`).
  const urls = [...sw.matchAll(/\burl"?:"([^"]+)"/g)].map((m) => m[1]);
  const workbox = fs.readdirSync(DIST).filter((f) => /^(sw|workbox-[\w-]+)\.js$/.test(f));
  return [...new Set([...urls, ...workbox])];
}

if (!fs.existsSync(path.join(DIST, 'sw.js'))) throw new Error('dist/sw.js not found: run `npm run build` first');
const rows = new Map(KINDS.map(([kind]) => [kind, { files: 0, bytes: 0, gzip: 0 }]));
for (const url of precached()) {
  const kind = KINDS.find(([, re]) => re.test(url))?.[0];
  if (!kind) throw new Error(`no kind for ${url}`);
  const data = fs.readFileSync(path.join(DIST, url));
  const row = rows.get(kind)!;
  row.files++;
  row.bytes += data.length;
  row.gzip += /\.(png|woff2)$/.test(url) ? data.length : gzipSync(data, { level: 6 }).length;
}
const mb = (n: number) => (n / 1e6).toFixed(2);
const total = [...rows.values()].reduce((t, r) => ({ files: t.files + r.files, bytes: t.bytes + r.bytes, gzip: t.gzip + r.gzip }), { files: 0, bytes: 0, gzip: 0 });
console.log('| kind | files | MB | MB gzipped |\n|---|---|---|---|');
for (const [kind, r] of [...rows, ['**total**', total] as const]) console.log(`| ${kind} | ${r.files} | ${mb(r.bytes)} | ${mb(r.gzip)} |`);

const page = inspectBuiltPage(DIST);
if (!page.markersFoundInWorker) throw new Error("tfjs's markers are not in the worker chunk any more: update scripts/lib/built-page.ts");
console.log('\n| page chunk | loaded | kB gzipped | tfjs |\n|---|---|---|---|');
for (const c of page.chunks) console.log(`| ${c.file} | ${c.eager ? 'at start' : 'when needed'} | ${(c.gzipBytes / 1e3).toFixed(1)} | ${c.tfjs.length ? `yes (${c.tfjs.join(', ')})` : 'none'} |`);
const eager = page.chunks.filter((c) => c.eager).reduce((n, c) => n + c.gzipBytes, 0);
console.log(`loaded at start: ${(eager / 1e3).toFixed(1)} kB gzipped`);
const largest = Math.max(...page.chunks.map((c) => c.gzipBytes));
console.log(`largest page chunk: ${(largest / 1e3).toFixed(1)} kB gzipped (limit ${PAGE_CHUNK_LIMIT_BYTES / 1e3} kB)`);
if (page.chunks.some((c) => c.tfjs.length)) throw new Error('tfjs is in the page chunks: only the worker may import it');
if (largest > PAGE_CHUNK_LIMIT_BYTES) throw new Error('the page chunk is over its limit');
