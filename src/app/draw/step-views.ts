// The four "inside a step" views as RGBA bytes, from the step's parts the worker sends
// (lab/session.ts StepView). Pure functions of arrays: no React, no canvas, testable in Node.
import { CLIP } from '../../attack/clip';
import type { StepView } from '../../lab/session';

/** A diverging palette that colour-blind readers tell apart (ColorBrewer PuOr): purple < 0 < orange. */
export const HEATMAP = { negative: [94, 60, 153], zero: [247, 247, 247], positive: [230, 97, 1] } as const;
/** The clip view's marks: Okabe–Ito blue at the ε-ball, vermillion at 0 or 1. */
export const CLIP_COLOURS = { ball: [0, 114, 178], range: [213, 94, 0] } as const;

/** Pixels whose |∂L/∂x| is above this share saturate the heatmap: one large gradient must not wash out the rest. */
const HEATMAP_QUANTILE = 0.99;

const mix = (a: readonly number[], b: readonly number[], w: number) => a.map((v, i) => Math.round(v + (b[i] - v) * w));

/** The |value| at which the heatmap saturates: the 99th percentile of |∂L/∂x| (the largest, if that is 0). */
export function heatmapScale(gradient: Float32Array): number {
  const sorted = Float32Array.from(gradient, Math.abs).sort();
  return sorted[Math.floor(HEATMAP_QUANTILE * (sorted.length - 1))] || sorted[sorted.length - 1] || 1;
}

/** ∇ₓL per pixel (summed over R, G, B) as a signed heatmap, saturating at ±scale. */
export function gradientHeatmap(gradient: Float32Array, scale: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(gradient.length * 4);
  gradient.forEach((g, p) => {
    const w = Math.min(1, Math.abs(g) / scale);
    rgba.set([...mix(HEATMAP.zero, g < 0 ? HEATMAP.negative : HEATMAP.positive, w), 255], 4 * p);
  });
  return rgba;
}

/** sign per colour channel as that channel's brightness: −1 dark, 0 mid-grey, +1 full. */
export function signImage(sign: Int8Array): Uint8ClampedArray {
  return channelsToRgba(sign, (s) => (s > 0 ? 255 : s < 0 ? 0 : 128));
}

/**
 * The move −α·sign per channel, drawn as the perturbation view draws x − x⁰ (grey is no change,
 * at its amplification), so one step reads as its share of the budget.
 */
export function moveImage(sign: Int8Array, stepSize: number, amplification: number): Uint8ClampedArray {
  return channelsToRgba(sign, (s) => Math.round(127.5 - s * stepSize * amplification * 255));
}

/** x dimmed to grey, with each pixel the projection stopped (in any channel) marked; and how many channels stopped where. */
export function clipImage(image: Uint8ClampedArray, clip: Uint8Array): { rgba: Uint8ClampedArray; ball: number; range: number } {
  const rgba = new Uint8ClampedArray(image.length);
  let [ball, range] = [0, 0];
  for (let p = 0; p < image.length / 4; p++) {
    const codes = clip.subarray(3 * p, 3 * p + 3);
    ball += codes.filter((c) => c === CLIP.ball).length;
    range += codes.filter((c) => c === CLIP.range).length;
    const grey = Math.round(0.3 * image[4 * p] + 0.59 * image[4 * p + 1] + 0.11 * image[4 * p + 2]);
    const mark = codes.includes(CLIP.range) ? CLIP_COLOURS.range : codes.includes(CLIP.ball) ? CLIP_COLOURS.ball : null;
    rgba.set(mark ? [...mark, 255] : [...mix([grey, grey, grey], HEATMAP.zero, 0.6), 255], 4 * p);
  }
  return { rgba, ball, range };
}

/** How many channels the sign sends up, down, or leaves (a zero gradient). */
export function signCounts(sign: Int8Array): { up: number; down: number; zero: number } {
  let [up, down] = [0, 0];
  for (const s of sign) if (s > 0) up++; else if (s < 0) down++;
  return { up, down, zero: sign.length - up - down };
}

/** All four views of a step (x: the adversarial image it made, RGBA). */
export function stepViews(step: StepView, image: Uint8ClampedArray, amplification: number) {
  const scale = heatmapScale(step.gradient);
  return {
    scale,
    gradient: gradientHeatmap(step.gradient, scale),
    sign: signImage(step.sign),
    move: moveImage(step.sign, step.stepSize, amplification),
    clip: clipImage(image, step.clip),
    counts: signCounts(step.sign),
  };
}

function channelsToRgba(values: Int8Array, level: (v: number) => number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray((values.length / 3) * 4);
  for (let p = 0; p < values.length / 3; p++) rgba.set([level(values[3 * p]), level(values[3 * p + 1]), level(values[3 * p + 2]), 255], 4 * p);
  return rgba;
}
