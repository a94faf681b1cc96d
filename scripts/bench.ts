// `npm run bench -- [--json] [--steps N] [--backends webgl,wasm,cpu] [--models inception_v3,mobilenet_v2]`
// Times the attack's gradient step in headless Chromium (the real browser path), per backend and
// model: load, first step (shader compilation on webgl), median step, median forward pass, and
// tfjs's stock tf.grad step where it can run (not on wasm: kernels missing), with their ratios,
// and the query-only attack's queries per second (forward passes of QUERY_BATCH images).
import os from 'node:os';
import type { Page } from '@playwright/test';
import { BACKENDS, type BackendName } from '../src/backend/names.ts';
import { MODEL_IDS, type ModelId } from '../src/models/specs.ts';
import { cliOptions } from './lib/args.ts';
import { withSiteInChromium } from './lib/browser.ts';

interface Row {
  backend: BackendName;
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
  error?: string;
}

const round = (v: number | null, digits = 0) => (v == null ? null : Number(v.toFixed(digits)));

async function benchBackend(page: Page, backend: BackendName, models: ModelId[], steps: number): Promise<Row[]> {
  const info = await page.evaluate((b) => window.harness.selectBackend(b), backend).catch((e: Error) => ({ backend: null, renderer: null, error: e.message }));
  const rows: Row[] = [];
  for (const model of models) {
    const empty = { backend, model, loadMs: null, firstStepMs: null, stepMs: null, forwardMs: null, stockStepMs: null, oursOverForward: null, stockOverOurs: null, tensorsPerStep: null, queriesPerSecond: null, renderer: info.renderer };
    if (info.backend !== backend) {
      rows.push({ ...empty, error: `backend unavailable${'error' in info ? `: ${info.error}` : ''}` });
      continue;
    }
    // Stock tf.grad on cpu takes minutes per InceptionV3 step: one timed step is enough there.
    const stockSteps = backend === 'cpu' ? 1 : 3;
    process.stderr.write(`bench: ${backend} ${model}…\n`);
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
      });
    } catch (e) {
      rows.push({ ...empty, error: e instanceof Error ? e.message.split('\n')[0] : String(e) });
    }
  }
  return rows;
}

function table(rows: Row[]): string {
  const cols: (keyof Row)[] = ['backend', 'model', 'loadMs', 'firstStepMs', 'stepMs', 'forwardMs', 'stockStepMs', 'oursOverForward', 'stockOverOurs', 'tensorsPerStep', 'queriesPerSecond'];
  const line = (cells: unknown[]) => `| ${cells.map((c) => (c == null ? '–' : String(c))).join(' | ')} |`;
  return [line(cols), line(cols.map(() => '---')), ...rows.map((r) => line(cols.map((c) => r[c]))), '', ...[...new Set(rows.map((r) => `${r.backend}: ${r.renderer ?? r.error}`))]].join('\n');
}

async function main() {
  const opts = cliOptions({
    json: { type: 'boolean', default: false },
    steps: { type: 'string', default: '10' },
    backends: { type: 'string', default: BACKENDS.join(',') },
    models: { type: 'string', default: MODEL_IDS.join(',') },
  });
  const rows: Row[] = [];
  let userAgent = '';
  await withSiteInChromium(async (url, browser) => {
    for (const backend of opts.backends!.split(',') as BackendName[]) {
      const page = await browser.newPage();
      await page.goto(`${url}e2e/harness/index.html`);
      await page.waitForFunction(() => 'harness' in window);
      userAgent = await page.evaluate(() => navigator.userAgent);
      rows.push(...(await benchBackend(page, backend, opts.models!.split(',') as ModelId[], Number(opts.steps))));
      await page.close();
    }
  });
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), userAgent, date: new Date().toISOString() };
  if (opts.json) console.log(JSON.stringify({ machine, results: rows }));
  else console.log(`${JSON.stringify(machine)}\n\n${table(rows)}`);
}

await main();
