// `npm run defense-cost [-- --limit N --out FILE]`: what each defense costs f on clean photos.
// f classifies every test photo of each data set alone and behind each defense (a random one
// draws once per image, seeded by the image's place in its split), through the lab's own code. Writes
// src/experiment/results/defense-clean.json, which the lab quotes when a defense is switched on.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { DATA_SET_IDS } from '../src/data-sets.ts';
import { CLEAN_COLUMNS, type CleanCostResults, type CleanImage } from '../src/defense/clean-cost.ts';
import { DEFENSES } from '../src/defense/defenses.ts';
import { balancedSubset } from '../src/experiment/protocol.ts';
import { headsFingerprint } from '../src/models/heads/fingerprint.ts';
import { HEADS } from '../src/models/heads/index.ts';
import { predictedClass } from '../src/config.ts';
import { cliOptions } from './lib/args.ts';
import { listSplit, loadCanonical } from './lib/leaves.ts';
import { loadClassifierNode } from './lib/load-models.ts';
import { setNodeBackend } from './lib/node-tf.ts';
import { dataSetDir, RESULTS_DIR } from './lib/paths.ts';

export const DEFENSE_COST_FILE = path.join(RESULTS_DIR, 'defense-clean.json');
const SPLIT = 'test';

/** f's predictions for the test photos of every data set (a balanced `limit` of each, if given). */
export async function measureCleanCost(limit?: number, log: (line: string) => void = () => {}): Promise<CleanCostResults> {
  await setNodeBackend('wasm');
  const f = await loadClassifierNode('inception_v3');
  const sets: CleanCostResults['sets'] = {};
  try {
    for (const set of DATA_SET_IDS) {
      const all = listSplit(dataSetDir(set), SPLIT);
      const photos = limit ? balancedSubset(all, limit) : all;
      sets[set] = photos.map((photo, done): CleanImage => {
        // A random defense's draw is seeded by the photo's place in the whole split, so a subset draws as the full run does.
        const seed = all.indexOf(photo);
        const predicted = tf.tidy(() => {
          const x = loadCanonical(photo.file);
          return CLEAN_COLUMNS.map((column) => predictedClass(f.probabilities(column === 'none' ? x : DEFENSES[column].apply(x, seed)).dataSync())).join('');
        });
        if ((done + 1) % 20 === 0) log(`${set}: ${done + 1}/${photos.length}`);
        return { id: path.basename(photo.file).replace(/\.\w+$/, ''), label: photo.label, predicted };
      });
    }
  } finally {
    f.dispose();
  }
  return { split: SPLIT, heads: headsFingerprint(HEADS), columns: CLEAN_COLUMNS, sets };
}

async function main() {
  const opts = cliOptions({ limit: { type: 'string' }, out: { type: 'string' } });
  const results = await measureCleanCost(opts.limit ? Number(opts.limit) : undefined, (line) => process.stderr.write(`${line}\n`));
  const out = opts.out ? path.resolve(opts.out) : DEFENSE_COST_FILE;
  fs.writeFileSync(out, `${JSON.stringify(results, null, 1)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

if (process.argv[1]?.endsWith('defense-cost.ts')) await main();
