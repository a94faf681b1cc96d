// `npm run evaluate` recomputes, from the image files and through the browser's code path, exactly
// the figures that training committed; the heads are trained (far better than chance on both
// worlds); and the notice's threshold is the one validation chose.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { OUT_OF_WORLD } from '../src/models/heads';
import metrics from '../src/models/heads/metrics.json' with { type: 'json' };
import { outOfWorldScore, thresholdPassing } from '../src/models/out-of-world';
import { evaluateNonLeaves, evaluateSplit } from './evaluate';
import { listSources, listSplit, loadCanonical } from './lib/leaves';
import { loadClassifierNode } from './lib/load-models';
import { setNodeBackend, yieldToEventLoop } from './lib/node-tf';
import { dataSources, leavesDir, PROJECT_ROOT } from './lib/paths';

const committed = metrics.models;

describe('npm run evaluate', () => {
  it('--model mobilenet_v2 --split val reproduces the committed figures of every data set and exits 0', async () => {
    // Asynchronous: a child process waited for synchronously would starve Vitest's RPC.
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/evaluate.ts', '--model', 'mobilenet_v2', '--split', 'val', '--json'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    const report = JSON.parse(stdout);
    expect(Object.keys(report.accuracy)).toEqual(['lab', 'field']);
    expect(report.accuracy).toEqual(committed.mobilenet_v2.accuracy.val);
  });

  it("f on the test split: each data set's committed accuracy, and how often the notice fires", async () => {
    const { accuracy, fires, misclassified } = await evaluateSplit('inception_v3', 'test', dataSources());
    expect(accuracy).toEqual(committed.inception_v3.accuracy.test);
    expect(fires).toEqual(committed.inception_v3.outOfWorld.fires.test);
    expect(misclassified).toHaveLength(accuracy.lab.n - accuracy.lab.interval.k + accuracy.field.n - accuracy.field.interval.k);
    // A trained head, not chance: an untrained one does no better than calling every photo the
    // commoner class. On the lab photos, near the course's 95 %.
    expect(accuracy.lab.accuracy).toBeGreaterThanOrEqual(0.9);
    for (const [set, report] of Object.entries(accuracy)) {
      const commoner = Math.max(...report.confusion.map((row) => row.reduce((a, b) => a + b, 0))) / report.n;
      expect(report.accuracy, set).toBeGreaterThanOrEqual(commoner + 0.1);
    }
  });

  it('the notice fires on the committed non-leaf images, and on most of them', async () => {
    const nonLeaves = await evaluateNonLeaves();
    expect(nonLeaves).toEqual(committed.inception_v3.outOfWorld.fires.nonLeaves);
    expect(nonLeaves.filter((n) => n.fired).length).toBeGreaterThan(nonLeaves.length / 2);
  });

  it("the notice's threshold is the one validation chose: the smallest that passes 95 % of each data set's validation photos", async () => {
    await setNodeBackend('wasm');
    const f = await loadClassifierNode('inception_v3');
    expect(OUT_OF_WORLD.cutLayer).toBe(f.head.cutLayer);
    const val = listSources(dataSources(), 'val');
    const scores: number[] = [];
    for (const photo of val) {
      scores.push(outOfWorldScore(OUT_OF_WORLD, tf.tidy(() => f.features(loadCanonical(photo.file)).dataSync())));
      await yieldToEventLoop();
    }
    f.dispose();
    const groups = ['lab', 'field'].map((set) => scores.filter((_, i) => val[i].dataSet === set));
    expect(OUT_OF_WORLD.pass).toBe(0.95);
    expect(thresholdPassing(groups, OUT_OF_WORLD.pass) / OUT_OF_WORLD.threshold).toBeCloseTo(1, 5);
  });

  it('--data takes any DIR/<split>/{healthy,diseased}/ folder; species from the name prefix, else "unknown"', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leaves-'));
    const source = listSplit(leavesDir(), 'test');
    for (const [i, image] of [source[0], source[source.length - 1]].entries()) {
      const to = path.join(dir, 'val', image.label === 0 ? 'healthy' : 'diseased');
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(image.file, path.join(to, i === 0 ? path.basename(image.file) : 'photo.jpg'));
    }
    const listed = listSources(dataSources([dir]), 'val');
    expect(listed.map((l) => [l.label, l.species, l.dataSet])).toEqual([
      [0, source[0].species, path.basename(dir)],
      [1, 'unknown', path.basename(dir)],
    ]);
    expect(() => listSplit(dir, 'test')).toThrow(/no images/);
    fs.rmSync(dir, { recursive: true });
  });
});
