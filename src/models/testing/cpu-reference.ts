// The cpu backend's side of src/models/classifier.test.ts, run in a worker thread (inThread):
// each of these passes is minutes of synchronous JavaScript on 2 cores.
import * as tf from '@tensorflow/tfjs';
import { loadCanonical } from '../../../scripts/lib/leaves';
import { publicSource, setNodeBackend } from '../../../scripts/lib/node-tf';
import { loadBaseArtifacts } from '../artifacts';
import { classifierFromArtifacts } from '../classifier';
import { forwardAll, inputGradient } from '../executor';
import { HEADS } from '../heads';
import { toModelInput } from '../preprocess';
import { MODEL_SPECS, type ModelId } from '../specs';
import { loadStockModel } from '../stock';

interface Values {
  values: Float32Array;
  shape: number[];
}

export interface CpuReference {
  /** Our whole-model input gradient of the loss towards `target`, and whether it has NaNs. */
  grad: Float32Array;
  nan: boolean;
  /** Stock tf.grad's, for MobileNetV2 only (see the test's header). */
  stockGrad: Float32Array | null;
  /** The backward pass alone: every activation, a seeded output gradient, and the input gradient from them. */
  activations: Values[];
  dOut: Values;
  backward: Float32Array;
}

const valuesOf = (t: tf.Tensor): Values => ({ values: t.dataSync() as Float32Array, shape: t.shape });

export async function cpuReference(id: ModelId, leaf: string, target: number): Promise<CpuReference> {
  await setNodeBackend('cpu');
  const artifacts = await loadBaseArtifacts(id, publicSource());
  const classifier = classifierFromArtifacts(artifacts, HEADS[id]);
  const x = loadCanonical(leaf);
  const ours = classifier.lossGradient(x, target);
  const grad = ours.grad.dataSync() as Float32Array;
  const nan = tf.any(tf.isNaN(ours.grad)).dataSync()[0] === 1;
  tf.dispose([ours.grad, ours.logits, ours.loss]);

  let stockGrad: Float32Array | null = null;
  if (id === 'mobilenet_v2') {
    const stock = await loadStockModel(artifacts, HEADS[id]);
    const g = stock.lossGradient(x, target);
    stockGrad = g.dataSync() as Float32Array;
    tf.dispose(g);
    stock.dispose();
  }

  const input = toModelInput(x, MODEL_SPECS[id].inputSize);
  const acts = forwardAll(classifier.plan, input);
  const dOut = tf.randomNormal(acts[acts.length - 1].shape, 0, 1, 'float32', 3) as tf.Tensor4D;
  const backward = inputGradient(classifier.plan, acts, dOut);
  const reference = { grad, nan, stockGrad, activations: acts.map(valuesOf), dOut: valuesOf(dOut), backward: backward.dataSync() as Float32Array };
  tf.dispose([x, input, ...acts, dOut, backward]);
  classifier.dispose();
  return reference;
}
