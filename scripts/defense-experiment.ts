// `npm run defense-experiment -- [--shard K/N]`: f's accuracy alone and behind each defense, clean,
// under the naive and under the adaptive white-box attack (src/experiment/defenses.ts), through the
// lab's own attack and defense code. A random defense's judging draw is seeded by the photo's place
// in the split (as in defense-clean.json); the adaptive attacker's draws are others. Resumable
// (.cache/defense-experiment/); run the shards, then the same command without --shard to write
// src/experiment/results/defenses.json.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { shownImage } from '../src/attack/eight-bit.ts';
import { iterativeFgsm, lastIterate, type GradientModel } from '../src/attack/fgsm.ts';
import { predictedClass } from '../src/config.ts';
import { adaptiveModel, behindDefense } from '../src/defense/defended.ts';
import { DEFENSES } from '../src/defense/defenses.ts';
import { DEFENSE_PLAN, defenseKey, DEPLOYMENTS, type DefenseImage, type DefensePlan, type DefenseResults, type Deployment } from '../src/experiment/defenses.ts';
import { spreadSubset, targetOf } from '../src/experiment/protocol.ts';
import { cliOptions } from './lib/args.ts';
import { dataFingerprint, listSplit, loadCanonical, type LeafImage } from './lib/leaves.ts';
import { loadClassifierNode } from './lib/load-models.ts';
import { setNodeBackend, yieldToEventLoop } from './lib/node-tf.ts';
import { imageId, runPerImage } from './lib/per-image-run.ts';
import { dataSetDir, RESULTS_DIR } from './lib/paths.ts';
import { parseShard, type Shard } from './lib/resume.ts';

export const DEFENSE_RESULTS_FILE = path.join(RESULTS_DIR, 'defenses.json');
const SPLIT = 'test';
const BACKEND = 'wasm';
/** The adaptive attacker's draws start here, above every judging seed (a photo's place in the split). */
const ATTACKER_SEEDS = 100_000;

export interface DefenseRunOptions {
  plan?: DefensePlan;
  /** Only these deployments (tests); all by default. */
  deployments?: readonly Deployment[];
  /** Only these photos of the plan's subset (tests). */
  ids?: string[];
  shard?: Shard;
  resume?: boolean;
  log?: (line: string) => void;
}

export async function runDefenseExperiment(options: DefenseRunOptions = {}): Promise<DefenseResults> {
  const { plan = DEFENSE_PLAN, log = () => {} } = options;
  const deployments = options.deployments ?? DEPLOYMENTS;
  await setNodeBackend(BACKEND);
  const dir = dataSetDir('lab');
  const all = listSplit(dir, SPLIT);
  const images = spreadSubset(all, plan.images).filter((im) => !options.ids || options.ids.includes(imageId(im)));
  const manifestSha256 = dataFingerprint(dir);
  const f = await loadClassifierNode('inception_v3');
  const compute = async (image: LeafImage): Promise<DefenseImage> => {
    const x0 = loadCanonical(image.file);
    const target = targetOf(image.label);
    const place = all.indexOf(image);
    const predicted: Record<string, number> = {};
    const judges = (deployment: Deployment) => (deployment === 'none' ? f : behindDefense(f, DEFENSES[deployment], place));
    const judge = (deployment: Deployment, x: tf.Tensor4D) => predictedClass(tf.tidy(() => judges(deployment).probabilities(x).dataSync()));
    /** The attack on `model`, as the 8-bit image shown (the caller's). */
    const attacked = (model: GradientModel, eps: number) => tf.tidy(() => shownImage(lastIterate(iterativeFgsm(model, x0, { epsilon: eps, iterations: plan.iterations, target }), x0), x0, eps));
    try {
      for (const deployment of deployments) predicted[defenseKey(deployment, 'clean', 0)] = judge(deployment, x0);
      for (const eps of plan.epsilons) {
        const naive = attacked(f, eps);
        for (const deployment of deployments) predicted[defenseKey(deployment, 'naive', eps)] = judge(deployment, naive);
        naive.dispose();
        for (const deployment of deployments) {
          if (deployment === 'none') continue;
          await yieldToEventLoop();
          const adaptive = attacked(adaptiveModel(f, DEFENSES[deployment], { samples: plan.eotSamples, seed: ATTACKER_SEEDS + place * 1000 }), eps);
          predicted[defenseKey(deployment, 'adaptive', eps)] = judge(deployment, adaptive);
          adaptive.dispose();
        }
      }
      return { id: imageId(image), label: image.label, species: image.species, predicted };
    } finally {
      x0.dispose();
    }
  };
  try {
    const results = await runPerImage({
      name: 'defense-experiment',
      images,
      key: { plan, deployments },
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
    f.dispose();
  }
}

async function main() {
  const opts = cliOptions({ shard: { type: 'string' } });
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  const results = await runDefenseExperiment({ shard, log: (line) => process.stderr.write(`defense-experiment: ${line}\n`) });
  if (shard) {
    process.stderr.write(`defense-experiment: shard ${opts.shard} done; once every shard is, run the same command without --shard\n`);
    return;
  }
  fs.writeFileSync(DEFENSE_RESULTS_FILE, `${JSON.stringify(results, null, 1)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), DEFENSE_RESULTS_FILE)} (${results.images.length} photos)`);
}

if (process.argv[1]?.endsWith('defense-experiment.ts')) await main();
