import { describe, expect, it } from 'vitest';
import { CLIP } from '../../attack/clip';
import { CLIP_COLOURS, clipImage, gradientHeatmap, HEATMAP, heatmapScale, moveImage, signCounts, signImage } from './step-views';

const pixel = (rgba: Uint8ClampedArray, p: number) => Array.from(rgba.subarray(4 * p, 4 * p + 4));

describe('the step views', () => {
  it('heatmap: orange for a positive gradient, purple for a negative one, the mid colour at 0, saturated beyond the scale', () => {
    const rgba = gradientHeatmap(Float32Array.from([2, -2, 0, 1, -10]), 2);
    expect(pixel(rgba, 0)).toEqual([...HEATMAP.positive, 255]);
    expect(pixel(rgba, 1)).toEqual([...HEATMAP.negative, 255]);
    expect(pixel(rgba, 2)).toEqual([...HEATMAP.zero, 255]);
    // Half the scale: half-way between the mid colour and orange.
    expect(pixel(rgba, 3).slice(0, 3)).toEqual(HEATMAP.zero.map((v, i) => Math.round(v + (HEATMAP.positive[i] - v) / 2)));
    expect(pixel(rgba, 4)).toEqual([...HEATMAP.negative, 255]);
  });

  it('heatmap scale: the 99th percentile of |∂L/∂x|, so one outlier does not wash out the rest', () => {
    const gradient = Float32Array.from({ length: 1000 }, (_, i) => (i % 2 ? -1 : 1) * (i < 999 ? 0.5 : 1000));
    expect(heatmapScale(gradient)).toBe(0.5);
    expect(heatmapScale(new Float32Array(4))).toBe(1);
  });

  it('sign and move: each channel on its own, the move drawn at the perturbation view’s amplification', () => {
    const sign = Int8Array.from([1, -1, 0, -1, -1, 1]);
    expect(Array.from(signImage(sign))).toEqual([255, 0, 128, 255, 0, 0, 255, 255]);
    // ε = 0.01, T = 2: η = 0.005, amplification 0.5/ε = 50: one step moves a quarter of the way to black or white.
    expect(Array.from(moveImage(sign, 0.005, 50))).toEqual([64, 191, 128, 255, 191, 191, 64, 255]);
    expect(signCounts(sign)).toEqual({ up: 2, down: 3, zero: 1 });
  });

  it('clip: marks each pixel stopped in any channel (0 or 1 before the ball) and counts channels', () => {
    const image = Uint8ClampedArray.from([10, 20, 30, 255, 40, 50, 60, 255, 70, 80, 90, 255]);
    const clip = Uint8Array.from([CLIP.free, CLIP.free, CLIP.free, CLIP.ball, CLIP.free, CLIP.ball, CLIP.ball, CLIP.range, CLIP.free]);
    const { rgba, ball, range } = clipImage(image, clip);
    expect([ball, range]).toEqual([3, 1]);
    expect(pixel(rgba, 1)).toEqual([...CLIP_COLOURS.ball, 255]);
    expect(pixel(rgba, 2)).toEqual([...CLIP_COLOURS.range, 255]);
    const [r, g, b] = pixel(rgba, 0);
    expect(r === g && g === b).toBe(true); // free pixels are grey
  });
});
