import { deflateSync } from 'node:zlib';
import { crc32, createImage, decodePng, encodePng, PngFormatError, readPngInfo, type RgbaImage } from '../../manifest/png';

/** Deterministic pseudo-random bytes (xorshift), so failures are reproducible. */
function noise(n: number, seed = 12345): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function gradient(w: number, h: number): RgbaImage {
  const img = createImage(w, h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      img.data.set([(x * 7) & 255, (y * 11) & 255, (x * y) & 255, (255 - x - y) & 255], i);
    }
  }
  return img;
}

/** A PNG assembled by hand, to read formats the encoder does not write. */
function handMadePng(width: number, height: number, colorType: number, rows: number[][]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([len, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows.flat()))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('PNG codec', () => {
  test.each([0, 1, 2, 3, 4, 'adaptive'] as const)('round-trips an image with filter %s', (filter) => {
    for (const img of [gradient(37, 23), { width: 16, height: 9, data: noise(16 * 9 * 4) }]) {
      const png = encodePng(img, { filter });
      const back = decodePng(png);
      expect(back.width).toBe(img.width);
      expect(back.height).toBe(img.height);
      expect(Buffer.from(back.data).equals(Buffer.from(img.data))).toBe(true);
    }
  });

  test('writes an 8-bit, non-interlaced RGBA header', () => {
    expect(readPngInfo(encodePng(gradient(5, 3)))).toEqual({ width: 5, height: 3, bitDepth: 8, colorType: 6, interlace: 0 });
  });

  test('adaptive filtering is never worse than no filtering on smooth images', () => {
    const img = gradient(64, 64);
    expect(encodePng(img).length).toBeLessThanOrEqual(encodePng(img, { filter: 0 }).length);
  });

  test('reads greyscale and RGB images as opaque RGBA', () => {
    const grey = decodePng(handMadePng(2, 1, 0, [[0, 10, 200]]));
    expect([...grey.data]).toEqual([10, 10, 10, 255, 200, 200, 200, 255]);
    // RGB with the Sub filter on the second row
    const rgb = decodePng(handMadePng(2, 2, 2, [[0, 1, 2, 3, 4, 5, 6], [1, 10, 20, 30, 1, 1, 1]]));
    expect([...rgb.data]).toEqual([1, 2, 3, 255, 4, 5, 6, 255, 10, 20, 30, 255, 11, 21, 31, 255]);
  });

  test('refuses damaged or unsupported files with a PngFormatError', () => {
    const png = encodePng(gradient(4, 4));
    const flipped = Buffer.from(png);
    flipped[40] = (flipped[40] as number) ^ 0xff; // inside IDAT
    expect(() => decodePng(flipped)).toThrow(/Bad CRC/);
    expect(() => decodePng(Buffer.from('GIF89a....'))).toThrow(PngFormatError);
    expect(() => decodePng(png.subarray(0, png.length - 6))).toThrow(PngFormatError);
    expect(() => decodePng(handMadePng(1, 1, 3, [[0, 0]]))).toThrow(/colour type 3/);
    expect(() => createImage(0, 4)).toThrow(RangeError);
    expect(() => encodePng({ width: 2, height: 2, data: new Uint8Array(3) })).toThrow(RangeError);
  });
});
