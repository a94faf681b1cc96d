// The models see RGB only. A transparent pixel's hidden colour is arbitrary (often black), so
// transparency is composited on white, as an image viewer shows it, and the page says so.

/** Composites straight (not premultiplied) RGBA on white, in place; true if any pixel was not opaque. */
export function compositeOnWhite(rgba: Uint8ClampedArray): boolean {
  let transparent = false;
  for (let i = 0; i < rgba.length; i += 4) {
    const alpha = rgba[i + 3] / 255;
    if (alpha === 1) continue;
    transparent = true;
    for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(rgba[i + c] * alpha + 255 * (1 - alpha));
    rgba[i + 3] = 255;
  }
  return transparent;
}
