// `npm run attack-experiment -- [--limit N] [--shard K/N]`: the stronger attacks on the lab photos'
// test split (src/experiment/attacks.ts): PGD and MI-FGSM made on g and shown to f, white-box PGD on
// f, and Square Attack asking f, all through the lab's own attack code and judged as the 8-bit
// images the lab shows. Resumable (.cache/attack-experiment/); run the shards, then the same command
// without --shard to write src/experiment/results/attacks.json.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { shownImage } from '../src/attack/eight-bit.ts';
import { lastIterate } from '../src/attack/fgsm.ts';
import { gradientAttack } from '../src/attack/methods.ts';
import { squareAttack, type QueryStep } from '../src/attack/square.ts';
import { predictedClass } from '../src/config.ts';
import { ATTACK_PLAN, gradientKey, type AttackImage, type AttackPlan, type AttackResults, type GradientAttack, type QueryOutcome } from '../src/experiment/attacks.ts';
import { balancedSubset, spreadSubset, targetOf } from '../src/experiment/protocol.ts';
import type { Classifier } from '../src/models/classifier.ts';
import { cliOptions } from './lib/args.ts';
import { dataFingerprint, listSplit, loadCanonical, type LeafImage } from './lib/leaves.ts';
import { loadClassifierNode } from './lib/load-models.ts';
import { setNodeBackend, yieldToEventLoop } from './lib/node-tf.ts';
import { imageId, runPerImage } from './lib/per-image-run.ts';
import { dataSetDir, PROJECT_ROOT, RESULTS_DIR } from './lib/paths.ts';
import { parseShard, type Shard } from './lib/resume.ts';

export const ATTACK_RESULTS_FILE = path.join(RESULTS_DIR, 'attacks.json');
const SPLIT = 'test';
const BACKEND = 'wasm';

export interface AttackRunOptions {
  plan?: AttackPlan;
  /** A balanced subset of this many photos (the subsets of the plan are taken from the whole split, so a photo gets the same record either way). */
  limit?: number;
  /** Only these photos (tests). */
  ids?: string[];
  shard?: Shard;
  resume?: boolean;
  log?: (line: string) => void;
}

type Models = { f: Classifier; g: Classifier };

/** f's class for the 8-bit image the lab would show for the attack's last iterate. */
function fJudgesAttack(models: Models, madeOn: 'f' | 'g', attack: GradientAttack, x0: tf.Tensor4D, eps: number, target: number): number {
  return tf.tidy(() => {
    const x = lastIterate(gradientAttack(attack.method, models[madeOn], x0, { epsilon: eps, iterations: attack.T, target }), x0);
    return predictedClass(models.f.probabilities(shownImage(x, x0, eps)).dataSync());
  });
}

/** Square Attack on f until it says y* or the budget is spent; f is asked about the 8-bit images shown. */
async function queryAttack(f: Classifier, x0: tf.Tensor4D, eps: number, target: number, plan: AttackPlan['query'], seed: number): Promise<QueryOutcome> {
  const asked = { probabilities: (x: tf.Tensor4D) => tf.tidy(() => f.probabilities(shownImage(x, x0, eps))) };
  let last: QueryStep | null = null;
  for await (const step of squareAttack(asked, x0, { epsilon: eps, target, queryBudget: plan.queryBudget, batchSize: plan.batchSize, seed })) {
    last?.x.dispose();
    last = step;
  }
  last!.x.dispose();
  return { fooled: last!.fooled, queries: last!.queries };
}

export async function runAttackExperiment(options: AttackRunOptions = {}): Promise<AttackResults> {
  const { plan = ATTACK_PLAN, log = () => {} } = options;
  await setNodeBackend(BACKEND);
  const dir = dataSetDir('lab');
  const all = listSplit(dir, SPLIT);
  const chosen = options.limit ? balancedSubset(all, options.limit) : all;
  const images = options.ids ? chosen.filter((im) => options.ids!.includes(imageId(im))) : chosen;
  const inSubset = (n: number) => new Set(spreadSubset(all, n).map(imageId));
  const [whiteboxSet, querySet] = [inSubset(plan.whitebox.images), inSubset(plan.query.images)];
  const manifestSha256 = dataFingerprint(dir);
  const models: Models = { f: await loadClassifierNode('inception_v3'), g: await loadClassifierNode('mobilenet_v2') };
  const compute = async (image: LeafImage): Promise<AttackImage> => {
    const id = imageId(image);
    const x0 = loadCanonical(image.file);
    const target = targetOf(image.label);
    try {
      const clean = predictedClass(tf.tidy(() => models.f.probabilities(x0).dataSync()));
      const gradient: Record<string, number> = {};
      const run = async (madeOn: 'f' | 'g', epsilons: number[], attacks: GradientAttack[]) => {
        for (const eps of epsilons)
          for (const attack of attacks) {
            gradient[gradientKey(madeOn, attack, eps)] = fJudgesAttack(models, madeOn, attack, x0, eps, target);
            await yieldToEventLoop();
          }
      };
      await run('g', plan.transfer.epsilons, plan.transfer.attacks);
      if (whiteboxSet.has(id)) await run('f', plan.whitebox.epsilons, plan.whitebox.attacks);
      const query: Record<string, QueryOutcome> = {};
      // Each photo draws its own squares: its place in the split seeds them.
      if (querySet.has(id)) for (const eps of plan.query.epsilons) query[String(eps)] = await queryAttack(models.f, x0, eps, target, plan.query, all.indexOf(image));
      return { id, label: image.label, species: image.species, clean, gradient, query };
    } finally {
      x0.dispose();
    }
  };
  try {
    const results = await runPerImage({
      name: 'attack-experiment',
      images,
      key: { plan },
      split: SPLIT,
      backend: BACKEND,
      manifestSha256,
      resume: options.resume ?? true,
      shard: options.shard,
      log,
      compute,
    });
    return { plan, ...results };
  } finally {
    models.f.dispose();
    models.g.dispose();
  }
}

async function main() {
  const opts = cliOptions({ limit: { type: 'string' }, shard: { type: 'string' }, out: { type: 'string' } });
  const limit = opts.limit === undefined ? undefined : Number(opts.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new Error('--limit must be a whole number ≥ 1');
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  const results = await runAttackExperiment({ limit, shard, log: (line) => process.stderr.write(`attack-experiment: ${line}\n`) });
  if (shard) {
    process.stderr.write(`attack-experiment: shard ${opts.shard} done; once every shard is, run the same command without --shard\n`);
    return;
  }
  const out = opts.out ? path.resolve(opts.out) : limit === undefined ? ATTACK_RESULTS_FILE : path.join(PROJECT_ROOT, '.cache', 'attacks-limited.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 1)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), out)} (${results.images.length} photos)`);
}

if (process.argv[1]?.endsWith('attack-experiment.ts')) await main();
