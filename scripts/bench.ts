// `npm run bench -- [--json] [--steps N] [--backends webgpu,webgl,wasm,cpu] [--models inception_v3,mobilenet_v2] [--profile]`
// Times the attack's gradient step in headless Chromium (the real browser path), per backend and
// model: load, first step (shader compilation on webgl), median step, median forward pass, and
// tfjs's stock tf.grad step where it can run (not on wasm: kernels missing), with their ratios,
// and the query-only attack's queries per second (forward passes of QUERY_BATCH images). wasm runs
// twice, on one thread and on every core (the dev server isolates the page, so threads work).
// --profile adds one step's milliseconds per kernel (tf.profile): what threads speed up and what not.
import os from 'node:os';
import type { Page } from '@playwright/test';
import { BACKENDS, type BackendName } from '../src/backend/names.ts';
import { MODEL_IDS, type ModelId } from '../src/models/specs.ts';
import { cliOptions } from './lib/args.ts';
import { withSiteInChromium } from './lib/browser.ts';

interface Row {
  backend: BackendName;
  /** wasm's thread count as tfjs reports it; null on other backends. */
  threads: number | null;
  model: ModelId;
  loadMs: number | null;
  firstStepMs: number | null;
  stepMs: number | null;
  forwardMs: number | null;
  stockStepMs: number | null;
  oursOverForward: number | null;
  stockOverOurs: number | null;
  tensorsPerStep: number | null;
  /** Query only: images f answers per second in batches of QUERY_BATCH. */
  queriesPerSecond: number | null;
  renderer: string | null;
  /** --profile: one step's milliseconds per kernel, the largest first. */
  kernelMs?: Record<string, number>;
  error?: string;
}

const KERNELS_SHOWN = 8;

async function kernelMs(page: Page, model: ModelId): Promise<Record<string, number>> {
  const byName = await page.evaluate((m) => window.harness.kernelMs(m), model);
  const largest = Object.entries(byName).sort((a, b) => b[1] - a[1]);
  const rest = largest.slice(KERNELS_SHOWN).reduce((sum, [, ms]) => sum + ms, 0);
  return Object.fromEntries([...largest.slice(0, KERNELS_SHOWN), ['others', rest]].map(([name, ms]) => [name, Math.round(ms as number)]));
}

const round = (v: number | null, digits = 0) => (v == null ? null : Number(v.toFixed(digits)));

/** A backend as benchmarked: wasm once on one thread and once on every core (threads absent). */
interface Setup {
  backend: BackendName;
  wasmThreads?: number;
}

const setups = (backends: BackendName[]): Setup[] => backends.flatMap((backend): Setup[] => (backend === 'wasm' ? [{ backend, wasmThreads: 1 }, { backend }] : [{ backend }]));

async function benchBackend(page: Page, { backend, wasmThreads }: Setup, models: ModelId[], steps: number, profile: boolean): Promise<Row[]> {
  const info = await page.evaluate(([b, t]) => window.harness.selectBackend(b, t), [backend, wasmThreads] as const).catch((e: Error) => ({ backend: null, renderer: null, threads: null, error: e.message }));
  const rows: Row[] = [];
  for (const model of models) {
    const empty = { backend, threads: info.threads, model, loadMs: null, firstStepMs: null, stepMs: null, forwardMs: null, stockStepMs: null, oursOverForward: null, stockOverOurs: null, tensorsPerStep: null, queriesPerSecond: null, renderer: info.renderer };
    if (info.backend !== backend) {
      rows.push({ ...empty, error: `backend unavailable${'error' in info ? `: ${info.error}` : ''}` });
      continue;
    }
    // Stock tf.grad on cpu takes minutes per InceptionV3 step: one timed step is enough there.
    const stockSteps = backend === 'cpu' ? 1 : 3;
    process.stderr.write(`bench: ${backend}${info.threads ? ` (threads: ${info.threads})` : ''} ${model}…\n`);
    try {
      const r = await page.evaluate(([m, n, s]) => window.harness.bench(m, n, s), [model, steps, stockSteps] as const);
      rows.push({
        ...empty,
        loadMs: round(r.loadMs),
        firstStepMs: round(r.firstStepMs),
        stepMs: round(r.stepMs),
        forwardMs: round(r.forwardMs),
        stockStepMs: round(r.stockStepMs),
        oursOverForward: round(r.stepMs / r.forwardMs, 2),
        stockOverOurs: r.stockStepMs == null ? null : round(r.stockStepMs / r.stepMs, 2),
        tensorsPerStep: r.tensorsPerStep,
        queriesPerSecond: round(r.queriesPerSecond, 1),
        ...(profile ? { kernelMs: await kernelMs(page, model) } : {}),
      });
    } catch (e) {
      rows.push({ ...empty, error: e instanceof Error ? e.message.split('\n')[0] : String(e) });
    }
  }
  return rows;
}

function table(rows: Row[]): string {
  const cols: (keyof Row)[] = ['backend', 'threads', 'model', 'loadMs', 'firstStepMs', 'stepMs', 'forwardMs', 'stockStepMs', 'oursOverForward', 'stockOverOurs', 'tensorsPerStep', 'queriesPerSecond'];
  const line = (cells: unknown[]) => `| ${cells.map((c) => (c == null ? '–' : String(c))).join(' | ')} |`;
  const profiles = rows.filter((r) => r.kernelMs).map((r) => `${r.backend}${r.threads ? `, ${r.threads} thread(s)` : ''}, ${r.model}, ms per kernel: ${Object.entries(r.kernelMs!).map(([k, ms]) => `${k} ${ms}`).join(', ')}`);
  return [line(cols), line(cols.map(() => '---')), ...rows.map((r) => line(cols.map((c) => r[c]))), '', ...[...new Set(rows.map((r) => `${r.backend}: ${r.renderer ?? r.error}`))], ...profiles].join('\n');
}

async function main() {
  const opts = cliOptions({
    json: { type: 'boolean', default: false },
    steps: { type: 'string', default: '10' },
    backends: { type: 'string', default: BACKENDS.join(',') },
    models: { type: 'string', default: MODEL_IDS.join(',') },
    profile: { type: 'boolean', default: false },
  });
  const rows: Row[] = [];
  let userAgent = '';
  await withSiteInChromium(async (url, browser) => {
    // A fresh page per setup: tfjs's wasm module fixes its thread count when it first starts.
    for (const setup of setups(opts.backends!.split(',') as BackendName[])) {
      const page = await browser.newPage();
      await page.goto(`${url}e2e/harness/index.html`);
      await page.waitForFunction(() => 'harness' in window);
      userAgent = await page.evaluate(() => navigator.userAgent);
      rows.push(...(await benchBackend(page, setup, opts.models!.split(',') as ModelId[], Number(opts.steps), Boolean(opts.profile))));
      await page.close();
    }
  });
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), userAgent, date: new Date().toISOString() };
  if (opts.json) console.log(JSON.stringify({ machine, results: rows }));
  else console.log(`${JSON.stringify(machine)}\n\n${table(rows)}`);
}

await main();
