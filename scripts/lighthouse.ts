// `npm run lighthouse [-- --json] [-- --query Q]`: Lighthouse (pinned 12.2.3: 13 needs Node 22)
// against the built site (vite build, then vite preview with its headers) in Debian's Chromium, once
// per preset: mobile (Lighthouse's default: a mid-range phone on simulated slow 4G) and desktop.
// Prints each preset's four category scores with LCP, CLS and TBT; `--json` prints one object
// instead. `--query` opens the page with that query: `backend=wasm` names the backend, so the page
// shows no "No usable GPU here" notice, as on a device whose GPU works (this machine has none).
// A benchmark, not part of `npm test`: its figures depend on the machine.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Config, type RunnerResult } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM_LAUNCH } from '../e2e/chromium.ts';
import { previewBuiltSite } from '../e2e/built-site.ts';
import { cliOptions } from './lib/args.ts';

const PRESETS: Record<string, Config | undefined> = { mobile: undefined, desktop: desktopConfig };
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const METRICS = { lcpMs: 'largest-contentful-paint', cls: 'cumulative-layout-shift', tbtMs: 'total-blocking-time' } as const;

type PresetResult = Record<(typeof CATEGORIES)[number] | keyof typeof METRICS, number | null>;

function figures(lhr: RunnerResult['lhr']): PresetResult {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score ?? null]));
  const metrics = Object.fromEntries(Object.entries(METRICS).map(([key, audit]) => [key, lhr.audits[audit]?.numericValue ?? null]));
  return { ...scores, ...metrics } as PresetResult;
}

async function main(): Promise<void> {
  const { json, query } = cliOptions({ json: { type: 'boolean', default: false }, query: { type: 'string', default: '' } });
  const server = await previewBuiltSite();
  const url = `${server.resolvedUrls!.local[0]}${query ? `?${query}` : ''}`;
  // A fresh profile per preset: each run starts on a cold cache, with no service worker installed.
  const results: Record<string, PresetResult> = {};
  let lighthouseVersion = '';
  try {
    for (const [preset, config] of Object.entries(PRESETS)) {
      const chrome = await chromeLauncher.launch({
        chromePath: CHROMIUM_LAUNCH.executablePath,
        chromeFlags: ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage'],
      });
      try {
        const run = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] }, config);
        if (!run) throw new Error(`lighthouse: no result for the ${preset} preset`);
        if (run.lhr.runtimeError) throw new Error(`lighthouse (${preset}): ${run.lhr.runtimeError.message}`);
        results[preset] = figures(run.lhr);
        lighthouseVersion = run.lhr.lighthouseVersion;
      } finally {
        await chrome.kill();
      }
    }
  } finally {
    await server.close();
  }
  if (json) {
    console.log(JSON.stringify({ lighthouse: lighthouseVersion, url, presets: results }));
    return;
  }
  const show = (v: number | null, digits: number) => (v == null ? '–' : v.toFixed(digits));
  console.log(`Lighthouse ${lighthouseVersion} on ${url}`);
  console.log('| preset | performance | accessibility | best practices | SEO | LCP (s) | CLS | TBT (ms) |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [preset, r] of Object.entries(results)) {
    const scores = CATEGORIES.map((c) => show(r[c], 2));
    console.log(`| ${preset} | ${scores.join(' | ')} | ${show(r.lcpMs == null ? null : r.lcpMs / 1000, 1)} | ${show(r.cls, 3)} | ${show(r.tbtMs, 0)} |`);
  }
}

await main();
