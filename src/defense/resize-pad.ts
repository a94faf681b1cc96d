// Random resizing and padding (Xie et al. 2018): the image shrunk to a random side r < S, then
// placed at a random offset on a black S×S canvas, a new draw for every forward pass. All of it
// is differentiable (bilinear resize, padding), so only its randomness needs EOT, not BPDA.
import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../seeded-random';

/** How far the image may shrink: r is drawn uniformly from [minShare·S, S]. */
export const RESIZE_MIN_SHARE = 0.875;

export interface ResizePadDraw {
  side: number;
  top: number;
  left: number;
}

/** The draw of one seed, for an S×S image. */
export function resizePadDraw(size: number, seed: number): ResizePadDraw {
  const random = seededRandom(seed);
  const smallest = Math.ceil(RESIZE_MIN_SHARE * size);
  const side = smallest + Math.floor(random() * (size - smallest + 1));
  const top = Math.floor(random() * (size - side + 1));
  const left = Math.floor(random() * (size - side + 1));
  return { side, top, left };
}

export function randomResizePad(x: tf.Tensor4D, seed: number): tf.Tensor4D {
  const [, h, w] = x.shape;
  if (h !== w) throw new Error(`random resize and pad expects a square image, not ${h}×${w}`);
  const { side, top, left } = resizePadDraw(h, seed);
  return tf.tidy(() => {
    const small = tf.image.resizeBilinear(x, [side, side], true);
    return tf.pad(small, [[0, 0], [top, h - side - top], [left, w - side - left], [0, 0]]) as tf.Tensor4D;
  });
}
