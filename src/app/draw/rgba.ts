/** Paints RGBA bytes (a square image) onto a canvas at their own resolution; CSS scales it crisply. */
export function paintRgba(canvas: HTMLCanvasElement, rgba: Uint8ClampedArray): void {
  const side = Math.round(Math.sqrt(rgba.length / 4));
  if (canvas.width !== side) canvas.width = canvas.height = side;
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(rgba), side, side), 0, 0);
}
