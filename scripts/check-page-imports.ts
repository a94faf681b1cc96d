// Lint: nothing under src/app reaches tfjs, directly or through a module it imports. The page
// talks to the tfjs worker (src/worker) only through messages (`npm run lint`).
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './lib/paths';
import { forbiddenChain } from './lib/page-imports';

const PAGE_DIR = path.join(PROJECT_ROOT, 'src', 'app');
/** tfjs, and the package whose models need it. */
const FORBIDDEN = /^(@tensorflow\/|nsfwjs$)/;

const pageFiles = (fs.readdirSync(PAGE_DIR, { recursive: true }) as string[])
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
  .map((f) => path.join(PAGE_DIR, f));
const chain = forbiddenChain(pageFiles, FORBIDDEN);
if (chain) {
  console.error(`The page must not import tfjs (only the worker, scripts and tests may):\n  ${chain.map((f) => path.relative(PROJECT_ROOT, f) || f).join('\n  → ')}`);
  process.exit(1);
}
console.log(`check-page-imports: ${pageFiles.length} page modules, none reaches tfjs.`);
