// Training chooses its head from the train and val splits alone: with the test photos replaced by
// files that cannot even be decoded, it chooses exactly the same head.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLASS_NAMES } from '../src/config';
import { DATA_SETS, DATA_SET_IDS } from '../src/data-sets';
import { foldedHead } from './lib/softmax-head';
import { dataSetDir, dataSources } from './lib/paths';
import { selectHead } from './train';

const PER_CLASS = 4;

/** A small copy of both data sets; `brokenTest`: the test photos are not images at all. */
function smallCopy(root: string, brokenTest: boolean): string[] {
  return DATA_SET_IDS.map((set) => {
    const to = path.join(root, DATA_SETS[set].folder);
    for (const split of ['train', 'val', 'test'])
      for (const name of CLASS_NAMES) {
        const from = path.join(dataSetDir(set), split, name);
        fs.mkdirSync(path.join(to, split, name), { recursive: true });
        for (const file of fs.readdirSync(from).sort().slice(0, PER_CLASS)) {
          const target = path.join(to, split, name, file);
          if (split === 'test' && brokenTest) fs.writeFileSync(target, 'not a photo');
          else fs.copyFileSync(path.join(from, file), target);
        }
      }
    return to;
  });
}

describe('npm run train', () => {
  it('never reads a test split: broken test photos change nothing', async () => {
    const choose = async (brokenTest: boolean) => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'train-'));
      const sources = dataSources(smallCopy(root, brokenTest));
      expect(sources.map((s) => s.name)).toEqual(DATA_SET_IDS);
      const { candidate, candidates, head } = await selectHead('mobilenet_v2', sources, 1, () => {});
      fs.rmSync(root, { recursive: true });
      return { candidate, head: foldedHead(head), compared: [...new Set(candidates.map((c) => `${c.cut} ${c.projection}`))] };
    };
    const withBroken = await choose(true);
    expect(withBroken).toEqual(await choose(false));
    expect(withBroken.candidate.val).toHaveProperty('field');
    // Heads on the frozen base and heads trained with the projection below a residual cut compete.
    expect(withBroken.compared).toEqual(expect.arrayContaining(['block_15_add frozen', 'block_15_add trained', 'block_12_add trained']));
  }, 600_000);
});
