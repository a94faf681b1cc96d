// `npm run evaluate -- --model inception_v3|mobilenet_v2 --split train|val|test [--data DIR] [--json]`
// Recomputes a classifier's accuracy from the image files, through the code the browser runs
// (same model files, same head, same preprocessing, same forward pass).
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../src/models/classifier.ts';
import { accuracyReport, type AccuracyReport } from '../src/models/metrics.ts';
import { MODEL_IDS, type ModelId } from '../src/models/specs.ts';
import { cliOptions } from './lib/args.ts';
import { listSplit, loadCanonical, SPLITS, type LeafImage } from './lib/leaves.ts';
import { loadClassifierNode } from './lib/load-models.ts';
import { setNodeBackend, yieldToEventLoop, type NodeBackend } from './lib/node-tf.ts';
import { leavesDir } from './lib/paths.ts';

async function predictImages(classifier: Classifier, images: LeafImage[]): Promise<number[]> {
  const predicted: number[] = [];
  for (const image of images) {
    predicted.push(tf.tidy(() => tf.argMax(classifier.logits(loadCanonical(image.file)), 1).dataSync()[0]));
    await yieldToEventLoop();
  }
  return predicted;
}

export async function evaluate(id: ModelId, split: string, dataDir: string, backend: NodeBackend = 'wasm'): Promise<AccuracyReport & { misclassified: string[] }> {
  await setNodeBackend(backend);
  const classifier = await loadClassifierNode(id);
  try {
    const images = listSplit(dataDir, split);
    const predicted = await predictImages(classifier, images);
    const report = accuracyReport(images.map((im, i) => ({ species: im.species, label: im.label, predicted: predicted[i] })));
    return { ...report, misclassified: images.filter((im, i) => predicted[i] !== im.label).map((im) => im.file) };
  } finally {
    classifier.dispose();
  }
}

async function main() {
  const opts = cliOptions({
    model: { type: 'string' },
    split: { type: 'string', default: 'test' },
    data: { type: 'string' },
    backend: { type: 'string', default: 'wasm' },
    json: { type: 'boolean', default: false },
  });
  const id = opts.model as ModelId;
  if (!MODEL_IDS.includes(id)) throw new Error(`--model must be one of ${MODEL_IDS.join(', ')}`);
  if (!(SPLITS as readonly string[]).includes(opts.split!)) throw new Error(`--split must be one of ${SPLITS.join(', ')}`);
  if (opts.backend !== 'wasm' && opts.backend !== 'cpu') throw new Error('--backend must be wasm or cpu');
  const { misclassified, ...report } = await evaluate(id, opts.split!, leavesDir(opts.data), opts.backend);
  if (opts.json) {
    console.log(JSON.stringify({ model: id, split: opts.split, ...report }));
    return;
  }
  console.log(`${id} on ${opts.split}: ${(report.accuracy * 100).toFixed(2)}% of ${report.n}`);
  for (const [species, s] of Object.entries(report.perSpecies)) console.log(`  ${species.padEnd(11)} ${(s.accuracy * 100).toFixed(1)}% of ${s.n}`);
  console.log(`  confusion (rows true, columns predicted; healthy, diseased): ${JSON.stringify(report.confusion)}`);
  console.log(`  misclassified:\n${misclassified.map((f) => `    ${f}`).join('\n')}`);
}

if (process.argv[1]?.endsWith('evaluate.ts')) await main();
