// The hand-written input gradient of every layer kind, against central finite differences of the
// forward pass (a reference that shares no gradient kernel with it), and against tf.grad where
// tfjs's own gradient is right.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { forwardAll, forwardOutput, inputGradient } from './executor';
import { backwardFilter, type Activation, type Padding, type Plan, type PlanNode } from './graph';
import { alongDirection, centralDifference, signDirection, type Region } from './testing/finite-differences';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

let seed = 1;
const rand = (shape: number[]) => tf.randomNormal(shape, 0, 1, 'float32', seed++);

function conv(input: number, o: { k: [number, number]; s: number; pad: Padding; cin: number; cout: number; depthwise?: boolean; act?: Activation; bn?: boolean }): PlanNode {
  const filter = rand(o.depthwise ? [o.k[0], o.k[1], o.cin, 1] : [o.k[0], o.k[1], o.cin, o.cout]) as tf.Tensor4D;
  const c = o.depthwise ? o.cin : o.cout;
  return {
    kind: 'conv', name: 'conv', input, depthwise: Boolean(o.depthwise), filter,
    backFilter: filter,
    bias: null,
    batchNorm: o.bn
      ? { mean: rand([c]) as tf.Tensor1D, variance: tf.abs(rand([c])) as tf.Tensor1D, beta: rand([c]) as tf.Tensor1D, gamma: rand([c]) as tf.Tensor1D, epsilon: 1e-3, scale: tf.zeros([c]) }
      : null,
    strides: [o.s, o.s], kernel: o.k, padding: o.pad, activation: o.act ?? 'linear',
  };
}

function plan(nodes: PlanNode[]): Plan {
  for (const n of nodes) {
    if (n.kind !== 'conv') continue;
    if (n.batchNorm) n.batchNorm.scale = tf.div(n.batchNorm.gamma, tf.sqrt(tf.add(n.batchNorm.variance, n.batchNorm.epsilon)));
    n.backFilter = backwardFilter(n);
  }
  return { nodes, featureSize: 0, paramCount: 0, nodeOf: new Map() };
}

/** Relative L2 distance between our input gradient and tf.grad's, for a random upstream gradient. */
function compare(p: Plan, inShape: number[]): number {
  return tf.tidy(() => {
    const x = rand(inShape) as tf.Tensor4D;
    const acts = forwardAll(p, x);
    const r = rand(acts[acts.length - 1].shape) as tf.Tensor4D;
    const ours = inputGradient(p, acts, r);
    const reference = tf.grad((v) => tf.sum(tf.mul(forwardOutput(p, v as tf.Tensor4D), r)))(x);
    return tf.div(tf.norm(tf.sub(ours, reference)), tf.norm(reference)).dataSync()[0];
  });
}

/**
 * Relative error of our directional derivative along sign(∇L) on one region of the input, against
 * central differences of L = Σ r·F(x). Every layer is piecewise linear, so a small step is exact
 * up to float32 rounding and the rare ReLU boundary it crosses.
 */
function finiteDifferenceError(p: Plan, inShape: number[], region: Region): number {
  return tf.tidy(() => {
    const x = rand(inShape) as tf.Tensor4D;
    const acts = forwardAll(p, x);
    const r = rand(acts[acts.length - 1].shape) as tf.Tensor4D;
    const ours = inputGradient(p, acts, r);
    const s = signDirection(ours, region, 1);
    const loss = (v: tf.Tensor4D) => tf.tidy(() => tf.sum(tf.mul(forwardOutput(p, v), r)).dataSync()[0]);
    const reference = centralDifference(loss, x, s, 1e-4);
    return Math.abs(alongDirection(ours, s) - reference) / Math.abs(reference);
  });
}

const input: PlanNode = { kind: 'input', name: 'input' };
const REGIONS: Region[] = ['border', 'interior'];

describe('input gradient of each layer kind', () => {
  const convCases: [string, number[], Parameters<typeof conv>[1]][] = [
    ['3×3 stride 1 same', [1, 9, 9, 3], { k: [3, 3], s: 1, pad: 'same', cin: 3, cout: 4 }],
    ['3×3 stride 2 valid, odd size', [1, 11, 11, 2], { k: [3, 3], s: 2, pad: 'valid', cin: 2, cout: 3 }],
    ['3×3 stride 2 valid, even size', [1, 10, 10, 2], { k: [3, 3], s: 2, pad: 'valid', cin: 2, cout: 3 }],
    ['3×3 stride 2 same, odd size', [1, 9, 9, 2], { k: [3, 3], s: 2, pad: 'same', cin: 2, cout: 3 }],
    ['3×3 stride 2 same, even size', [1, 8, 8, 2], { k: [3, 3], s: 2, pad: 'same', cin: 2, cout: 3 }],
    ['1×7 stride 1 same', [1, 9, 9, 3], { k: [1, 7], s: 1, pad: 'same', cin: 3, cout: 2 }],
    ['7×1 stride 1 same', [1, 9, 9, 3], { k: [7, 1], s: 1, pad: 'same', cin: 3, cout: 2 }],
    ['5×5 stride 1 same', [1, 9, 9, 3], { k: [5, 5], s: 1, pad: 'same', cin: 3, cout: 2 }],
    ['1×1 with BatchNorm and relu', [1, 7, 7, 4], { k: [1, 1], s: 1, pad: 'same', cin: 4, cout: 5, bn: true, act: 'relu' }],
    ['3×3 with BatchNorm and relu6', [1, 7, 7, 4], { k: [3, 3], s: 1, pad: 'same', cin: 4, cout: 5, bn: true, act: 'relu6' }],
    ['depthwise 3×3 stride 1 same', [1, 9, 9, 4], { k: [3, 3], s: 1, pad: 'same', cin: 4, cout: 4, depthwise: true }],
    ['depthwise 3×3 stride 2 valid', [1, 9, 9, 4], { k: [3, 3], s: 2, pad: 'valid', cin: 4, cout: 4, depthwise: true }],
    ['depthwise 3×3 stride 2 same, even', [1, 8, 8, 4], { k: [3, 3], s: 2, pad: 'same', cin: 4, cout: 4, depthwise: true, bn: true, act: 'relu6' }],
  ];
  it.each(convCases)('conv %s', (_, shape, o) => {
    expect(compare(plan([input, conv(0, o)]), shape)).toBeLessThan(1e-5);
  });

  it.each(convCases)('conv %s, against finite differences on the border and the interior', (_, shape, o) => {
    const p = plan([input, conv(0, o)]);
    for (const region of REGIONS) expect(finiteDifferenceError(p, shape, region)).toBeLessThan(1e-2);
  });

  /** Padding, pooling, concatenation and addition, with an average pool of the given padding. */
  const mixedGraph = (avgPadding: Padding) => plan([
    input,
    { kind: 'pad', name: 'pad', input: 0, padding: [[0, 1], [1, 0]] },
    conv(1, { k: [3, 3], s: 1, pad: 'same', cin: 3, cout: 4, bn: true, act: 'relu' }),
    { kind: 'maxPool', name: 'max', input: 2, size: [3, 3], strides: [2, 2], padding: 'valid' },
    { kind: 'avgPool', name: 'avg', input: 3, size: [3, 3], strides: [1, 1], padding: avgPadding },
    conv(3, { k: [1, 1], s: 1, pad: 'same', cin: 4, cout: 4 }),
    { kind: 'add', name: 'add', inputs: [avgPadding === 'same' ? 4 : 5, 5] },
    { kind: 'concat', name: 'cat', inputs: [6, 3, 5] },
  ]);

  it('zero padding, max pooling, average pooling without padding, concatenation and addition: equal to tf.grad', () => {
    expect(compare(mixedGraph('valid'), [1, 12, 12, 3])).toBeLessThan(1e-5);
  });

  it.each(REGIONS)('the same with a padded average pool, against finite differences (%s)', (region) => {
    expect(finiteDifferenceError(mixedGraph('same'), [1, 12, 12, 3], region)).toBeLessThan(1e-2);
  });

  // tfjs's AvgPoolGrad divides by the full window where the forward pass divided by the real
  // pixels, so tf.grad is wrong here; the executor counts each window's real pixels.
  it.each([
    ['3×3 stride 1', [3, 3], [1, 1], [1, 7, 7, 2]],
    ['3×3 stride 2, even size', [3, 3], [2, 2], [1, 8, 8, 2]],
    ['2×3 stride 2, odd size', [2, 3], [2, 2], [1, 9, 7, 2]],
  ] as const)('average pooling with same padding, %s, against finite differences on the border and the interior', (_, size, strides, shape) => {
    const p = plan([input, { kind: 'avgPool', name: 'avg', input: 0, size: [...size], strides: [...strides], padding: 'same' }]);
    for (const region of REGIONS) expect(finiteDifferenceError(p, [...shape], region)).toBeLessThan(1e-3);
  });

  it('the whole pass leaves no tensor behind inside tidy', () => {
    const p = plan([input, conv(0, { k: [3, 3], s: 2, pad: 'same', cin: 3, cout: 4, bn: true, act: 'relu' })]);
    const x = rand([1, 8, 8, 3]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const g = tf.tidy(() => {
      const acts = forwardAll(p, x);
      return inputGradient(p, acts, tf.onesLike(acts[1]));
    });
    expect(tf.memory().numTensors).toBe(before + 1);
    g.dispose();
  });
});
