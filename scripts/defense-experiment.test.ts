// The committed defense results are what `npm run defense-experiment` computes: its subset of the lab
// test split with today's heads and plan, every condition, clean predictions that agree with
// defense-clean.json (same draws), and a re-run of one photo gives its committed record.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLEAN_COLUMNS, type CleanCostResults } from '../src/defense/clean-cost';
import { DEFENSE_PLAN, defenseConditions, defenseKey, type DefenseResults } from '../src/experiment/defenses';
import { spreadSubset } from '../src/experiment/protocol';
import { headsFingerprint } from '../src/models/heads/fingerprint';
import { HEADS } from '../src/models/heads';
import { DEFENSE_COST_FILE } from './defense-cost';
import { DEFENSE_RESULTS_FILE, runDefenseExperiment } from './defense-experiment';
import { listSplit } from './lib/leaves';
import { dataSetDir } from './lib/paths';
import { imageId } from './lib/per-image-run';

const committed = JSON.parse(fs.readFileSync(DEFENSE_RESULTS_FILE, 'utf8')) as DefenseResults;
const cleanCost = JSON.parse(fs.readFileSync(DEFENSE_COST_FILE, 'utf8')) as CleanCostResults;

describe('npm run defense-experiment', () => {
  it('the committed file holds every condition for its subset, with the plan and heads in use', () => {
    expect(committed.plan).toEqual(DEFENSE_PLAN);
    expect(committed.heads).toBe(headsFingerprint(HEADS));
    expect(committed.images.map((im) => im.id)).toEqual(spreadSubset(listSplit(dataSetDir('lab'), 'test'), DEFENSE_PLAN.images).map(imageId));
    const keys = defenseConditions(DEFENSE_PLAN).map((c) => defenseKey(c.deployment, c.made, c.eps)).sort();
    for (const im of committed.images) expect(Object.keys(im.predicted).sort(), im.id).toEqual(keys);
  });

  it("its clean predictions are defense-clean.json's, draw for draw", () => {
    const byId = new Map(cleanCost.sets.lab!.map((im) => [im.id, im]));
    for (const im of committed.images) {
      const clean = CLEAN_COLUMNS.map((column) => im.predicted[defenseKey(column, 'clean', 0)]).join('');
      expect(clean, im.id).toBe(byId.get(im.id)!.predicted);
    }
  });

  it("reproduces one photo's naive and adaptive outcomes behind JPEG", async () => {
    const image = committed.images[0];
    const plan = { ...DEFENSE_PLAN, epsilons: [DEFENSE_PLAN.epsilons[0]] };
    const { images: [rerun] } = await runDefenseExperiment({ plan, deployments: ['none', 'jpeg'], ids: [image.id], resume: false });
    expect(Object.keys(rerun.predicted)).toHaveLength(5);
    for (const [key, value] of Object.entries(rerun.predicted)) expect(value, key).toBe(image.predicted[key]);
  }, 300_000);
});
