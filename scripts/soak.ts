// `npm run soak -- [--json] [--iterations 1000] [--switches 100] [--port 5187]`
// A long session in headless Chromium through the real page (wasm backend, black box, T = 50):
// image switches, then Runs up to the iteration count; prints the worker's tfjs tensors and bytes
// and its JS heap (after garbage collection, via the DevTools protocol) at the start and the end.
// It measures the production build (built into a temporary folder and served by `vite preview`),
// which an edit to the sources cannot reload mid-run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { CHROMIUM_LAUNCH } from '../e2e/chromium.ts';
import { soak } from '../e2e/soak.ts';
import { cliOptions } from './lib/args.ts';

async function main() {
  const opts = cliOptions({
    json: { type: 'boolean', default: false },
    iterations: { type: 'string', default: '1000' },
    switches: { type: 'string', default: '100' },
    port: { type: 'string', default: '5187' },
  });
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adversarial-leaves-soak-'));
  await build({ build: { outDir, emptyOutDir: true }, logLevel: 'error' });
  const server = await preview({ build: { outDir }, preview: { port: Number(opts.port), strictPort: true }, logLevel: 'error' });
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => process.stderr.write(`soak: page error: ${e.message}\n`));
    const figures = await soak(page, server.resolvedUrls!.local[0], {
      iterations: Number(opts.iterations),
      switches: Number(opts.switches),
      log: (line) => process.stderr.write(`soak: ${line}\n`),
    });
    const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', userAgent: await page.evaluate(() => navigator.userAgent), date: new Date().toISOString() };
    if (opts.json) {
      console.log(JSON.stringify({ machine, backend: 'wasm', ...figures }));
    } else {
      const { tensors, bytes, workerHeap: heap } = figures;
      console.log(`${figures.iterations} iterations, ${figures.switches} image switches in ${figures.seconds} s (wasm, ${machine.userAgent})`);
      console.log(`tfjs tensors: ${tensors.start} → ${tensors.end}`);
      console.log(`tfjs bytes:   ${bytes.start} → ${bytes.end}`);
      console.log(`worker heap:  ${heap.start} → ${heap.end} bytes (max ${heap.max} over ${heap.samples.length} samples, after GC)`);
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
