// Training-time views of a photo that cannot change its class, for the heads (`npm run train`).
// Each view is drawn from a seeded generator, so a feature cache names exactly what it holds.
// Field photos differ from lab photos in framing, light, focus and background: the views imitate
// those differences; `composite` puts a lab leaf in front of an out-of-focus field background.
import * as tf from '@tensorflow/tfjs';
import { CANONICAL_SIZE } from '../../src/config.ts';

export const VIEWS = ['original', 'mirrored', 'crop', 'jitter', 'blur', 'rotated', 'composite'] as const;
export type View = (typeof VIEWS)[number];

type Image = tf.Tensor4D;
const S = CANONICAL_SIZE;
const between = (random: () => number, lo: number, hi: number) => lo + (hi - lo) * random();

/** A random part of the photo (35–100 % of its area, aspect 3:4 to 4:3), resized back to 256². */
function randomCrop(x: Image, random: () => number): Image {
  const area = between(random, 0.35, 1);
  const aspect = Math.exp(between(random, Math.log(3 / 4), Math.log(4 / 3)));
  const h = Math.min(1, Math.sqrt(area / aspect));
  const w = Math.min(1, Math.sqrt(area * aspect));
  const top = between(random, 0, 1 - h);
  const left = between(random, 0, 1 - w);
  return tf.image.cropAndResize(x, [[top, left, top + h, left + w]], [0], [S, S]) as Image;
}

/** Brightness, contrast and saturation each scaled by a factor in [0.65, 1.35]. */
function colourJitter(x: Image, random: () => number): Image {
  const [brightness, contrast, saturation] = [0, 1, 2].map(() => between(random, 0.65, 1.35));
  return tf.tidy(() => {
    const bright = tf.mul(x, brightness);
    const mean = tf.mean(bright);
    const contrasted = tf.add(tf.mul(tf.sub(bright, mean), contrast), mean);
    const grey = tf.mean(contrasted, 3, true);
    return tf.clipByValue(tf.add(tf.mul(tf.sub(contrasted, grey), saturation), grey), 0, 1) as Image;
  });
}

/** A normalised 1-D Gaussian of standard deviation `sigma` pixels. */
function gaussianTaps(sigma: number): number[] {
  const radius = Math.ceil(2.5 * sigma);
  const taps = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const sum = taps.reduce((a, b) => a + b, 0);
  return taps.map((t) => t / sum);
}

/** Separable Gaussian blur with edge pixels repeated (no dark border). */
function gaussianBlur(x: Image, sigma: number): Image {
  return tf.tidy(() => {
    const taps = gaussianTaps(sigma);
    const r = (taps.length - 1) / 2;
    const channels = x.shape[3];
    const along = (img: Image, horizontal: boolean) => {
      const shape: [number, number, number, number] = horizontal ? [1, taps.length, channels, 1] : [taps.length, 1, channels, 1];
      const kernel = tf.tile(tf.reshape(tf.tensor1d(taps), horizontal ? [1, taps.length, 1, 1] : [taps.length, 1, 1, 1]), [1, 1, channels, 1]);
      const padding: [number, number][] = horizontal ? [[0, 0], [0, 0], [r, r], [0, 0]] : [[0, 0], [r, r], [0, 0], [0, 0]];
      return tf.depthwiseConv2d(tf.mirrorPad(img, padding, 'symmetric'), kernel.reshape(shape) as tf.Tensor4D, 1, 'valid') as Image;
    };
    return along(along(x, true), false);
  });
}

/** Turned by up to ±35°, then the largest centred square without empty corners, resized back. */
function rotate(x: Image, random: () => number): Image {
  const angle = between(random, -35, 35) * (Math.PI / 180);
  return tf.tidy(() => {
    const turned = tf.image.rotateWithOffset(x, angle, 0);
    const side = 1 / (Math.abs(Math.cos(angle)) + Math.abs(Math.sin(angle)));
    const lo = (1 - side) / 2;
    return tf.image.cropAndResize(turned, [[lo, lo, lo + side, lo + side]], [0], [S, S]) as Image;
  });
}

/**
 * Where a lab photo's leaf is: pixels whose colour is far from the plain background's (the median
 * of the border pixels), softened at the edge. 1 = leaf, 0 = background.
 */
function leafMask(x: Image): tf.Tensor4D {
  return tf.tidy(() => {
    const pixels = x.reshape([S, S, 3]);
    const border = tf.concat([pixels.slice([0, 0, 0], [4, S, 3]).reshape([-1, 3]), pixels.slice([S - 4, 0, 0], [4, S, 3]).reshape([-1, 3]),
      pixels.slice([0, 0, 0], [S, 4, 3]).reshape([-1, 3]), pixels.slice([0, S - 4, 0], [S, 4, 3]).reshape([-1, 3])]);
    const background = tf.tensor1d(median(border as tf.Tensor2D));
    // Chromaticity, not colour: a leaf's shadow is the background, only darker.
    const chroma = (c: tf.Tensor) => tf.div(tf.add(c, 0.03), tf.add(tf.sum(c, -1, true), 0.09));
    const distance = tf.sqrt(tf.sum(tf.square(tf.sub(chroma(x), chroma(background))), 3, true));
    return gaussianBlur(tf.clipByValue(tf.div(tf.sub(distance, 0.03), 0.04), 0, 1) as Image, 1.5);
  });
}

function median(rows: tf.Tensor2D): number[] {
  const values = rows.arraySync();
  return [0, 1, 2].map((c) => {
    const column = values.map((v) => v[c]).sort((a, b) => a - b);
    return column[column.length >> 1];
  });
}

/** The lab leaf in front of a crop of `background` (a field photo), defocused as a camera would. */
function composite(x: Image, background: Image, random: () => number): Image {
  return tf.tidy(() => {
    const mask = leafMask(x);
    const behind = gaussianBlur(randomCrop(background, random), between(random, 2, 5));
    return tf.add(tf.mul(mask, x), tf.mul(tf.sub(1, mask), behind)) as Image;
  });
}

/** One view of x (1×256×256×3 in [0,1]); `background` is needed for `composite` only. */
export function applyView(view: View, x: Image, random: () => number, background?: Image): Image {
  switch (view) {
    case 'original':
      return tf.clone(x);
    case 'mirrored':
      return tf.reverse(x, 2);
    case 'crop':
      return randomCrop(x, random);
    case 'jitter':
      return colourJitter(x, random);
    case 'blur':
      return gaussianBlur(x, between(random, 0.8, 2.2));
    case 'rotated':
      return rotate(x, random);
    case 'composite':
      if (!background) throw new Error('composite needs a background photo');
      return composite(x, background, random);
  }
}
