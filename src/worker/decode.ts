// Image bytes → canonical tensor, off the main thread. Colour conversion is switched off so that
// the pixels are exactly the file's (the Node scripts decode the same files to the same bytes).
import type * as tf from '@tensorflow/tfjs';
import { rgbaToCanonical } from '../models/preprocess';

export async function canonicalFromUrl(url: string): Promise<tf.Tensor4D> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const bitmap = await createImageBitmap(await response.blob(), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return rgbaToCanonical(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
}
