// `npm run first-frame -- [--json] [--whole-models] [--runs N] [--mbps 10] [--latency-ms 40]`: a first visit
// on a slow network (issue 13), from navigation until the lab's first white-box frame is on screen
// (x⁰ with the verdict of f, the white-box target, which loads after g), in Debian's headless
// Chromium on a cold cache (a fresh context). The site is built into a temporary folder and served
// by `vite preview` (its isolation and policy headers) on a free port. The network is throttled
// through the DevTools protocol (Network.emulateNetworkConditions on the page): the lab's worker,
// which fetches the wasm binary, the models and x⁰, shares the page's throttled link. The service
// worker is blocked: its precache (everything the site holds) is a target of its own that the
// page's throttle does not cover, and this measures what the page itself waits for.
// `--whole-models` serves nsfwjs's whole bases (.cache/whole-bases/models/<id>/, decoded by
// `npm install`) in place of the cut ones: what the page downloaded before the cut, with today's
// heads and code (a base's plan is built up to its head's cut layer either way). `--runs N` loads
// the page N times (each in a fresh context) and adds the medians: the models' warm-up is CPU-bound.
// A benchmark, not part of `npm test`: its figures depend on the machine and take minutes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type CDPSession } from '@playwright/test';
import { build, preview } from 'vite';
import { CHROMIUM_LAUNCH } from '../e2e/chromium.ts';
import { MODEL_IDS, type ModelId } from '../src/models/specs.ts';
import { cliOptions } from './lib/args.ts';
import { WHOLE_BASES_DIR } from './lib/paths.ts';

const TIMEOUT_MS = 20 * 60_000;

/** What the page marks, in ms since navigation start (its performance.now()): see watchPage(). */
interface PageMarks {
  backend?: number;
  firstFrame?: number;
  whiteBoxFrame?: number;
}

/**
 * Runs in the page before its own scripts: marks the animation frame in which each milestone's
 * element first appears (the frame that paints it): the backend badge, the first frame (x⁰ with
 * MobileNetV2's verdict, which loads first) and the first white-box frame (f's verdict beside x⁰).
 */
function watchPage(): void {
  const selectors = { backend: '[data-testid="backend"]', firstFrame: '[data-testid="iteration"]', whiteBoxFrame: '[data-testid="verdict-inception_v3"]' };
  const marks: Record<string, number> = {};
  const pending = new Set<string>();
  Object.assign(window, { firstFrameMarks: marks });
  new MutationObserver(() => {
    for (const [name, selector] of Object.entries(selectors)) {
      if (name in marks || pending.has(name) || !document.querySelector(selector)) continue;
      pending.add(name);
      requestAnimationFrame(() => (marks[name] = performance.now()));
    }
  }).observe(document, { subtree: true, childList: true });
}

interface Fetched {
  url: string;
  /** Which target fetched it: the page or its worker. */
  by: string;
  bytes: number;
  /** When it was requested and when its last byte arrived, in the browser's monotonic clock (s). */
  sent: number;
  finished: number;
}

/** Network.emulateNetworkConditions' parameters: throughput in bytes per second, the same both ways. */
const conditions = (mbps: number, latencyMs: number) => ({ offline: false, latency: latencyMs, downloadThroughput: (mbps * 1e6) / 8, uploadThroughput: (mbps * 1e6) / 8 });

/**
 * Throttles the page and records what it and its workers fetch. A dedicated worker's requests go
 * through its page's throttle, on the same link (a worker target answers "Not supported" to the
 * command itself); workers are auto-attached only to watch their requests, in the protocol's
 * non-flat mode (their messages travel inside this one session, which Playwright's CDPSession can
 * carry), and held until their Network domain is on, so that none of their requests is missed.
 */
async function throttle(cdp: CDPSession, params: ReturnType<typeof conditions>): Promise<{ fetched: Fetched[]; navigationStart: () => { monotonic: number; wallMs: number } }> {
  const fetched: Fetched[] = [];
  const sent = new Map<string, { url: string; at: number }>();
  let document: { monotonic: number; wallMs: number } | undefined;
  const onNetwork = (by: string, method: string, event: Record<string, unknown>) => {
    const id = `${by}:${event.requestId as string}`;
    if (method === 'Network.requestWillBeSent') {
      sent.set(id, { url: (event.request as { url: string }).url, at: event.timestamp as number });
      if (event.type === 'Document' && !document) document = { monotonic: event.timestamp as number, wallMs: (event.wallTime as number) * 1000 };
    }
    const request = sent.get(id);
    if (method === 'Network.loadingFinished' && request) fetched.push({ url: request.url, by, bytes: event.encodedDataLength as number, sent: request.at, finished: event.timestamp as number });
  };
  for (const method of ['Network.requestWillBeSent', 'Network.loadingFinished'] as const) cdp.on(method, (e) => onNetwork('page', method, e as unknown as Record<string, unknown>));

  let nextId = 0;
  const replies = new Map<string, (reply: { error?: { message: string } }) => void>();
  const sendTo = (sessionId: string, method: string) =>
    new Promise<void>((resolve, reject) => {
      const id = ++nextId;
      replies.set(`${sessionId}:${id}`, (reply) => (reply.error ? reject(new Error(`${method}: ${reply.error.message}`)) : resolve()));
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(reject);
    });
  cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    const m = JSON.parse(message) as { id?: number; method?: string; params?: Record<string, unknown>; error?: { message: string } };
    if (m.id !== undefined) replies.get(`${sessionId}:${m.id}`)?.(m);
    else if (m.method && m.params) onNetwork(`worker ${sessionId}`, m.method, m.params);
  });
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo, waitingForDebugger }) => {
    void sendTo(sessionId, 'Network.enable')
      .then(() => (waitingForDebugger ? sendTo(sessionId, 'Runtime.runIfWaitingForDebugger') : undefined))
      .catch((e: unknown) => console.error(`first-frame: could not watch a ${targetInfo.type}: ${String(e)}`));
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', params);
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return {
    fetched,
    navigationStart: () => {
      if (!document) throw new Error('first-frame: the page document was never requested');
      return document;
    },
  };
}

/** Builds the site into a temporary folder; with `wholeModels`, nsfwjs's whole bases replace the cut ones. */
async function buildSite(outDir: string, wholeModels: boolean): Promise<void> {
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  if (!wholeModels) return;
  for (const id of MODEL_IDS) {
    const from = path.join(WHOLE_BASES_DIR, id);
    if (!fs.existsSync(path.join(from, 'files.json'))) throw new Error(`first-frame: ${from} is missing: run \`npm install\` (scripts/decode-models.ts decodes the whole bases).`);
    fs.rmSync(path.join(outDir, 'models', id), { recursive: true });
    fs.cpSync(from, path.join(outDir, 'models', id), { recursive: true });
  }
}

const modelOf = (url: string): ModelId | undefined => MODEL_IDS.find((id) => url.includes(`/models/${id}/`));

/** The milestones, in the order they come, with what the table calls them. */
const MILESTONES = {
  firstContentfulPaint: 'first paint (the page, with the gallery index)',
  backendReady: 'backend badge (tfjs started in the worker)',
  mobilenetDownloaded: 'MobileNetV2 g: last byte',
  firstFrame: 'first frame (x⁰, g ready)',
  inceptionRequested: 'InceptionV3 f: first request',
  inceptionDownloaded: 'InceptionV3 f: last byte',
  firstWhiteBoxFrame: '**first white-box frame** (f ready, its verdict on x⁰)',
} as const;

interface Run {
  /** ms since navigation start. */
  milestonesMs: Record<keyof typeof MILESTONES, number | null>;
  bytes: { total: number; page: number; worker: number; models: Record<ModelId, number> };
  requests: number;
  /** What f's shards came at, from its first request to its last byte: the throttle at work. */
  inceptionMbps: number;
  /** The machine's 1-minute load average as the run started: the models' warm-up is CPU-bound. */
  load: number;
  backend: string | null;
}

/** One first visit in a fresh context: an empty cache, no service worker (blocked: see the header). */
async function measure(browser: Browser, url: string, network: ReturnType<typeof conditions>): Promise<Run> {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(watchPage);
    const watched = await throttle(await context.newCDPSession(page), network);
    const [load] = os.loadavg();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { firstFrameMarks: PageMarks }).firstFrameMarks.whiteBoxFrame !== undefined, null, { timeout: TIMEOUT_MS, polling: 500 });
    const timing = await page.evaluate(() => ({
      marks: (window as unknown as { firstFrameMarks: PageMarks }).firstFrameMarks,
      timeOrigin: performance.timeOrigin,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    }));
    const backend = (await page.getByTestId('backend').getAttribute('title'))?.replace(/^Backend: /, '') ?? null;
    // The network's clock → ms since navigation start (the page's time origin).
    const start = watched.navigationStart();
    const sinceStart = (monotonic: number) => (monotonic - start.monotonic) * 1000 + start.wallMs - timing.timeOrigin;
    const fetched = watched.fetched.filter((f) => sinceStart(f.finished) <= timing.marks.whiteBoxFrame!);
    const of = (id: ModelId) => fetched.filter((f) => modelOf(f.url) === id);
    const bytes = (files: Fetched[]) => files.reduce((sum, f) => sum + f.bytes, 0);
    const fRequested = Math.min(...of('inception_v3').map((f) => sinceStart(f.sent)));
    const lastByte = (id: ModelId) => Math.max(...of(id).map((f) => sinceStart(f.finished)));
    const milestones = {
      firstContentfulPaint: timing.fcp,
      backendReady: timing.marks.backend ?? null,
      mobilenetDownloaded: lastByte('mobilenet_v2'),
      firstFrame: timing.marks.firstFrame ?? null,
      inceptionRequested: fRequested,
      inceptionDownloaded: lastByte('inception_v3'),
      firstWhiteBoxFrame: timing.marks.whiteBoxFrame!,
    };
    return {
      milestonesMs: Object.fromEntries(Object.entries(milestones).map(([k, v]) => [k, v == null ? null : Math.round(v)])) as Run['milestonesMs'],
      bytes: {
        total: bytes(fetched),
        page: bytes(fetched.filter((f) => f.by === 'page')),
        worker: bytes(fetched.filter((f) => f.by !== 'page')),
        models: { inception_v3: bytes(of('inception_v3')), mobilenet_v2: bytes(of('mobilenet_v2')) },
      },
      requests: fetched.length,
      inceptionMbps: Number(((8 * bytes(of('inception_v3'))) / 1e3 / (lastByte('inception_v3') - fRequested)).toFixed(2)),
      load,
      backend,
    };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main(): Promise<void> {
  const options = cliOptions({
    json: { type: 'boolean', default: false },
    'whole-models': { type: 'boolean', default: false },
    mbps: { type: 'string', default: '10' },
    'latency-ms': { type: 'string', default: '40' },
    runs: { type: 'string', default: '1' },
  });
  const mbps = Number(options.mbps);
  const latencyMs = Number(options['latency-ms']);
  const runs = Number(options.runs);
  if (!(mbps > 0) || !(latencyMs >= 0) || !(Number.isInteger(runs) && runs >= 1)) throw new Error('first-frame: --mbps must be positive, --latency-ms at least 0, --runs a whole number from 1');
  const wholeModels = options['whole-models'];
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'first-frame-'));
  process.stderr.write(`first-frame: building into ${outDir}${wholeModels ? ', with the whole bases' : ''}…\n`);
  await buildSite(outDir, wholeModels);
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: 0, strictPort: true } });
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const results: Run[] = [];
  const url = server.resolvedUrls!.local[0];
  try {
    for (let i = 1; i <= runs; i++) {
      process.stderr.write(`first-frame: run ${i} of ${runs}, ${url} at ${mbps} Mbit/s…\n`);
      results.push(await measure(browser, url, conditions(mbps, latencyMs)));
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  const keys = Object.keys(MILESTONES) as (keyof typeof MILESTONES)[];
  const medianMs = Object.fromEntries(keys.map((k) => [k, median(results.map((r) => r.milestonesMs[k] ?? NaN))]));
  const models = wholeModels ? 'whole bases (before the cut)' : 'cut bases (today)';
  if (options.json) {
    console.log(JSON.stringify({ url, models, network: { downloadMbps: mbps, uploadMbps: mbps, latencyMs, serviceWorker: 'blocked' }, cpus: os.cpus().length, medianMs, runs: results }));
    return;
  }
  const s = (v: number | null) => (v == null || Number.isNaN(v) ? '–' : (v / 1000).toFixed(1));
  const mb = (v: number) => (v / 1e6).toFixed(2);
  console.log(`First visit to ${url}: ${models}, cold cache, ${mbps} Mbit/s down and up, ${latencyMs} ms latency (CDP; service worker blocked).`);
  console.log(`Backend: ${results[0].backend}. Software WebGL is refused for users, so on a machine without a GPU (this one) the lab runs on wasm.`);
  console.log(`Machine: ${os.cpus().length} cores; 1-minute load average at each run's start: ${results.map((r) => r.load.toFixed(1)).join(', ')}.`);
  const many = runs > 1;
  console.log(`| milestone (s since navigation) | ${results.map((_, i) => `run ${i + 1}`).join(' | ')}${many ? ' | median' : ''} |`);
  console.log(`|---|${results.map(() => '---|').join('')}${many ? '---|' : ''}`);
  for (const k of keys) console.log(`| ${MILESTONES[k]} | ${results.map((r) => s(r.milestonesMs[k])).join(' | ')}${many ? ` | ${s(medianMs[k])}` : ''} |`);
  for (const [i, r] of results.entries()) {
    const b = r.bytes;
    console.log(`Run ${i + 1} transferred ${mb(b.total)} MB until then in ${r.requests} requests (page ${mb(b.page)} MB, worker ${mb(b.worker)} MB; models: InceptionV3 ${mb(b.models.inception_v3)} MB, MobileNetV2 ${mb(b.models.mobilenet_v2)} MB); f's shards came at ${r.inceptionMbps.toFixed(1)} Mbit/s.`);
  }
}

await main();
