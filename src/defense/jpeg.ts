// JPEG compression and decompression at quality q, from tensor ops only, so Node and every browser
// give the same result: RGB → YCbCr (JFIF), 8×8 blocks, the orthonormal 2-D DCT (which is JPEG's
// own FDCT), division by the standard tables (ITU T.81 Annex K) scaled by q as the IJG library
// does, rounding, and back. No chroma subsampling (4:4:4), as jpeg-js and most q ≥ 90 encoders do.
// The rounding is what removes information; it has no useful gradient (see BPDA in defended.ts).
import * as tf from '@tensorflow/tfjs';

const BLOCK = 8;

/** Annex K.1, row-major: luminance and chrominance. */
const LUMINANCE_TABLE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMINANCE_TABLE = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
  ...Array<number>(32).fill(99),
];

/** The IJG scaling of a base table for quality q ∈ [1, 100]. */
export function quantisationTable(base: readonly number[], quality: number): number[] {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? Math.floor(5000 / q) : Math.floor(200 - 2 * q);
  return base.map((v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))));
}

/** The 64 × 64 matrix of the 2-D DCT on a row-major 8×8 block: coefficients = block · M. */
function dctMatrix(): number[][] {
  const c = (u: number, x: number) => (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
  return Array.from({ length: 64 }, (_, pixel) =>
    Array.from({ length: 64 }, (_, coefficient) => {
      const [y, x, v, u] = [Math.floor(pixel / 8), pixel % 8, Math.floor(coefficient / 8), coefficient % 8];
      return c(v, y) * c(u, x);
    }),
  );
}
const DCT = dctMatrix();

/** JFIF's full-range conversion, on 0..255 values; the inverse is its exact inverse. */
const TO_YCBCR = [
  [0.299, 0.587, 0.114],
  [-0.168736, -0.331264, 0.5],
  [0.5, -0.418688, -0.081312],
];
const CHROMA_OFFSET = [0, 128, 128];

/** x (N×H×W×3 in [0, 1], H and W multiples of 8) as a JPEG of quality q would decode: 8-bit values, /255. */
export function jpegRoundTrip(x: tf.Tensor4D, quality: number): tf.Tensor4D {
  const [n, h, w] = x.shape;
  if (h % BLOCK || w % BLOCK) throw new Error(`JPEG needs sides that are multiples of 8, not ${h}×${w}`);
  const tables = [quantisationTable(LUMINANCE_TABLE, quality), ...[1, 2].map(() => quantisationTable(CHROMINANCE_TABLE, quality))];
  return tf.tidy(() => {
    // Pixels as the encoder reads them: 8-bit values.
    const rgb = tf.round(tf.mul(tf.clipByValue(x, 0, 1), 255));
    const ycc = tf.add(tf.matMul(tf.reshape(rgb, [-1, 3]), tf.tensor2d(TO_YCBCR), false, true), tf.tensor1d(CHROMA_OFFSET.map((o) => o - 128)));
    // [n, h/8, 8, w/8, 8, 3] → [n, h/8, w/8, 3, 64]: one row of 64 per block and channel.
    const blocks = tf.reshape(tf.transpose(tf.reshape(ycc, [n, h / BLOCK, BLOCK, w / BLOCK, BLOCK, 3]), [0, 1, 3, 5, 2, 4]), [-1, 64]);
    const dct = tf.tensor2d(DCT);
    const table = tf.tile(tf.tensor2d(tables), [n * (h / BLOCK) * (w / BLOCK), 1]);
    const quantised = tf.mul(tf.round(tf.div(tf.matMul(blocks, dct), table)), table);
    // The DCT matrix is orthogonal: its transpose inverts it.
    const decoded = tf.matMul(quantised, dct, false, true);
    const back = tf.reshape(tf.transpose(tf.reshape(decoded, [n, h / BLOCK, w / BLOCK, 3, BLOCK, BLOCK]), [0, 1, 4, 2, 5, 3]), [-1, 3]);
    const toRgb = tf.tensor2d(invert3(TO_YCBCR));
    const restored = tf.matMul(tf.sub(back, tf.tensor1d(CHROMA_OFFSET.map((o) => o - 128))), toRgb, false, true);
    return tf.div(tf.clipByValue(tf.round(tf.reshape(restored, [n, h, w, 3])), 0, 255), 255) as tf.Tensor4D;
  });
}

function invert3(m: number[][]): number[][] {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [
    [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
    [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
}
