// A leaf classifier we can attack: base (cut, BatchNorm folded) + global average pooling + Dense(2).
// Every method takes the canonical image (N×256×256×3, [0,1]); the model's own resize is inside.
import * as tf from '@tensorflow/tfjs';
import type { BaseArtifacts } from './artifacts';
import { forwardAll, forwardOutput, inputGradient } from './executor';
import { buildPlan, disposePlan, type Plan } from './graph';
import type { HeadWeights } from './head';
import type { ModelInfo } from './model-card';
import { toModelInput, toModelInputGrad } from './preprocess';
import { MODEL_SPECS, type ModelSpec } from './specs';
import { updatedKernel, type ProjectionUpdate } from './tuned-projection';

export interface LossGradient {
  /** Cross-entropy towards the target label, computed from the logits. */
  loss: tf.Scalar;
  logits: tf.Tensor2D;
  /** dLoss/dx with respect to the canonical image. */
  grad: tf.Tensor4D;
}

export class Classifier {
  private readonly kernel: tf.Tensor2D;
  private readonly bias: tf.Tensor1D;

  constructor(
    readonly spec: ModelSpec,
    readonly plan: Plan,
    readonly head: HeadWeights,
  ) {
    if (head.featureSize !== plan.featureSize) throw new Error(`${spec.id}: head expects ${head.featureSize} features, base gives ${plan.featureSize}`);
    this.kernel = tf.tensor2d(head.kernel);
    this.bias = tf.tensor1d(head.bias);
  }

  /** Parameters actually used: the base up to the cut plus the head. */
  get paramCount(): number {
    return this.plan.paramCount + this.kernel.size + this.bias.size;
  }

  /** What the model card shows: the share of the base, its blocks, the head. */
  get info(): ModelInfo {
    const { spec, plan, head } = this;
    return {
      id: spec.id, title: spec.title, role: spec.role, paramCount: this.paramCount, baseParamsUsed: plan.paramCount,
      blocksUsed: spec.blockOutputs.filter((b) => plan.nodeOf.has(b)).length, cutLayer: head.cutLayer, featureSize: plan.featureSize,
    };
  }

  /** What the head sees: the cut layer's output, globally average-pooled (N × featureSize). */
  features(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => tf.mean(forwardOutput(this.plan, toModelInput(x, this.spec.inputSize)), [1, 2]));
  }

  logits(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => this.logitsOfFeatures(this.features(x)));
  }

  probabilities(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => tf.softmax(this.logits(x)));
  }

  /**
   * The loss towards `target` and its gradient with respect to x. The loss is the softmax
   * cross-entropy of the logits, so that even a model 0.99999 sure of the other class gives a
   * non-zero gradient (clipped probabilities would give exactly zero).
   */
  lossGradient(x: tf.Tensor4D, target: number): LossGradient {
    return tf.tidy(() => {
      const n = x.shape[0];
      const input = toModelInput(x, this.spec.inputSize);
      const acts = forwardAll(this.plan, input);
      const featureMap = acts[acts.length - 1];
      const logits = this.logitsOfFeatures(tf.mean(featureMap, [1, 2]));
      const oneHot = tf.oneHot(tf.fill([n], target, 'int32'), logits.shape[1]);
      const loss = tf.losses.softmaxCrossEntropy(oneHot, logits) as tf.Scalar;
      const dLogits = tf.div(tf.sub(tf.softmax(logits), oneHot), n);
      const dFeatures = tf.matMul(dLogits, this.kernel, false, true);
      const [, h, w, c] = featureMap.shape;
      const dMap = tf.broadcastTo(tf.reshape(tf.div(dFeatures, h * w), [n, 1, 1, c]), featureMap.shape);
      const grad = toModelInputGrad(x, inputGradient(this.plan, acts, dMap as tf.Tensor4D));
      return { loss, logits, grad };
    });
  }

  dispose(): void {
    disposePlan(this.plan);
    tf.dispose([this.kernel, this.bias]);
  }

  /** The head on pooled features (see features()). */
  logitsOfFeatures(features: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.matMul(features, this.kernel), this.bias);
  }
}

/** Decodes a base's weights, applies a trained projection's update, and builds its plan up to `cut`. */
export function planFromArtifacts(artifacts: BaseArtifacts, cut: string, update?: ProjectionUpdate): Plan {
  const weights = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
  if (update) {
    const name = `${update.layer}/kernel`;
    const frozen = weights[name];
    if (!frozen) throw new Error(`missing weight ${name}`);
    weights[name] = tf.tensor(updatedKernel(frozen.dataSync(), update), frozen.shape);
    frozen.dispose();
  }
  try {
    return buildPlan(artifacts, weights, cut);
  } finally {
    tf.dispose(Object.values(weights));
  }
}

export function classifierFromArtifacts(artifacts: BaseArtifacts, head: HeadWeights): Classifier {
  if (head.model !== artifacts.id) throw new Error(`head for ${head.model} given to ${artifacts.id}`);
  return new Classifier(MODEL_SPECS[artifacts.id], planFromArtifacts(artifacts, head.cutLayer, head.projectionUpdate), head);
}
