// Turns a Keras functional model (as decoded from nsfwjs) into a small plan of layers, cut at a
// chosen layer. Each convolution node carries the inference-mode BatchNormalization and the ReLU
// that follow it, so executor.ts can take input gradients layer by layer without any weight
// gradients. The forward arithmetic is exactly Keras/tfjs's (conv, then batchNorm, then relu, as
// separate ops): folding BatchNorm into the filter would be faster but moves ReLU boundaries by
// rounding, and the gradient would drift from tfjs's own by ~1e-3.
import * as tf from '@tensorflow/tfjs';
import type { BaseArtifacts, KerasLayerJson } from './artifacts';
import { inputsOf, layerOfWeight, layersUpTo } from './topology';
import type { ProjectionBlock } from './tuned-projection';

export type Activation = 'linear' | 'relu' | 'relu6';
export type Padding = 'same' | 'valid';
type Pair = [number, number];

export type PlanNode =
  | { kind: 'input'; name: string }
  | {
      kind: 'conv';
      name: string;
      input: number;
      depthwise: boolean;
      filter: tf.Tensor4D;
      /** See backwardFilter: computes d/dx (through the BatchNorm) by a forward conv. */
      backFilter: tf.Tensor4D;
      bias: tf.Tensor1D | null;
      batchNorm: BatchNorm | null;
      strides: Pair;
      kernel: Pair;
      padding: Padding;
      activation: Activation;
    }
  | { kind: 'pad'; name: string; input: number; padding: [Pair, Pair] }
  | { kind: 'maxPool' | 'avgPool'; name: string; input: number; size: Pair; strides: Pair; padding: Padding }
  | { kind: 'concat' | 'add'; name: string; inputs: number[] };

interface BatchNorm {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
  beta: tf.Tensor1D;
  gamma: tf.Tensor1D;
  epsilon: number;
  /** gamma / sqrt(variance + epsilon): the whole input gradient of an inference-mode BatchNorm. */
  scale: tf.Tensor1D;
}

export interface Plan {
  nodes: PlanNode[];
  /** Number of channels of the cut layer (the feature size after global average pooling). */
  featureSize: number;
  /** Parameters of the original Keras layers up to the cut (BatchNorm statistics included). */
  paramCount: number;
  /** Keras layer name → index of the node computing it (fused layers share their conv's node). */
  nodeOf: Map<string, number>;
}

const BATCH_NORM_WEIGHTS = ['moving_mean', 'moving_variance', 'beta', 'gamma'] as const;

function consumerCounts(layers: KerasLayerJson[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const layer of layers) for (const name of inputsOf(layer)) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

const pair = (v: unknown): Pair => (Array.isArray(v) ? [v[0] as number, v[1] as number] : [v as number, v as number]);

function activationOf(layer: KerasLayerJson): Activation | null {
  const c = layer.config;
  if (layer.class_name === 'Activation') return c.activation === 'relu' ? 'relu' : null;
  if (layer.class_name !== 'ReLU') return null;
  if ((c.negative_slope ?? 0) !== 0 || (c.threshold ?? 0) !== 0) return null;
  if (c.max_value == null) return 'relu';
  return c.max_value === 6 ? 'relu6' : null;
}

/** Parameters of `layers` as Keras counts them (BatchNorm statistics included, our γ = 1 repair not). */
function countParams(artifacts: BaseArtifacts, layers: KerasLayerJson[]): number {
  const names = new Set(layers.map((l) => l.name));
  let count = 0;
  for (const spec of artifacts.weightSpecs) {
    const isRepairGamma = spec.dtype === 'float32' && !spec.quantization && spec.name.endsWith('/gamma');
    if (names.has(layerOfWeight(spec.name)) && !isRepairGamma) count += spec.shape.reduce((a, b) => a * b, 1);
  }
  return count;
}

/** Parameters of the layers needed to compute `layer`: the share of a base a cut uses. */
export const paramsUpTo = (artifacts: BaseArtifacts, layer: string): number => countParams(artifacts, layersUpTo(artifacts.layers, layer));

/** Builds the plan of `artifacts` up to layer `cut`. Copies what it keeps: the caller disposes `weights`. */
export function buildPlan(artifacts: BaseArtifacts, weights: tf.NamedTensorMap, cut: string): Plan {
  const layers = layersUpTo(artifacts.layers, cut);
  const consumers = consumerCounts(layers);
  const nodes: PlanNode[] = [];
  const nodeOf = new Map<string, number>();
  const weight = (name: string) => {
    const w = weights[name];
    if (!w) throw new Error(`missing weight ${name}`);
    return w;
  };
  const paramCount = countParams(artifacts, layers);

  for (const layer of layers) {
    const c = layer.config;
    const ins = inputsOf(layer).map((n) => nodeOf.get(n)!);
    const add = (node: PlanNode) => nodeOf.set(layer.name, nodes.push(node) - 1);
    const fusable = () => {
      const prev = nodes[ins[0]];
      return prev.kind === 'conv' && consumers.get(nodes[ins[0]].name) === 1 ? prev : null;
    };
    switch (layer.class_name) {
      case 'InputLayer':
        add({ kind: 'input', name: layer.name });
        break;
      case 'Conv2D':
      case 'DepthwiseConv2D': {
        const depthwise = layer.class_name === 'DepthwiseConv2D';
        if (pair(c.dilation_rate).some((d) => d !== 1)) throw new Error(`${layer.name}: dilation unsupported`);
        const filter = weight(`${layer.name}/${depthwise ? 'depthwise_kernel' : 'kernel'}`).clone() as tf.Tensor4D;
        const bias = c.use_bias ? (weight(`${layer.name}/bias`).clone() as tf.Tensor1D) : null;
        const activation = c.activation === 'linear' ? 'linear' : c.activation === 'relu' ? 'relu' : null;
        if (!activation) throw new Error(`${layer.name}: activation ${String(c.activation)} unsupported`);
        add({
          kind: 'conv', name: layer.name, input: ins[0], depthwise, filter, backFilter: filter, bias, batchNorm: null,
          strides: pair(c.strides), kernel: pair(c.kernel_size), padding: c.padding as Padding, activation,
        });
        break;
      }
      case 'BatchNormalization': {
        const conv = fusable();
        if (!conv || conv.batchNorm || conv.activation !== 'linear') throw new Error(`${layer.name}: BatchNorm not after a conv`);
        // Only γ may be missing (Keras's scale: false means γ = 1); the statistics and β may not.
        const [mean, variance, beta, gamma] = BATCH_NORM_WEIGHTS.map((k) => {
          const name = `${layer.name}/${k}`;
          return k === 'gamma' && !weights[name] ? tf.onesLike(weight(`${layer.name}/beta`)) : weight(name).clone();
        }) as tf.Tensor1D[];
        const epsilon = c.epsilon as number;
        const scale = tf.tidy(() => tf.div(gamma, tf.sqrt(tf.add(variance, epsilon)))) as tf.Tensor1D;
        conv.batchNorm = { mean, variance, beta, gamma, epsilon, scale };
        nodeOf.set(layer.name, ins[0]);
        break;
      }
      case 'Activation':
      case 'ReLU': {
        const conv = fusable();
        const activation = activationOf(layer);
        if (!conv || !activation || conv.activation !== 'linear') throw new Error(`${layer.name}: unsupported activation`);
        conv.activation = activation;
        nodeOf.set(layer.name, ins[0]);
        break;
      }
      case 'ZeroPadding2D': {
        const p = c.padding as [Pair, Pair];
        add({ kind: 'pad', name: layer.name, input: ins[0], padding: [pair(p[0]), pair(p[1])] });
        break;
      }
      case 'MaxPooling2D':
      case 'AveragePooling2D':
        add({
          kind: layer.class_name === 'MaxPooling2D' ? 'maxPool' : 'avgPool', name: layer.name, input: ins[0],
          size: pair(c.pool_size), strides: pair(c.strides), padding: c.padding as Padding,
        });
        break;
      case 'Concatenate':
        if (c.axis !== -1 && c.axis !== 3) throw new Error(`${layer.name}: concat axis ${String(c.axis)}`);
        add({ kind: 'concat', name: layer.name, inputs: ins });
        break;
      case 'Add':
        add({ kind: 'add', name: layer.name, inputs: ins });
        break;
      default:
        throw new Error(`${layer.name}: layer type ${layer.class_name} unsupported`);
    }
  }
  for (const node of nodes) if (node.kind === 'conv') node.backFilter = backwardFilter(node);
  return { nodes, featureSize: channelsOf(nodes, nodes.length - 1), paramCount, nodeOf };
}

/**
 * The filter of the convolution that computes d/dx: flipped in space, input and output channels
 * swapped (depthwise: per channel), and the BatchNorm scale after it folded in, so the backward
 * pass needs no separate multiply. Multiplying the filter instead of the gradient is exact.
 */
export function backwardFilter(node: Extract<PlanNode, { kind: 'conv' }>): tf.Tensor4D {
  return tf.tidy(() => {
    const flipped = tf.reverse(node.filter, [0, 1]);
    const swapped = node.depthwise ? flipped : tf.transpose(flipped, [0, 1, 3, 2]);
    return (node.batchNorm ? tf.mul(swapped, tf.reshape(node.batchNorm.scale, [1, 1, -1, 1])) : swapped) as tf.Tensor4D;
  });
}

function channelsOf(nodes: PlanNode[], i: number): number {
  const node = nodes[i];
  switch (node.kind) {
    case 'conv':
      return node.depthwise ? node.filter.shape[2] : node.filter.shape[3];
    case 'concat':
      return node.inputs.reduce((n, j) => n + channelsOf(nodes, j), 0);
    case 'add':
      return channelsOf(nodes, node.inputs[0]);
    case 'input':
      return 3;
    default:
      return channelsOf(nodes, node.input);
  }
}

export function disposePlan(plan: Plan): void {
  for (const node of plan.nodes) {
    if (node.kind !== 'conv') continue;
    tf.dispose([node.filter, node.backFilter, ...(node.bias ? [node.bias] : []), ...Object.values(node.batchNorm ?? {})]);
  }
}

/** A 1×1 projection with the BatchNormalization after it, as numbers: what a trained head folds into. */
export function projectionBlock(plan: Plan, layer: string): ProjectionBlock {
  const node = plan.nodes[plan.nodeOf.get(layer) ?? -1];
  if (node?.kind !== 'conv' || node.depthwise || !node.batchNorm || node.bias || node.activation !== 'linear' || node.kernel.some((k) => k !== 1)) {
    throw new Error(`${layer}: not a linear 1×1 projection followed by BatchNorm`);
  }
  const [scale, mean, beta] = [node.batchNorm.scale, node.batchNorm.mean, node.batchNorm.beta].map((t) => t.dataSync());
  return { layer, kernel: node.filter.dataSync(), scale, shift: Float32Array.from(beta, (b, c) => b - scale[c] * mean[c]) };
}
