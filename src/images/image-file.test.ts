import { describe, expect, it } from 'vitest';
import { compositeOnWhite } from './composite';
import { inspectImageFile, MAX_FILE_BYTES, uploadNotes } from './image-file';
import { animatedGif, bandedPng, flatBlockJpeg, jpegOf, pngOf } from './testing/make-images';

const inspect = (bytes: Buffer, size = bytes.length) => inspectImageFile(size, new Uint8Array(bytes));
const header = (bytes: Buffer) => {
  const result = inspect(bytes);
  if (!('header' in result)) throw new Error(result.problem);
  return result.header;
};
const problem = (bytes: Buffer, size?: number) => {
  const result = inspect(bytes, size);
  return 'problem' in result ? result.problem : null;
};
const grey = (): [number, number, number, number] => [128, 128, 128, 255];

describe('an uploaded file, judged before decoding', () => {
  it('reads the size, format and colour model of each image kind', () => {
    expect(header(pngOf(3, 2, grey))).toMatchObject({ format: 'png', width: 3, height: 2, grayscale: false, animated: false });
    expect(header(jpegOf(40, 24, grey))).toMatchObject({ format: 'jpeg', width: 40, height: 24, grayscale: false, cmyk: false });
    expect(header(flatBlockJpeg(3, 2, 1, () => 90))).toMatchObject({ format: 'jpeg', width: 24, height: 16, grayscale: true, cmyk: false });
    expect(header(flatBlockJpeg(2, 2, 4, () => 200))).toMatchObject({ format: 'jpeg', width: 16, height: 16, grayscale: false, cmyk: true });
    expect(header(animatedGif(4, 3, [[255, 0, 0], [0, 0, 255]]))).toMatchObject({ format: 'gif', width: 4, height: 3, animated: true });
    expect(header(animatedGif(4, 3, [[255, 0, 0]]))).toMatchObject({ format: 'gif', animated: false });
    expect(header(pngOf(1, 1, grey))).toMatchObject({ width: 1, height: 1 });
    const webp = Buffer.from('RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\x02\0\0\0\x3f\x01\0\xc7\0\0', 'latin1'); // animated, 320×200
    expect(header(webp)).toMatchObject({ format: 'webp', width: 320, height: 200, animated: true });
    const bmp = Buffer.alloc(54);
    bmp.write('BM');
    bmp.writeInt32LE(640, 18);
    bmp.writeInt32LE(-480, 22); // top-down rows
    expect(header(bmp)).toMatchObject({ format: 'bmp', width: 640, height: 480 });
    expect(header(Buffer.from('\0\0\0\x1cftypavif\0\0\0\0', 'latin1'))).toMatchObject({ format: 'avif' });
  });

  it('takes a 10000×8000 photo (80 megapixels) but not 12000×10000', () => {
    expect(header(bandedPng(10000, 8000, [0, 255, 0], [[255, 0, 0], [0, 0, 255]]))).toMatchObject({ width: 10000, height: 8000 });
    const big = bandedPng(10, 10, [0, 0, 0], [[0, 0, 0], [0, 0, 0]]);
    big.writeUInt32BE(12000, 16);
    big.writeUInt32BE(10000, 20);
    expect(problem(big)).toMatch(/12000×10000 pixels \(120 megapixels\)/);
  });

  it('refuses empty, huge, non-image and SVG files with a reason', () => {
    expect(problem(Buffer.alloc(0))).toMatch(/empty/);
    expect(problem(jpegOf(8, 8, grey), 200 * 2 ** 20)).toMatch(/is 200 MB: the lab takes images up to 50 MB/);
    expect(problem(jpegOf(8, 8, grey), MAX_FILE_BYTES)).toBeNull();
    expect(problem(Buffer.from('Dear diary, this is not a photo.\n'))).toMatch(/not an image the lab can read/);
    expect(problem(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>'))).toMatch(/SVG drawing/);
  });
});

describe('transparency', () => {
  it('is composited on white, and reported', () => {
    const rgba = new Uint8ClampedArray([10, 20, 30, 255, 0, 0, 0, 0, 200, 0, 100, 128]);
    expect(compositeOnWhite(rgba)).toBe(true);
    expect(Array.from(rgba)).toEqual([10, 20, 30, 255, 255, 255, 255, 255, 227, 127, 177, 255]);
    expect(compositeOnWhite(rgba)).toBe(false);
  });
});

describe('what the page says became of an image', () => {
  const plain = { format: 'png' as const, grayscale: false, cmyk: false, animated: false };
  it('says nothing of an ordinary photo, and names each transformation otherwise', () => {
    expect(uploadNotes(plain, { width: 3000, height: 2000, transparent: false }, 256)).toEqual([]);
    const notes = uploadNotes({ ...plain, grayscale: true, animated: true }, { width: 1, height: 1, transparent: true }, 256).join(' ');
    expect(notes).toMatch(/composited on white.*grayscale.*first frame.*1 pixel across: scaled up 256×/);
    expect(uploadNotes({ ...plain, cmyk: true }, { width: 300, height: 300, transparent: false }, 256)).toEqual(['It is a CMYK (print) JPEG: the browser converted it to RGB.']);
  });
});
