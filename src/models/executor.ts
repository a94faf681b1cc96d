// Runs a Plan forward, and backward for the input gradient only. Every backward step is written
// with forward kernels or tfjs's own gradient kernels, so it runs on webgl, wasm and cpu alike,
// and it never computes a filter gradient (FGSM needs d/dx alone). Call inside tf.tidy.
import * as tf from '@tensorflow/tfjs';
import type { Plan, PlanNode } from './graph';

type T4 = tf.Tensor4D;

/** Output of every node (kept: the backward pass needs them). */
export function forwardAll(plan: Plan, x: T4): T4[] {
  const out: T4[] = [];
  for (const node of plan.nodes) out.push(forwardNode(node, out, x));
  return out;
}

/** Output of the last node, freeing intermediate activations as soon as nothing needs them. */
export function forwardOutput(plan: Plan, x: T4): T4 {
  const { nodes } = plan;
  const lastUse = new Array<number>(nodes.length).fill(-1);
  nodes.forEach((node, i) => inputsOf(node).forEach((j) => (lastUse[j] = i)));
  const out: (T4 | null)[] = [];
  nodes.forEach((node, i) => {
    out.push(forwardNode(node, out as T4[], x));
    for (const j of inputsOf(node)) if (lastUse[j] === i && j > 0) out[j]!.dispose();
  });
  return out[nodes.length - 1]!;
}

function inputsOf(node: PlanNode): number[] {
  if (node.kind === 'input') return [];
  return 'inputs' in node ? node.inputs : [node.input];
}

function forwardNode(node: PlanNode, out: T4[], x: T4): T4 {
  switch (node.kind) {
    case 'input':
      return x;
    case 'conv':
      return convForward(node, out[node.input]);
    case 'pad':
      return tf.pad(out[node.input], [[0, 0], node.padding[0], node.padding[1], [0, 0]]);
    case 'maxPool':
      return tf.maxPool(out[node.input], node.size, node.strides, node.padding);
    case 'avgPool':
      return tf.avgPool(out[node.input], node.size, node.strides, node.padding);
    case 'concat':
      return tf.concat(node.inputs.map((i) => out[i]), 3);
    case 'add':
      return tf.addN(node.inputs.map((i) => out[i]));
  }
}

type ConvNode = Extract<PlanNode, { kind: 'conv' }>;

/** The same ops, in the same order, as tfjs-layers' Conv2D → BatchNormalization → ReLU. */
function convForward(node: ConvNode, x: T4): T4 {
  let z = node.depthwise ? tf.depthwiseConv2d(x, node.filter, node.strides, node.padding) : tf.conv2d(x, node.filter, node.strides, node.padding);
  if (node.bias) z = tf.add(z, node.bias);
  const bn = node.batchNorm;
  if (bn) z = tf.batchNorm(z, bn.mean, bn.variance, bn.beta, bn.gamma, bn.epsilon);
  if (node.activation === 'linear') return z;
  return node.activation === 'relu' ? tf.relu(z) : tf.clipByValue(tf.relu(z), 0, 6);
}

/** d(something)/d(input), given its gradient `dOut` with respect to the plan's last node. */
export function inputGradient(plan: Plan, acts: T4[], dOut: T4): T4 {
  const { nodes } = plan;
  const grads: (T4 | undefined)[] = new Array(nodes.length);
  grads[nodes.length - 1] = dOut;
  const accumulate = (i: number, g: T4) => {
    const prev = grads[i];
    grads[i] = prev ? tf.add<T4>(prev, g) : g;
    if (prev) {
      prev.dispose();
      g.dispose();
    }
  };
  for (let i = nodes.length - 1; i > 0; i--) {
    const dy = grads[i];
    if (!dy) continue;
    backwardNode(nodes[i], acts, acts[i], dy).forEach(([j, g]) => accumulate(j, g));
    if (dy !== dOut) dy.dispose();
  }
  return grads[0]!;
}

function backwardNode(node: PlanNode, acts: T4[], y: T4, dy: T4): [number, T4][] {
  switch (node.kind) {
    case 'input':
      return [];
    case 'conv':
      // The BatchNorm's per-channel scale is folded into backFilter.
      return [[node.input, convInputGrad(node, acts[node.input].shape, activationGrad(node.activation, y, dy))]];
    case 'pad': {
      const [[top], [left]] = node.padding;
      const [n, h, w, c] = acts[node.input].shape;
      return [[node.input, tf.slice(dy, [0, top, left, 0], [n, h, w, c])]];
    }
    case 'maxPool':
    case 'avgPool': {
      const x = acts[node.input];
      const attrs = { filterSize: node.size, strides: node.strides, pad: node.padding };
      const dx = node.kind === 'maxPool'
        ? tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: y }, attrs)
        : tf.engine().runKernel('AvgPoolGrad', { dy: tf.mul(dy, windowSizeOverCount(node, x.shape)), input: x }, attrs);
      return [[node.input, dx as T4]];
    }
    case 'concat': {
      const sizes = node.inputs.map((i) => acts[i].shape[3]);
      const parts = tf.split(dy, sizes, 3) as T4[];
      return node.inputs.map((i, k) => [i, parts[k]]);
    }
    case 'add':
      return node.inputs.map((i) => [i, tf.clone(dy)]);
  }
}

type PoolNode = Extract<PlanNode, { kind: 'maxPool' | 'avgPool' }>;

/**
 * tfjs's AvgPoolGrad (every backend, 4.22) divides each window's gradient by the full window
 * size, while the forward avgPool with 'same' padding divides by the real pixels it covered (4 of
 * 9 in a corner). Scaling dy by size/count first makes it the gradient of the forward pass we run.
 */
function windowSizeOverCount(node: PoolNode, [, inH, inW]: number[]): tf.Tensor4D {
  const rows = coveredPixels(inH, node.size[0], node.strides[0], node.padding);
  const cols = coveredPixels(inW, node.size[1], node.strides[1], node.padding);
  const full = node.size[0] * node.size[1];
  const ratio = new Float32Array(rows.length * cols.length);
  rows.forEach((r, i) => cols.forEach((c, j) => (ratio[i * cols.length + j] = full / (r * c))));
  return tf.tensor4d(ratio, [1, rows.length, cols.length, 1]);
}

/** For each output position along one axis, how many real (unpadded) input pixels its window covers. */
function coveredPixels(inSize: number, k: number, s: number, padding: string): number[] {
  const outSize = padding === 'same' ? Math.ceil(inSize / s) : Math.floor((inSize - k) / s) + 1;
  const before = padding === 'same' ? Math.floor(Math.max((outSize - 1) * s + k - inSize, 0) / 2) : 0;
  return Array.from({ length: outSize }, (_, o) => {
    const start = o * s - before;
    return Math.min(start + k, inSize) - Math.max(start, 0);
  });
}

/**
 * Gradient through the activation, read from its output y: relu passes where y > 0; relu6 where
 * 0 < y < 6, i.e. where y·(6 − y) > 0 (one pass fewer than two comparisons and an and).
 */
function activationGrad(activation: string, y: T4, dy: T4): T4 {
  if (activation === 'linear') return dy;
  return tf.mul(dy, tf.step(activation === 'relu' ? y : tf.mul(y, tf.sub(6, y))));
}

/**
 * d/dx of a convolution, as a forward convolution of the zero-interleaved output gradient with the
 * flipped filter (the transposed convolution, without tfjs's slower backprop kernels on wasm).
 */
function convInputGrad(node: ConvNode, inShape: number[], dz: T4): T4 {
  const [, outH, outW] = dz.shape;
  const [top, bottom] = transposePadding(inShape[1], outH, node.kernel[0], node.strides[0], node.padding);
  const [left, right] = transposePadding(inShape[2], outW, node.kernel[1], node.strides[1], node.padding);
  let dilated = interleaveZeros(dz, node.strides);
  if (bottom < 0 || right < 0) {
    const [n, h, w, c] = dilated.shape;
    dilated = tf.slice(dilated, 0, [n, h + Math.min(bottom, 0), w + Math.min(right, 0), c]);
  }
  const explicit: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [top, Math.max(bottom, 0)], [left, Math.max(right, 0)], [0, 0]];
  // Stride 1 and 'same' comes back as symmetric (k − 1)/2 padding: 'same' itself, the fastest path.
  const same = node.strides.every((s) => s === 1) && node.padding === 'same' && top === bottom && left === right;
  const pad = same ? 'same' : explicit;
  return node.depthwise ? tf.depthwiseConv2d(dilated, node.backFilter, 1, pad) : tf.conv2d(dilated, node.backFilter, 1, pad);
}

/**
 * Padding (before, after) of the transposed convolution along one axis, for an output gradient
 * of `outSize` interleaved with zeros to outSize·s (see interleaveZeros). `after` can be negative
 * when the forward conv ignored trailing input: the caller crops then.
 */
function transposePadding(inSize: number, outSize: number, k: number, s: number, padding: string): [number, number] {
  const forwardBefore = padding === 'same' ? Math.floor(Math.max((outSize - 1) * s + k - inSize, 0) / 2) : 0;
  const before = k - 1 - forwardBefore;
  return [before, inSize + k - 1 - outSize * s - before];
}

/**
 * Puts s − 1 zeros after every pixel, so that a stride-s conv can be transposed by a stride-1
 * conv. Reshapes and pads only (no slicing: a strided copy was the slowest step on wasm).
 */
function interleaveZeros(t: T4, [sh, sw]: [number, number]): T4 {
  let out: T4 = t;
  const [n, h, w, c] = t.shape;
  if (sh > 1) out = tf.reshape<tf.Rank.R4>(tf.pad(tf.reshape(out, [n, h, 1, w * c]), [[0, 0], [0, 0], [0, sh - 1], [0, 0]]), [n, h * sh, w, c]);
  if (sw > 1) out = tf.reshape<tf.Rank.R4>(tf.pad(tf.reshape(out, [n * h * sh, w, 1, c]), [[0, 0], [0, 0], [0, sw - 1], [0, 0]]), [n, h * sh, w * sw, c]);
  return out;
}
