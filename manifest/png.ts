// A small PNG codec for 8-bit RGBA images, on node:zlib only (no image dependency).
// The encoder writes what Teams needs (colour type 6, non-interlaced); the decoder reads any
// non-interlaced 8-bit greyscale/RGB/RGBA PNG, so tests and the packager can check the icons.
import * as zlib from 'node:zlib';

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, row by row, R G B A. */
  data: Uint8Array;
}

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 greyscale, 2 RGB, 3 palette, 4 greyscale + alpha, 6 RGBA. */
  colorType: number;
  interlace: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** zlib.crc32 exists from Node 20.15 / 22.2. */
export function crc32(data: Uint8Array, initial = 0): number {
  const fn = (zlib as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;
  if (!fn) throw new Error('zlib.crc32 is missing: packaging needs Node.js 20.15 or later');
  return fn(data, initial) >>> 0;
}

export function createImage(width: number, height: number): RgbaImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`Invalid image size ${width}×${height}`);
  }
  return { width, height, data: new Uint8Array(width * height * 4) };
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4, 8))), 0);
  return Buffer.concat([head, data, crc]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Filters one scanline with the given PNG filter type (0–4). */
function filterRow(type: number, row: Uint8Array, prev: Uint8Array | undefined, bpp: number, out: Uint8Array): void {
  for (let i = 0; i < row.length; i++) {
    const x = row[i] as number;
    const a = i >= bpp ? (row[i - bpp] as number) : 0;
    const b = prev ? (prev[i] as number) : 0;
    const c = prev && i >= bpp ? (prev[i - bpp] as number) : 0;
    let v: number;
    switch (type) {
      case 0: v = x; break;
      case 1: v = x - a; break;
      case 2: v = x - b; break;
      case 3: v = x - ((a + b) >> 1); break;
      default: v = x - paeth(a, b, c);
    }
    out[i] = v & 0xff;
  }
}

export interface EncodeOptions {
  /** A fixed filter for every row, or 'adaptive' (per row, smallest sum of absolute values). */
  filter?: 0 | 1 | 2 | 3 | 4 | 'adaptive';
}

export function encodePng(image: RgbaImage, options: EncodeOptions = {}): Buffer {
  const { width, height, data } = image;
  if (data.length !== width * height * 4) throw new RangeError('Image data does not match its size');
  const stride = width * 4;
  const raw = new Uint8Array((stride + 1) * height);
  const candidate = new Uint8Array(stride);
  const best = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = data.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? data.subarray((y - 1) * stride, y * stride) : undefined;
    const types = options.filter === undefined || options.filter === 'adaptive' ? [0, 1, 2, 3, 4] : [options.filter];
    let bestType = 0;
    let bestScore = Infinity;
    for (const type of types) {
      filterRow(type, row, prev, 4, candidate);
      let score = 0;
      for (const v of candidate) score += v < 128 ? v : 256 - v;
      if (score < bestScore) {
        bestScore = score;
        bestType = type;
        best.set(candidate);
      }
    }
    raw[y * (stride + 1)] = bestType;
    raw.set(best, y * (stride + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export class PngFormatError extends Error {
  override name = 'PngFormatError';
}

interface Chunk {
  type: string;
  data: Buffer;
}

function readChunks(buf: Buffer): Chunk[] {
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new PngFormatError('Not a PNG file (bad signature)');
  const chunks: Chunk[] = [];
  let pos = 8;
  while (pos < buf.length) {
    if (pos + 12 > buf.length) throw new PngFormatError('Truncated chunk header');
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    if (pos + 12 + length > buf.length) throw new PngFormatError(`Truncated ${type} chunk`);
    const data = buf.subarray(pos + 8, pos + 8 + length);
    const expected = buf.readUInt32BE(pos + 8 + length);
    if (crc32(data, crc32(buf.subarray(pos + 4, pos + 8))) !== expected) throw new PngFormatError(`Bad CRC in ${type} chunk`);
    chunks.push({ type, data });
    pos += 12 + length;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') throw new PngFormatError('IHDR is not the first chunk');
  if (chunks[chunks.length - 1]?.type !== 'IEND') throw new PngFormatError('Missing IEND chunk');
  return chunks;
}

/** Header fields, from IHDR. */
export function readPngInfo(buf: Buffer): PngInfo {
  const ihdr = readChunks(buf)[0]?.data;
  if (!ihdr || ihdr.length !== 13) throw new PngFormatError('Bad IHDR chunk');
  return {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr[8] as number,
    colorType: ihdr[9] as number,
    interlace: ihdr[12] as number,
  };
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** Decodes to RGBA (greyscale and RGB get alpha 255). */
export function decodePng(buf: Buffer): RgbaImage {
  const chunks = readChunks(buf);
  const info = readPngInfo(buf);
  const channels = CHANNELS[info.colorType];
  if (info.bitDepth !== 8 || channels === undefined) {
    throw new PngFormatError(`Unsupported PNG: bit depth ${info.bitDepth}, colour type ${info.colorType}`);
  }
  if (info.interlace !== 0) throw new PngFormatError('Interlaced PNGs are not supported');
  const { width, height } = info;
  const compressed = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
  const raw = zlib.inflateSync(compressed);
  const stride = width * channels;
  if (raw.length !== (stride + 1) * height) throw new PngFormatError('Image data has the wrong length');

  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const type = raw[y * (stride + 1)] as number;
    if (type > 4) throw new PngFormatError(`Unknown filter type ${type}`);
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : undefined;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (row[i - channels] as number) : 0;
      const b = prev ? (prev[i] as number) : 0;
      const c = prev && i >= channels ? (prev[i - channels] as number) : 0;
      const x = src[i] as number;
      let v: number;
      switch (type) {
        case 0: v = x; break;
        case 1: v = x + a; break;
        case 2: v = x + b; break;
        case 3: v = x + ((a + b) >> 1); break;
        default: v = x + paeth(a, b, c);
      }
      row[i] = v & 0xff;
    }
  }

  const image = createImage(width, height);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    const d = p * 4;
    const g = pixels[s] as number;
    if (channels === 1 || channels === 2) {
      image.data[d] = image.data[d + 1] = image.data[d + 2] = g;
      image.data[d + 3] = channels === 2 ? (pixels[s + 1] as number) : 255;
    } else {
      image.data[d] = g;
      image.data[d + 1] = pixels[s + 1] as number;
      image.data[d + 2] = pixels[s + 2] as number;
      image.data[d + 3] = channels === 4 ? (pixels[s + 3] as number) : 255;
    }
  }
  return image;
}
