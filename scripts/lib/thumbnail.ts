// The picker's thumbnails: each leaf at half size, every pixel the rounded mean of a 2×2 block (no
// disk, so it is tested). The page downloads these up front and the full leaf only when it is chosen.

/** RGBA pixels (alpha kept at 255: the leaves are opaque) at half the width and height. */
export function halveRgba(data: Uint8Array, width: number, height: number): { data: Uint8Array; width: number; height: number } {
  if (width % 2 || height % 2) throw new Error(`halveRgba: ${width}×${height} is not even`);
  const w = width / 2;
  const h = height / 2;
  const out = new Uint8Array(w * h * 4);
  const at = (x: number, y: number, c: number) => data[(y * width + x) * 4 + c];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 4;
      for (let c = 0; c < 3; c++) out[o + c] = Math.round((at(2 * x, 2 * y, c) + at(2 * x + 1, 2 * y, c) + at(2 * x, 2 * y + 1, c) + at(2 * x + 1, 2 * y + 1, c)) / 4);
      out[o + 3] = 255;
    }
  }
  return { data: out, width: w, height: h };
}
