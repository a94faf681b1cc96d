// A 3×3 median filter per channel (Xu et al. 2018's spatial smoothing). The border repeats the
// edge pixel, so every output pixel is the median of nine values.
import * as tf from '@tensorflow/tfjs';

export function medianFilter3x3(x: tf.Tensor4D): tf.Tensor4D {
  const [, h, w] = x.shape;
  return tf.tidy(() => {
    // Edge padding by hand: tfjs's mirrorPad reflects, and a repeated edge is the usual choice.
    const rows = tf.concat([tf.slice(x, [0, 0, 0, 0], [-1, 1, -1, -1]), x, tf.slice(x, [0, h - 1, 0, 0], [-1, 1, -1, -1])], 1);
    const padded = tf.concat([tf.slice(rows, [0, 0, 0, 0], [-1, -1, 1, -1]), rows, tf.slice(rows, [0, 0, w - 1, 0], [-1, -1, 1, -1])], 2);
    const shifted = [0, 1, 2].flatMap((dy) => [0, 1, 2].map((dx) => tf.slice(padded, [0, dy, dx, 0], [-1, h, w, -1])));
    // The median of nine is the fifth largest.
    const { values } = tf.topk(tf.stack(shifted, 4) as tf.Tensor5D, 5);
    return tf.squeeze(tf.slice(values, [0, 0, 0, 0, 4], [-1, -1, -1, -1, 1]), [4]) as tf.Tensor4D;
  });
}
