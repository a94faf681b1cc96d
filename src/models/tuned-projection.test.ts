// Folding a head on [pool(r), pool(d)] into the block's projection gives the same logits as that
// head, computed the way the base computes them: r + s ⊙ ((W₀ + left·rightᵀ)ᵀ d) + c, then the head.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random';
import { foldIntoProjection, updatedKernel, type HeadOnRows, type ProjectionBlock } from './tuned-projection';

const OUTPUTS = 3;
const INPUTS = 5;
const random = seededRandom(7);
const draw = (n: number) => Array.from({ length: n }, () => random() * 2 - 1);

const block: ProjectionBlock = { layer: 'block_p', kernel: draw(INPUTS * OUTPUTS), scale: draw(OUTPUTS).map((v) => v + 2), shift: draw(OUTPUTS) };

const logits = (head: HeadOnRows, row: number[]) => [0, 1].map((k) => head.bias[k] + row.reduce((sum, v, i) => sum + v * head.kernel[i][k], 0));

/** The block's pooled output as the base computes it, with the updated kernel. */
function blockOutput(kernel: ArrayLike<number>, r: number[], d: number[]): number[] {
  return r.map((rc, c) => {
    let z = 0;
    for (let j = 0; j < INPUTS; j++) z += kernel[j * OUTPUTS + c] * d[j];
    return rc + Number(block.scale[c]) * z + Number(block.shift[c]);
  });
}

describe('foldIntoProjection', () => {
  const antisymmetric = (rows: number) => ({ kernel: draw(rows).map((v) => [-v, v]), bias: ((v) => [-v, v])(draw(1)[0]) });

  it('gives a two-class head trained from zero (antisymmetric) the same logits through the base', () => {
    const trained = antisymmetric(OUTPUTS + INPUTS);
    const { head, update } = foldIntoProjection(trained, block);
    const kernel = updatedKernel(block.kernel, update);
    for (let n = 0; n < 4; n++) {
      const [r, d] = [draw(OUTPUTS), draw(INPUTS)];
      const want = logits(trained, [...r, ...d]);
      const got = logits(head, blockOutput(kernel, r, d));
      got.forEach((v, k) => expect(v).toBeCloseTo(want[k], 5));
    }
  });

  it('keeps the probabilities of any other head (the logits move together)', () => {
    const trained = { kernel: draw(OUTPUTS + INPUTS).map((v) => [v, draw(1)[0]]), bias: draw(2) };
    const { head, update } = foldIntoProjection(trained, block);
    const kernel = updatedKernel(block.kernel, update);
    const [r, d] = [draw(OUTPUTS), draw(INPUTS)];
    const [w0, w1] = logits(trained, [...r, ...d]);
    const [g0, g1] = logits(head, blockOutput(kernel, r, d));
    expect(g1 - g0).toBeCloseTo(w1 - w0, 5);
  });

  it('changes the frozen kernel only by a rank-one update, and not at all when the head already agrees with it', () => {
    // A head whose d-part is what the frozen W₀ already gives: nothing to change.
    const a = draw(OUTPUTS);
    const b = Array.from({ length: INPUTS }, (_, j) => a.reduce((s, v, c) => s + Number(block.kernel[j * OUTPUTS + c]) * Number(block.scale[c]) * v, 0));
    const agreeing = { kernel: [...a, ...b].map((v) => [-v, v]), bias: [0, 0] };
    const { update } = foldIntoProjection(agreeing, block);
    update.left.forEach((v) => expect(v).toBeCloseTo(0, 12));
    expect(update.left).toHaveLength(INPUTS);
    expect(update.right).toHaveLength(OUTPUTS);
  });

  it('refuses a head of the wrong size', () => {
    expect(() => foldIntoProjection(antisymmetric(OUTPUTS), block)).toThrow(/needs 3 \+ 5/);
  });
});
