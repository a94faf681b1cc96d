// Image bytes → canonical tensor, off the main thread. Colour conversion is switched off so that
// the pixels are exactly the file's (the Node scripts decode the same files to the same bytes).
import * as tf from '@tensorflow/tfjs';
import { CANONICAL_SIZE } from '../config';
import { rgbaToCanonical } from '../models/preprocess';

/** The largest centred square of the image, scaled to the canonical size (gallery images are already). */
export async function canonicalFromBlob(blob: Blob): Promise<tf.Tensor4D> {
  const bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  const side = Math.min(bitmap.width, bitmap.height);
  const canvas = new OffscreenCanvas(CANONICAL_SIZE, CANONICAL_SIZE);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, CANONICAL_SIZE, CANONICAL_SIZE);
  bitmap.close();
  return rgbaToCanonical(ctx.getImageData(0, 0, CANONICAL_SIZE, CANONICAL_SIZE).data, CANONICAL_SIZE, CANONICAL_SIZE);
}

export async function canonicalFromUrl(url: string): Promise<tf.Tensor4D> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return canonicalFromBlob(await response.blob());
}
