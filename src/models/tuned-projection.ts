// Training a layer below the cut without running the base again. A residual block ends in
//   y = r + s ⊙ (Wᵀd) + c        (r: the block's input, d: its depthwise output, W: the 1×1 projection,
//                                 s, c: its BatchNormalization's scale and shift)
// and global pooling commutes with all of it, so pool(y) = pool(r) + s ⊙ (Wᵀ pool(d)) + c. A softmax
// head trained on [pool(r), pool(d)] is therefore exactly a head on pool(y) together with a new W:
// the smallest change to W that does it is rank one (the head has two classes). Pure math, no tfjs.

/** A change to a base's 1×1 projection: its kernel (inputs × outputs) becomes W₀ + left·rightᵀ. */
export interface ProjectionUpdate {
  layer: string;
  /** One value per input channel of the projection. */
  left: number[];
  /** One value per output channel. */
  right: number[];
}

export interface HeadOnRows {
  /** features × 2 */
  kernel: number[][];
  bias: number[];
}

export interface ProjectionBlock {
  layer: string;
  /** W₀, inputs × outputs, row-major. */
  kernel: ArrayLike<number>;
  /** BatchNormalization after it: y = s·z + c per output channel. */
  scale: ArrayLike<number>;
  shift: ArrayLike<number>;
}

/** The same two-class head with the part both logits share removed: probabilities are unchanged. */
function centred(head: HeadOnRows): HeadOnRows {
  const half = (pair: number[]) => (pair[1] - pair[0]) / 2;
  return { kernel: head.kernel.map((row) => [-half(row), half(row)]), bias: [-half(head.bias), half(head.bias)] };
}

/**
 * Folds a head trained on [pool(r), pool(d)] into a head on the block's pooled output and an update
 * of its projection. Exact for the logits of a centred head (a two-class head trained from zero is
 * one); for any other, exact for the probabilities.
 */
export function foldIntoProjection(trained: HeadOnRows, block: ProjectionBlock): { head: HeadOnRows; update: ProjectionUpdate } {
  const outputs = block.scale.length;
  const inputs = block.kernel.length / outputs;
  if (trained.kernel.length !== outputs + inputs) throw new Error(`head has ${trained.kernel.length} rows, block needs ${outputs} + ${inputs}`);
  const { kernel, bias } = centred(trained);
  // Class 1's column; class 0's is its negative. ã = s ⊙ a is what W's columns meet.
  const a = kernel.slice(0, outputs).map((row) => row[1]);
  const b = kernel.slice(outputs).map((row) => row[1]);
  const scaledA = a.map((v, c) => v * block.scale[c]);
  const norm = scaledA.reduce((sum, v) => sum + v * v, 0);
  if (norm === 0) throw new Error('the head ignores the block output: nothing to fold into');
  // W ã must equal b: W₀ ã misses by b − W₀ã, which W₀ + p ãᵀ makes up with p = (b − W₀ã) / |ã|².
  const left = b.map((bj, j) => {
    let w0a = 0;
    for (let c = 0; c < outputs; c++) w0a += block.kernel[j * outputs + c] * scaledA[c];
    return (bj - w0a) / norm;
  });
  const shifted = [0, 1].map((k) => bias[k] - kernel.slice(0, outputs).reduce((sum, row, c) => sum + row[k] * block.shift[c], 0));
  return { head: { kernel: kernel.slice(0, outputs), bias: shifted }, update: { layer: block.layer, left, right: scaledA } };
}

/** W₀ + left·rightᵀ, inputs × outputs, row-major. */
export function updatedKernel(kernel: ArrayLike<number>, update: ProjectionUpdate): Float32Array {
  const outputs = update.right.length;
  if (kernel.length !== update.left.length * outputs) throw new Error(`${update.layer}: update is ${update.left.length} × ${outputs}, kernel has ${kernel.length} values`);
  return Float32Array.from(kernel, (w, i) => w + update.left[Math.floor(i / outputs)] * update.right[i % outputs]);
}
