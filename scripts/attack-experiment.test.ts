// The committed stronger-attacks results are what `npm run attack-experiment` computes: the whole
// lab test split with today's heads and plan, the white box and the queries on their subsets, and
// a re-run of one photo gives its committed record.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ATTACK_PLAN, gradientKey, type AttackResults } from '../src/experiment/attacks';
import { spreadSubset } from '../src/experiment/protocol';
import { headsFingerprint } from '../src/models/heads/fingerprint';
import { HEADS } from '../src/models/heads';
import { ATTACK_RESULTS_FILE, runAttackExperiment } from './attack-experiment';
import { listSplit } from './lib/leaves';
import { dataSetDir } from './lib/paths';
import { imageId } from './lib/per-image-run';

const committed = JSON.parse(fs.readFileSync(ATTACK_RESULTS_FILE, 'utf8')) as AttackResults;
const all = listSplit(dataSetDir('lab'), 'test');
const idsOf = (n: number) => spreadSubset(all, n).map(imageId).sort();

describe('npm run attack-experiment', () => {
  it('the committed file covers the whole test split with the plan and heads in use, each part on its subset', () => {
    expect(committed.plan).toEqual(ATTACK_PLAN);
    expect(committed.heads).toBe(headsFingerprint(HEADS));
    expect(committed.images.map((im) => im.id).sort()).toEqual(all.map(imageId).sort());
    const whiteboxKey = gradientKey('f', ATTACK_PLAN.whitebox.attacks[1], ATTACK_PLAN.whitebox.epsilons[0]);
    expect(committed.images.filter((im) => whiteboxKey in im.gradient).map((im) => im.id).sort()).toEqual(idsOf(ATTACK_PLAN.whitebox.images));
    expect(committed.images.filter((im) => Object.keys(im.query).length).map((im) => im.id).sort()).toEqual(idsOf(ATTACK_PLAN.query.images));
  });

  it("reproduces one photo's committed record: momentum on g, PGD on f and the query attack's count", async () => {
    // The photo and ε where the query attack needed fewest queries beyond its striped start (so its
    // seeded squares are checked too), and the re-run stays short.
    const [image, eps] = committed.images
      .flatMap((im) => Object.entries(im.query).map(([e, q]) => [im, Number(e), q.queries] as const))
      .filter((c) => c[2] > 1)
      .reduce((best, c) => (c[2] < best[2] ? c : best))
      .slice(0, 2) as [AttackResults['images'][number], number];
    const transfer = { epsilons: [ATTACK_PLAN.transfer.epsilons[0]], attacks: ATTACK_PLAN.transfer.attacks.filter((a) => a.method === 'mifgsm') };
    const whitebox = { ...ATTACK_PLAN.whitebox, epsilons: [ATTACK_PLAN.whitebox.epsilons[0]], attacks: ATTACK_PLAN.whitebox.attacks.filter((a) => a.method === 'pgd') };
    const plan = { transfer, whitebox, query: { ...ATTACK_PLAN.query, epsilons: [eps] } };
    const { images: [rerun] } = await runAttackExperiment({ plan, ids: [image.id], resume: false });
    expect(rerun.clean).toBe(image.clean);
    for (const [key, value] of Object.entries(rerun.gradient)) expect(value, key).toBe(image.gradient[key]);
    expect(Object.keys(rerun.gradient)).toHaveLength(idsOf(ATTACK_PLAN.whitebox.images).includes(image.id) ? 2 : 1);
    expect(rerun.query).toEqual({ [String(eps)]: image.query[String(eps)] });
  }, 300_000);
});
