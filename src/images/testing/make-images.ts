// For tests: the awkward files users upload, built byte by byte so that no fixture is committed
// and each file is exactly the case it stands for (Node only: node:zlib, pngjs, jpeg-js).
import jpeg from 'jpeg-js';
import zlib from 'node:zlib';
import { PNG } from 'pngjs';

type Rgba = [number, number, number, number];

/** An RGBA PNG whose pixel (x, y) is `colour(x, y)`. */
export function pngOf(width: number, height: number, colour: (x: number, y: number) => Rgba): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) png.data.set(colour(x, y), (y * width + x) * 4);
  return PNG.sync.write(png);
}

/** An ordinary (YCbCr) JPEG whose pixel (x, y) is `colour(x, y)`. */
export function jpegOf(width: number, height: number, colour: (x: number, y: number) => Rgba): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(colour(x, y), (y * width + x) * 4);
  return jpeg.encode({ data, width, height }, 90).data;
}

const chunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(zlib.crc32(body), body.length + 4);
  return out;
};

/**
 * A large palette PNG: three vertical bands (left `sides[0]`, middle `middle`, right `sides[1]`),
 * the middle one exactly the centred square. One byte a pixel and identical rows, so even
 * 10000×8000 is built and compressed in about a second.
 */
export function bandedPng(width: number, height: number, middle: [number, number, number], sides: [[number, number, number], [number, number, number]]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 3, 0, 0, 0], 8); // 8-bit palette
  const row = Buffer.alloc(width + 1); // filter byte 0, then palette indices
  const margin = (width - Math.min(width, height)) / 2;
  for (let x = 0; x < width; x++) row[x + 1] = x < margin ? 1 : x >= width - margin ? 2 : 0;
  const raw = Buffer.alloc(row.length * height);
  for (let y = 0; y < height; y++) row.copy(raw, y * row.length);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from([...middle, ...sides[0], ...sides[1]])),
    chunk('IDAT', zlib.deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A baseline JPEG of flat 8×8 blocks with 1 (grayscale), or 4 (CMYK, Adobe-marked) components,
 * which no JavaScript encoder writes. `value(c, bx, by)` is component c of block (bx, by), 0..255.
 * Every coefficient but DC is zero, so one DC table (categories 0..11, 4-bit codes) and one AC
 * table (end-of-block only) suffice.
 */
export function flatBlockJpeg(blocksX: number, blocksY: number, components: 1 | 4, value: (c: number, bx: number, by: number) => number): Buffer {
  const segment = (marker: number, data: number[]) => [0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff, ...data];
  const ids = Array.from({ length: components }, (_, c) => c + 1);
  const header = [
    0xff, 0xd8,
    ...(components === 4 ? segment(0xee, [...Buffer.from('Adobe'), 0, 100, 0, 0, 0, 0, 0]) : []), // APP14, transform 0: CMYK
    ...segment(0xdb, [0, ...new Array<number>(64).fill(1)]), // quantisation: all ones
    ...segment(0xc0, [8, (blocksY * 8) >> 8, (blocksY * 8) & 0xff, (blocksX * 8) >> 8, (blocksX * 8) & 0xff, components, ...ids.flatMap((id) => [id, 0x11, 0])]),
    ...segment(0xc4, [0x00, 0, 0, 0, 12, ...new Array<number>(12).fill(0), ...Array.from({ length: 12 }, (_, s) => s)]), // DC: symbol s ↦ 4-bit code s
    ...segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0x00]), // AC: end-of-block ↦ "0"
    ...segment(0xda, [components, ...ids.flatMap((id) => [id, 0x00]), 0, 63, 0]),
  ];
  const bits: number[] = [];
  const put = (v: number, n: number) => {
    for (let i = n - 1; i >= 0; i--) bits.push((v >> i) & 1);
  };
  const previous = new Array<number>(components).fill(0);
  for (let by = 0; by < blocksY; by++) {
    for (let bx = 0; bx < blocksX; bx++) {
      for (let c = 0; c < components; c++) {
        const dc = 8 * (value(c, bx, by) - 128); // a flat block's DC coefficient
        const diff = dc - previous[c];
        previous[c] = dc;
        const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
        put(category, 4);
        if (category) put(diff > 0 ? diff : diff + (1 << category) - 1, category);
        put(0, 1); // end of block
      }
    }
  }
  while (bits.length % 8) bits.push(1);
  const scan: number[] = [];
  for (let i = 0; i < bits.length; i += 8) {
    const byte = parseInt(bits.slice(i, i + 8).join(''), 2);
    scan.push(byte);
    if (byte === 0xff) scan.push(0); // byte stuffing
  }
  return Buffer.from([...header, ...scan, 0xff, 0xd9]);
}

/**
 * An animated GIF of flat frames, one colour each. The LZW data uses literal codes only, with a
 * clear code after every two so the code width stays at 3 bits.
 */
export function animatedGif(width: number, height: number, frames: [number, number, number][]): Buffer {
  const palette = [...frames.flat(), ...new Array<number>(3 * (4 - frames.length)).fill(0)];
  const out: number[] = [...Buffer.from('GIF89a'), width & 0xff, width >> 8, height & 0xff, height >> 8, 0xf1, 0, 0, ...palette];
  out.push(0x21, 0xff, 11, ...Buffer.from('NETSCAPE2.0'), 3, 1, 0, 0, 0); // loop forever
  frames.forEach((_, index) => {
    out.push(0x21, 0xf9, 4, 0, 50, 0, 0, 0); // 0.5 s a frame
    out.push(0x2c, 0, 0, 0, 0, width & 0xff, width >> 8, height & 0xff, height >> 8, 0);
    const codes: number[] = [];
    for (let p = 0; p < width * height; p++) {
      if (p % 2 === 0) codes.push(4); // clear
      codes.push(index);
    }
    codes.push(5); // end of information
    const bytes: number[] = [];
    codes.forEach((code, i) => {
      for (let bit = 0; bit < 3; bit++) {
        const at = i * 3 + bit;
        if (at % 8 === 0) bytes.push(0);
        bytes[bytes.length - 1] |= ((code >> bit) & 1) << (at % 8);
      }
    });
    out.push(2); // LZW minimum code size
    for (let i = 0; i < bytes.length; i += 255) out.push(Math.min(255, bytes.length - i), ...bytes.slice(i, i + 255));
    out.push(0);
  });
  out.push(0x3b);
  return Buffer.from(out);
}
