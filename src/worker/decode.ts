// Image bytes → canonical tensor, off the main thread. Colour conversion is switched off so that
// the pixels are exactly the file's (the Node scripts decode the same files to the same bytes).
import * as tf from '@tensorflow/tfjs';
import { CANONICAL_SIZE } from '../config';
import { compositeOnWhite } from '../images/composite';
import { rgbaToCanonical } from '../models/preprocess';

/** What decoding found, for the page to tell the user what became of their image. */
export interface DecodedInfo {
  width: number;
  height: number;
  /** Some pixels were transparent: they were composited on white. */
  transparent: boolean;
}

/** The largest centred square of the image, scaled to the canonical size (gallery images are already). */
export async function canonicalFromBlob(blob: Blob): Promise<{ x0: tf.Tensor4D; info: DecodedInfo }> {
  // An animated image gives its first frame; a damaged one is refused here, in the worker.
  const bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' }).catch(() => {
    throw new Error('the browser could not decode it: the file is damaged, cut off, or not really an image');
  });
  const { width, height } = bitmap;
  const side = Math.min(width, height);
  const canvas = new OffscreenCanvas(CANONICAL_SIZE, CANONICAL_SIZE);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, (width - side) / 2, (height - side) / 2, side, side, 0, 0, CANONICAL_SIZE, CANONICAL_SIZE);
  bitmap.close();
  const pixels = ctx.getImageData(0, 0, CANONICAL_SIZE, CANONICAL_SIZE).data;
  const transparent = compositeOnWhite(pixels);
  return { x0: rgbaToCanonical(pixels, CANONICAL_SIZE, CANONICAL_SIZE), info: { width, height, transparent } };
}

export async function canonicalFromUrl(url: string): Promise<{ x0: tf.Tensor4D; info: DecodedInfo }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return canonicalFromBlob(await response.blob());
}
