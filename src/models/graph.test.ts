// buildPlan's reading of Keras layers: a BatchNorm without γ (Keras's scale: false) is γ = 1, but
// missing statistics are an error, never silently ones.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BaseArtifacts, KerasLayerJson } from './artifacts';
import { buildPlan, disposePlan } from './graph';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const layer = (name: string, class_name: string, config: Record<string, unknown>, input?: string): KerasLayerJson => ({
  name, class_name, config, inbound_nodes: input ? [[[input, 0, 0, {}]]] : [],
});

const LAYERS = [
  layer('input', 'InputLayer', {}),
  layer('conv', 'Conv2D', { strides: 1, kernel_size: 1, padding: 'same', use_bias: false, activation: 'linear', dilation_rate: 1 }, 'input'),
  layer('bn', 'BatchNormalization', { epsilon: 1e-3 }, 'conv'),
];
const artifacts = { id: 'inception_v3', layers: LAYERS, weightSpecs: [] } as unknown as BaseArtifacts;

function weights(omit: string[]): tf.NamedTensorMap {
  const all: tf.NamedTensorMap = {
    'conv/kernel': tf.ones([1, 1, 3, 2]),
    'bn/moving_mean': tf.tensor1d([1, 2]),
    'bn/moving_variance': tf.tensor1d([4, 9]),
    'bn/beta': tf.tensor1d([0.5, -0.5]),
    'bn/gamma': tf.tensor1d([2, 3]),
  };
  for (const k of omit) delete all[k];
  return all;
}

describe('buildPlan: BatchNormalization weights', () => {
  it('without γ, uses γ = 1', () => {
    const plan = buildPlan(artifacts, weights(['bn/gamma']), 'bn');
    const conv = plan.nodes[1];
    expect(conv.kind === 'conv' && Array.from(conv.batchNorm!.gamma.dataSync())).toEqual([1, 1]);
    expect(conv.kind === 'conv' && Array.from(conv.batchNorm!.mean.dataSync())).toEqual([1, 2]);
    disposePlan(plan);
  });

  it.each(['bn/moving_mean', 'bn/moving_variance', 'bn/beta'])('without %s, refuses to build', (name) => {
    expect(() => buildPlan(artifacts, weights([name]), 'bn')).toThrow(`missing weight ${name}`);
  });
});
