// The reference: tfjs's own LayersModel and tf.grad, unmodified, for tests and the benchmark.
// (Slow: computes every filter gradient; cannot run on wasm.)
import * as tf from '@tensorflow/tfjs';
import type { BaseArtifacts } from './artifacts';
import type { HeadWeights } from './head';
import { toModelInput } from './preprocess';
import { MODEL_SPECS } from './specs';

export interface StockModel {
  /** dLoss/dx by tf.grad through the LayersModel, loss = softmax cross-entropy of the logits. */
  lossGradient(x: tf.Tensor4D, target: number): tf.Tensor4D;
  logits(x: tf.Tensor4D): tf.Tensor2D;
  dispose(): void;
}

export async function loadStockModel(artifacts: BaseArtifacts, head: HeadWeights): Promise<StockModel> {
  const full = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: artifacts.modelJson.modelTopology, weightSpecs: artifacts.weightSpecs, weightData: artifacts.weightData }),
  );
  const base = tf.model({ inputs: full.inputs, outputs: full.getLayer(head.cutLayer).output as tf.SymbolicTensor });
  const kernel = tf.tensor2d(head.kernel);
  const bias = tf.tensor1d(head.bias);
  const size = MODEL_SPECS[artifacts.id].inputSize;
  const logits = (x: tf.Tensor4D) => {
    const features = tf.mean(base.apply(toModelInput(x, size), { training: false }) as tf.Tensor4D, [1, 2]);
    return tf.add(tf.matMul(features, kernel), bias) as tf.Tensor2D;
  };
  return {
    logits: (x) => tf.tidy(() => logits(x)),
    lossGradient: (x, target) =>
      tf.tidy(() => {
        const oneHot = tf.oneHot(tf.fill([x.shape[0]], target, 'int32'), 2);
        return tf.grad((img) => tf.losses.softmaxCrossEntropy(oneHot, logits(img as tf.Tensor4D)))(x) as tf.Tensor4D;
      }),
    dispose: () => {
      full.dispose();
      tf.dispose([kernel, bias]);
    },
  };
}
