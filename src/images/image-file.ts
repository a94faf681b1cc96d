// What a user's file is, judged from its size and first bytes before anything decodes it: a huge
// or wrong file gets a clear message at once and never reaches the decoder. Pure (no DOM).

type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'avif';

/** Facts from the file's header; the size is absent where the header does not say it simply. */
export interface ImageHeader {
  format: ImageFormat;
  width?: number;
  height?: number;
  grayscale: boolean;
  cmyk: boolean;
  animated: boolean;
}

export const MAX_FILE_BYTES = 50 * 2 ** 20;
/** 100 megapixels decode to 400 MB of RGBA: more would risk the tab on a student's laptop. */
const MAX_PIXELS = 100e6;
/** How much of the file the header checks read (a JPEG's size can sit behind large metadata). */
export const HEADER_BYTES = 2 ** 20;

const FORMATS = 'PNG, JPEG, GIF, WebP, AVIF or BMP';
const MB = 2 ** 20;

/** A user-facing reason the file cannot be used, or its header. `head` is the file's first bytes. */
export function inspectImageFile(size: number, head: Uint8Array): { header: ImageHeader } | { problem: string } {
  if (size === 0) return { problem: 'is empty (0 bytes).' };
  if (size > MAX_FILE_BYTES) return { problem: `is ${(size / MB).toFixed(0)} MB: the lab takes images up to ${MAX_FILE_BYTES / MB} MB.` };
  const header = readHeader(head);
  if (!header) {
    return looksLikeSvg(head)
      ? { problem: `is an SVG drawing: the lab needs a photo (${FORMATS}).` }
      : { problem: `is not an image the lab can read (${FORMATS}).` };
  }
  const { width, height } = header;
  if (width !== undefined && height !== undefined) {
    if (width === 0 || height === 0) return { problem: `says it is ${width}×${height} pixels: there is no image in it.` };
    if (width * height > MAX_PIXELS) {
      return { problem: `is ${width}×${height} pixels (${((width * height) / 1e6).toFixed(0)} megapixels): the lab takes up to ${MAX_PIXELS / 1e6} megapixels.` };
    }
  }
  return { header };
}

const startsWith = (b: Uint8Array, bytes: number[], at = 0) => bytes.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, length: number) => String.fromCharCode(...b.subarray(from, from + length));
const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
const u24le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);

function readHeader(b: Uint8Array): ImageHeader | null {
  const plain = { grayscale: false, cmyk: false, animated: false };
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { ...plain, ...jpegFrame(b), format: 'jpeg' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return png(b);
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') {
    return { ...plain, format: 'gif', width: u16le(b, 6), height: u16le(b, 8), animated: gifFrames(b) > 1 };
  }
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return { ...plain, format: 'webp', ...webpSize(b), animated: webpAnimated(b) };
  // AVIF: an ISO media file whose brand says so (its size sits deep in boxes: the decoder finds it).
  if (ascii(b, 4, 4) === 'ftyp' && /^avi[fs]$/.test(ascii(b, 8, 4))) return { ...plain, format: 'avif' };
  if (ascii(b, 0, 2) === 'BM' && b.length >= 26) {
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return { ...plain, format: 'bmp', width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
  }
  return null;
}

/** Size and colour channels from the JPEG's frame header (SOFn), walking the marker segments. */
function jpegFrame(b: Uint8Array): Partial<ImageHeader> {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return {};
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      const components = b[i + 9];
      return { height: u16be(b, i + 5), width: u16be(b, i + 7), grayscale: components === 1, cmyk: components === 4 };
    }
    i += 2 + u16be(b, i + 2);
  }
  return {};
}

function png(b: Uint8Array): ImageHeader {
  const colourType = b[25];
  let animated = false;
  // Chunks up to the first image data: an APNG announces its frames there (acTL).
  for (let i = 8; i + 8 <= b.length; i += 12 + u32be(b, i)) {
    const type = ascii(b, i + 4, 4);
    if (type === 'acTL') animated = true;
    if (type === 'IDAT') break;
  }
  return { format: 'png', width: u32be(b, 16), height: u32be(b, 20), grayscale: colourType === 0 || colourType === 4, cmyk: false, animated };
}

/** Counts image descriptors in the part of a GIF read (2 means animated: the browser shows the first). */
function gifFrames(b: Uint8Array): number {
  const globalTable = b[10] & 0x80 ? 3 * 2 ** ((b[10] & 7) + 1) : 0;
  let i = 13 + globalTable;
  let frames = 0;
  const skipSubBlocks = (at: number) => {
    while (at < b.length && b[at] !== 0) at += b[at] + 1;
    return at + 1;
  };
  while (i < b.length && frames < 2) {
    if (b[i] === 0x21) i = skipSubBlocks(i + 2); // extension
    else if (b[i] === 0x2c) {
      frames++;
      const localTable = b[i + 9] & 0x80 ? 3 * 2 ** ((b[i + 9] & 7) + 1) : 0;
      i = skipSubBlocks(i + 10 + localTable + 1); // descriptor, local colour table, LZW minimum code size
    } else break; // trailer or damage
  }
  return frames;
}

function webpSize(b: Uint8Array): Partial<ImageHeader> {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return {};
}

const webpAnimated = (b: Uint8Array) => ascii(b, 12, 4) === 'VP8X' && (b[20] & 0x02) !== 0;

function looksLikeSvg(b: Uint8Array): boolean {
  const text = ascii(b, 0, Math.min(b.length, 4096)).toLowerCase();
  return /^[\s\ufeff]*</.test(text) && text.includes('<svg');
}

/** What became of an accepted image on its way to the 256×256 the models see, in the user's words. */
export function uploadNotes(header: ImageHeader, decoded: { width: number; height: number; transparent: boolean }, canonicalSize: number): string[] {
  const notes: string[] = [];
  const side = Math.min(decoded.width, decoded.height);
  if (decoded.transparent) notes.push('It has transparent areas: they were composited on white.');
  if (header.grayscale) notes.push('It is grayscale: its grey is used for red, green and blue alike.');
  if (header.cmyk) notes.push('It is a CMYK (print) JPEG: the browser converted it to RGB.');
  if (header.animated) notes.push('It is animated: only its first frame is used.');
  if (side < canonicalSize) notes.push(`It is only ${side} pixel${side === 1 ? '' : 's'} across: scaled up ${Math.round(canonicalSize / side)}×, so it looks blocky or blurred.`);
  return notes;
}
