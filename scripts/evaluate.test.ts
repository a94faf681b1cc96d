// `npm run evaluate` recomputes, from the image files and through the browser's code path, exactly
// the accuracies that training committed; and a trained head is far better than chance.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import metrics from '../src/models/heads/metrics.json' with { type: 'json' };
import { evaluate } from './evaluate';
import { listSplit } from './lib/leaves';
import { leavesDir, PROJECT_ROOT } from './lib/paths';

describe('npm run evaluate', () => {
  it('--json on MobileNetV2/val prints one JSON object equal to the committed metrics', async () => {
    // Asynchronous: a child process waited for synchronously would starve Vitest's RPC.
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/evaluate.ts', '--model', 'mobilenet_v2', '--split', 'val', '--json'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    const report = JSON.parse(stdout);
    expect(Object.keys(report).sort()).toEqual(['accuracy', 'confusion', 'model', 'n', 'perSpecies', 'split']);
    expect(report).toEqual({ model: 'mobilenet_v2', split: 'val', ...metrics.models.mobilenet_v2.accuracy.val });
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('InceptionV3 on the test split: the committed test accuracy, per species and confusion matrix', async () => {
    const { misclassified, ...report } = await evaluate('inception_v3', 'test', leavesDir());
    expect(report).toEqual(metrics.models.inception_v3.accuracy.test);
    expect(misclassified).toHaveLength(Math.round(report.n * (1 - report.accuracy)));
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('--data takes any DIR/<split>/{healthy,diseased}/ folder; species from the name prefix, else "unknown"', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leaves-'));
    const source = listSplit(leavesDir(), 'test');
    for (const [i, image] of [source[0], source[source.length - 1]].entries()) {
      const to = path.join(dir, 'val', image.label === 0 ? 'healthy' : 'diseased');
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(image.file, path.join(to, i === 0 ? path.basename(image.file) : 'photo.jpg'));
    }
    const listed = listSplit(dir, 'val');
    expect(listed.map((l) => [l.label, l.species])).toEqual([
      [0, source[0].species],
      [1, 'unknown'],
    ]);
    expect(() => listSplit(dir, 'test')).toThrow(/no images/);
    fs.rmSync(dir, { recursive: true });
  });
});
