import { downloadBlob } from './download';
import { paintRgba } from './rgba';

/** Saves RGBA bytes (a square image) as a PNG download, pixel for pixel. Resolves with whether it was saved. */
export async function savePng(rgba: Uint8ClampedArray, fileName: string): Promise<boolean> {
  const canvas = document.createElement('canvas');
  paintRgba(canvas, rgba);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) return false;
  downloadBlob(blob, fileName);
  return true;
}
