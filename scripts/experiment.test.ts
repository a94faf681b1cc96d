// The committed experiment results are what the script computes: a small subset re-run here gives
// exactly the committed per-image outcomes, for each data set whose full run is committed. Plus the
// script's --set and --json options, shards and resuming.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { conditionKey, DEFAULT_PLAN, type ExperimentPlan } from '../src/experiment/protocol';
import { COMMITTED_RESULTS } from '../src/experiment/results';
import { COMMITTED_BY_SET } from '../src/experiment/results/experiment-view';
import { summarize } from '../src/experiment/summary';
import { DATA_SET_IDS } from '../src/data-sets';
import { headsFingerprint } from '../src/models/heads/fingerprint';
import { committedResultsFile, headsOfResults, runExperiment } from './experiment';
import { dataFingerprint } from './lib/leaves';
import { dataSetDir, leavesDir, PROJECT_ROOT } from './lib/paths';

describe('npm run experiment', () => {
  it('a results file is committed for exactly the data sets src/experiment/results/experiment-view.ts shows; the lab view quotes the lab photos', () => {
    expect(DATA_SET_IDS.filter((set) => fs.existsSync(committedResultsFile(set)))).toEqual(DATA_SET_IDS.filter((set) => COMMITTED_BY_SET[set] !== null));
    expect(COMMITTED_BY_SET.lab).not.toBeNull();
    expect(COMMITTED_RESULTS).toBe(COMMITTED_BY_SET.lab);
  });

  describe.each(DATA_SET_IDS)('%s photos', (set) => {
    const committed = COMMITTED_BY_SET[set]!;
    const notRun = committed === null;

    it.skipIf(notRun)('the committed results cover the full test split of this data set with the default plan', () => {
      expect(committed.dataSet).toBe(set);
      expect(committed.split).toBe('test');
      expect(committed.plan).toEqual(DEFAULT_PLAN);
      expect(committed.manifestSha256).toBe(dataFingerprint(dataSetDir(set)));
      const testImages = fs.readFileSync(path.join(dataSetDir(set), 'manifest.csv'), 'utf8').split('\n').filter((l) => l.includes(',test,')).length;
      expect(committed.images).toHaveLength(testImages);
    });

    // 8 lab images (4 per class); the field photos' test split is small, 4 of them (2 per class).
    const limit = set === 'lab' ? 8 : 4;
    it.skipIf(notRun)(`re-running ${limit} images (half per class), ε ∈ {0.01, 0.04}, T ∈ {1, 10} reproduces the committed per-image outcomes exactly`, async () => {
      const plan: ExperimentPlan = { ...DEFAULT_PLAN, epsilons: [0.01, 0.04], iterations: [1, 10] };
      const heads = headsOfResults(committed);
      expect(headsFingerprint(heads)).toBe(committed.heads);
      const rerun = await runExperiment({ dataSet: set, split: 'test', plan, dataDir: dataSetDir(set), limit, batchSize: committed.batchSize, backend: 'wasm', resumeDir: null, heads });
      expect(rerun.images.map((im) => im.label)).toEqual([...Array(limit / 2).fill(0), ...Array(limit / 2).fill(1)]);
      const columns = rerun.conditions.map((c) => committed.conditions.map(conditionKey).indexOf(conditionKey(c)));
      expect(columns).not.toContain(-1);
      const committedOutcome = (id: string) => {
        const image = committed.images.find((im) => im.id === id)!;
        return columns.map((k) => image.outcomes[k]).join('');
      };
      expect(rerun.images.map((im) => `${im.id} ${im.outcomes}`)).toEqual(rerun.images.map((im) => `${im.id} ${committedOutcome(im.id)}`));
    });

    it.skipIf(notRun)('the committed summaries are what summarize() gives for the committed outcomes, 8-bit and float', () => {
      for (const pixels of ['8bit', 'float'] as const) {
        const recomputed = JSON.parse(JSON.stringify(summarize(committed, pixels)));
        expect(committed.summaries[pixels]).toEqual(recomputed);
      }
    });
  });

  it('shards share the work through the resume file; an interrupted run resumes where it stopped', async () => {
    const resumeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'experiment-resume-'));
    const options = { dataSet: 'lab' as const, split: 'test', plan: { ...DEFAULT_PLAN, epsilons: [0, 0.02], iterations: [1] }, dataDir: leavesDir(), limit: 2, batchSize: 1, backend: 'wasm' as const, resumeDir };
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
    // The same folder run under another data set's name (as `--set field --data DIR` would) keeps
    // its own resume file: nothing is taken from the lab run's.
    const other: string[] = [];
    const renamed = await runExperiment({ ...options, dataSet: 'field', log: (l) => other.push(l) }, { index: 0, count: 2 });
    expect(other.filter((l) => l.startsWith('resuming'))).toEqual([]);
    expect(renamed.dataSet).toBe('field');
    expect(renamed.images).toEqual([full.images[0]]);
    expect(fs.readdirSync(resumeDir)).toHaveLength(2);
  });

  it('--set field --json runs on the field photos and prints the summary of the 8-bit images as one JSON object: accuracy and flips per ε, T and method, with intervals', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'experiment-json-')), 'results.json');
    // Asynchronous: a child process waited for synchronously would starve Vitest's RPC.
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/experiment.ts', '--set', 'field', '--limit', '2', '--eps', '0,0.02', '--T', '1', '--batch', '1', '--out', out, '--json'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    const written = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(written).toMatchObject({ dataSet: 'field', split: 'test', manifestSha256: dataFingerprint(dataSetDir('field')) });
    const fieldTest = fs.readdirSync(path.join(dataSetDir('field'), 'test', 'healthy'));
    expect(fieldTest.map((f) => f.replace(/\.\w+$/, ''))).toContain(written.images[0].id);
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
});
