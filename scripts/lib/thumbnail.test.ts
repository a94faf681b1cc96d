import { describe, expect, it } from 'vitest';
import { halveRgba } from './thumbnail.ts';

const rgba = (pixels: number[][]) => Uint8Array.from(pixels.flatMap(([r, g, b]) => [r, g, b, 255]));

describe('halveRgba', () => {
  it('averages each 2×2 block, rounded, opaque, in row order', () => {
    // 4×2: two blocks side by side.
    const image = rgba([[0, 0, 0], [2, 4, 255], [100, 10, 7], [100, 11, 7], [1, 0, 0], [1, 1, 255], [100, 10, 7], [100, 11, 8]]);
    const half = halveRgba(image, 4, 2);
    expect([half.width, half.height]).toEqual([2, 1]);
    // (0+2+1+1)/4 = 1, (0+4+0+1)/4 = 1.25 → 1, (0+255+0+255)/4 = 127.5 → 128; (10+11+10+11)/4 = 10.5 → 11, (7+7+7+8)/4 = 7.25 → 7.
    expect([...half.data]).toEqual([1, 1, 128, 255, 100, 11, 7, 255]);
  });

  it('refuses an odd size rather than dropping a row', () => {
    expect(() => halveRgba(new Uint8Array(3 * 2 * 4), 3, 2)).toThrow('3×2 is not even');
  });
});
