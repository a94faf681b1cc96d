// The committed clean-photo cost of each defense is what `npm run defense-cost` measures: it
// covers every test photo of each data set with today's heads, and a re-run on a few photos gives
// the committed predictions exactly.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATA_SET_IDS } from '../src/data-sets';
import { CLEAN_COLUMNS, type CleanCostResults } from '../src/defense/clean-cost';
import { headsFingerprint } from '../src/models/heads/fingerprint';
import { HEADS } from '../src/models/heads';
import { DEFENSE_COST_FILE, measureCleanCost } from './defense-cost';
import { listSplit } from './lib/leaves';
import { dataSetDir } from './lib/paths';

const committed = JSON.parse(fs.readFileSync(DEFENSE_COST_FILE, 'utf8')) as CleanCostResults;

describe('npm run defense-cost', () => {
  it('the committed file covers the whole test split of every data set, made with the heads in use', () => {
    expect(committed.heads).toBe(headsFingerprint(HEADS));
    expect(committed.columns).toEqual(CLEAN_COLUMNS);
    for (const set of DATA_SET_IDS) expect(committed.sets[set]?.length, set).toBe(listSplit(dataSetDir(set), 'test').length);
  });

  it('reproduces the committed predictions on a few photos of each set', async () => {
    const rerun = await measureCleanCost(4);
    for (const set of DATA_SET_IDS) {
      const byId = new Map(committed.sets[set]!.map((im) => [im.id, im]));
      for (const image of rerun.sets[set]!) expect(image, `${set} ${image.id}`).toEqual(byId.get(image.id));
    }
  }, 300_000);
});
