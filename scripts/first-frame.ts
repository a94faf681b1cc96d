// `npm run first-frame -- [--json] [--whole-models] [--mbps 10] [--latency-ms 40]`: a first visit
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
// heads and code (a base's plan is built up to its head's cut layer either way).
// A benchmark, not part of `npm test`: its figures depend on the machine and take minutes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type CDPSession } from '@playwright/test';
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

async function main(): Promise<void> {
  const options = cliOptions({
    json: { type: 'boolean', default: false },
    'whole-models': { type: 'boolean', default: false },
    mbps: { type: 'string', default: '10' },
    'latency-ms': { type: 'string', default: '40' },
  });
  const mbps = Number(options.mbps);
  const latencyMs = Number(options['latency-ms']);
  if (!(mbps > 0) || !(latencyMs >= 0)) throw new Error('first-frame: --mbps must be positive and --latency-ms at least 0');
  const wholeModels = options['whole-models'];
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'first-frame-'));
  process.stderr.write(`first-frame: building into ${outDir}${wholeModels ? ', with the whole bases' : ''}…\n`);
  await buildSite(outDir, wholeModels);
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: 0, strictPort: true } });
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const url = server.resolvedUrls!.local[0];
    // A fresh context: an empty cache, no service worker (blocked: see the header).
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(watchPage);
    const network = await throttle(await context.newCDPSession(page), conditions(mbps, latencyMs));
    process.stderr.write(`first-frame: loading ${url} at ${mbps} Mbit/s…\n`);
    const [loadBefore] = os.loadavg();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { firstFrameMarks: PageMarks }).firstFrameMarks.whiteBoxFrame !== undefined, null, { timeout: TIMEOUT_MS, polling: 500 });
    const timing = await page.evaluate(() => ({
      marks: (window as unknown as { firstFrameMarks: PageMarks }).firstFrameMarks,
      timeOrigin: performance.timeOrigin,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    }));
    const backend = (await page.getByTestId('backend').getAttribute('title'))?.replace(/^Backend: /, '') ?? null;
    // The network's clock → ms since navigation start (the page's time origin).
    const start = network.navigationStart();
    const sinceStart = (monotonic: number) => (monotonic - start.monotonic) * 1000 + start.wallMs - timing.timeOrigin;
    const fetched = network.fetched.filter((f) => sinceStart(f.finished) <= timing.marks.whiteBoxFrame!);
    const firstRequest = (id: ModelId) => Math.min(...fetched.filter((f) => modelOf(f.url) === id).map((f) => sinceStart(f.sent)));
    const lastByte = (id: ModelId) => Math.max(...fetched.filter((f) => modelOf(f.url) === id).map((f) => sinceStart(f.finished)));
    const bytes = (keep: (f: Fetched) => boolean) => fetched.filter(keep).reduce((sum, f) => sum + f.bytes, 0);
    const ms = (v: number | null | undefined) => (v == null ? null : Math.round(v));
    const result = {
      url,
      models: wholeModels ? 'whole bases (before the cut)' : 'cut bases (today)',
      /** The machine's 1-minute load average when the page was loaded: the lab's warm-up is CPU-bound. */
      machine: { cpus: os.cpus().length, load: Number(loadBefore.toFixed(1)) },
      network: { downloadMbps: mbps, uploadMbps: mbps, latencyMs, serviceWorker: 'blocked' },
      /** What f's shards came at, from its first request to its last byte: the throttle at work. */
      inceptionMbps: Number(((8 * bytes((f) => modelOf(f.url) === 'inception_v3')) / 1e3 / (lastByte('inception_v3') - firstRequest('inception_v3'))).toFixed(1)),
      backend,
      milestonesMs: {
        firstContentfulPaint: ms(timing.fcp),
        backendReady: ms(timing.marks.backend),
        mobilenetDownloaded: ms(lastByte('mobilenet_v2')),
        firstFrame: ms(timing.marks.firstFrame),
        inceptionDownloaded: ms(lastByte('inception_v3')),
        firstWhiteBoxFrame: ms(timing.marks.whiteBoxFrame),
      },
      bytes: {
        total: bytes(() => true),
        page: bytes((f) => f.by === 'page'),
        workers: bytes((f) => f.by !== 'page'),
        models: Object.fromEntries(MODEL_IDS.map((id) => [id, bytes((f) => modelOf(f.url) === id)])) as Record<ModelId, number>,
      },
      requests: fetched.length,
    };
    if (options.json) {
      console.log(JSON.stringify(result));
      return;
    }
    const s = (v: number | null) => (v == null ? '–' : (v / 1000).toFixed(1));
    const mb = (v: number) => (v / 1e6).toFixed(2);
    console.log(`First visit to ${url}: ${result.models}, cold cache, ${mbps} Mbit/s down and up, ${latencyMs} ms latency (CDP; service worker blocked).`);
    console.log(`Machine: ${result.machine.cpus} cores, load average ${result.machine.load} at the start. Backend: ${backend}. Software WebGL is refused for users, so on a machine without a GPU (this one) the lab runs on wasm.`);
    console.log('| milestone | s since navigation |');
    console.log('|---|---|');
    const names: Record<keyof typeof result.milestonesMs, string> = {
      firstContentfulPaint: 'first paint (the page, with the gallery index)',
      backendReady: 'backend badge (tfjs started in the worker)',
      mobilenetDownloaded: 'MobileNetV2 g: last byte',
      firstFrame: 'first frame (x⁰, g ready)',
      inceptionDownloaded: 'InceptionV3 f: last byte',
      firstWhiteBoxFrame: '**first white-box frame** (f ready, its verdict on x⁰)',
    };
    for (const [key, label] of Object.entries(names)) console.log(`| ${label} | ${s(result.milestonesMs[key as keyof typeof names])} |`);
    const b = result.bytes;
    console.log(`Transferred until then: ${mb(b.total)} MB in ${result.requests} requests (page ${mb(b.page)} MB, worker ${mb(b.workers)} MB; models: InceptionV3 ${mb(b.models.inception_v3)} MB, MobileNetV2 ${mb(b.models.mobilenet_v2)} MB); f's shards came at ${result.inceptionMbps} Mbit/s.`);
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
