// The committed experiment results are what the script computes: a small subset re-run here gives
// exactly the committed per-image outcomes. Plus the script's --json output, shards and resuming.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { conditionKey, DEFAULT_PLAN, type ExperimentPlan } from '../src/experiment/protocol';
import { COMMITTED_RESULTS } from '../src/experiment/results';
import { summarize } from '../src/experiment/summary';
import { runExperiment } from './experiment';
import { dataFingerprint } from './lib/leaves';
import { leavesDir, PROJECT_ROOT } from './lib/paths';

describe('npm run experiment', () => {
  it('the committed results cover the full test split of this data with the default plan', () => {
    expect(COMMITTED_RESULTS.split).toBe('test');
    expect(COMMITTED_RESULTS.plan).toEqual(DEFAULT_PLAN);
    expect(COMMITTED_RESULTS.manifestSha256).toBe(dataFingerprint(leavesDir()));
    const testImages = fs.readFileSync(path.join(leavesDir(), 'manifest.csv'), 'utf8').split('\n').filter((l) => l.includes(',test,')).length;
    expect(COMMITTED_RESULTS.images).toHaveLength(testImages);
  });

  it('re-running 8 images (4 per class), ε ∈ {0.01, 0.04}, T ∈ {1, 10} reproduces the committed per-image outcomes exactly', async () => {
    const plan: ExperimentPlan = { ...DEFAULT_PLAN, epsilons: [0.01, 0.04], iterations: [1, 10] };
    const rerun = await runExperiment({ split: 'test', plan, dataDir: leavesDir(), limit: 8, batchSize: COMMITTED_RESULTS.batchSize, backend: 'wasm', resumeDir: null });
    expect(rerun.images.map((im) => im.label)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    const columns = rerun.conditions.map((c) => COMMITTED_RESULTS.conditions.map(conditionKey).indexOf(conditionKey(c)));
    expect(columns).not.toContain(-1);
    const committedOutcome = (id: string) => {
      const image = COMMITTED_RESULTS.images.find((im) => im.id === id)!;
      return columns.map((k) => image.outcomes[k]).join('');
    };
    expect(rerun.images.map((im) => `${im.id} ${im.outcomes}`)).toEqual(rerun.images.map((im) => `${im.id} ${committedOutcome(im.id)}`));
  });

  it('shards share the work through the resume file; an interrupted run resumes where it stopped', async () => {
    const resumeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'experiment-resume-'));
    const options = { split: 'test', plan: { ...DEFAULT_PLAN, epsilons: [0, 0.02], iterations: [1] }, dataDir: leavesDir(), limit: 2, batchSize: 1, backend: 'wasm' as const, resumeDir };
    // Shard 1 of 2 computes the first of the two batches only.
    const shard = await runExperiment(options, { index: 0, count: 2 });
    expect(shard.images.map((im) => im.label)).toEqual([0]);
    const [file] = fs.readdirSync(resumeDir);
    const saved = fs.readFileSync(path.join(resumeDir, file), 'utf8');
    expect(saved.trim().split('\n')).toHaveLength(1);
    // Then a run killed while writing the second batch: its line is cut short.
    fs.appendFileSync(path.join(resumeDir, file), '{"ids":["apple__');
    const lines: string[] = [];
    const full = await runExperiment({ ...options, log: (l) => lines.push(l) });
    expect(lines[0]).toMatch(/^resuming: 1 images already done/);
    expect(lines.filter((l) => / of 1 images/.test(l))).toHaveLength(1);
    expect(full.images.map((im) => im.label)).toEqual([0, 1]);
    expect(full.images[0]).toEqual(shard.images[0]);
    expect(full.batches[0]).toEqual(shard.batches[0]);
    // The second batch was saved on a line of its own, after the cut one.
    const last = fs.readFileSync(path.join(resumeDir, file), 'utf8').trim().split('\n').at(-1)!;
    expect(JSON.parse(last).ids).toEqual([full.images[1].id]);
  });

  it('--json prints the summary of the 8-bit images as one JSON object: accuracy and flips per ε, T and method, with intervals', async () => {
    // Asynchronous: a child process waited for synchronously would starve Vitest's RPC.
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/experiment.ts', '--limit', '2', '--eps', '0,0.02', '--T', '1', '--batch', '1', '--out', path.join(os.tmpdir(), 'experiment-json.json'), '--json'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ split: 'test', n: 2, pixels: '8bit' });
    expect(summary.rows.map((r: { method: string; eps: number; T: number | null }) => `${r.method} ${r.eps} ${r.T}`)).toEqual(['noise 0.02 null', 'blackbox 0.02 1', 'whitebox 0.02 1']);
    for (const row of summary.rows) {
      expect(Object.keys(row).sort()).toEqual(['T', 'accuracy', 'eps', 'flips', 'method', 'seedStd']);
      expect(row.accuracy.low).toBeLessThanOrEqual(row.accuracy.value);
      expect(row.accuracy.high).toBeGreaterThanOrEqual(row.accuracy.value);
      expect(Object.keys(row.flips)).toEqual(['healthy', 'diseased']);
    }
    expect(summary.tests.map((t: { eps: number }) => t.eps)).toEqual([0.02]);
  });

  it('the committed summaries are what summarize() gives for the committed outcomes, 8-bit and float', () => {
    for (const pixels of ['8bit', 'float'] as const) {
      const recomputed = JSON.parse(JSON.stringify(summarize(COMMITTED_RESULTS, pixels)));
      expect(COMMITTED_RESULTS.summaries[pixels]).toEqual(recomputed);
    }
  });
});
