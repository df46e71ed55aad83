import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCENT_COLOR } from '../../manifest/constants';
import { hexToRgb } from '../../manifest/draw';
import { checkColorIcon, checkOutlineIcon, drawColorIcon, drawOutlineIcon, renderIcons } from '../../manifest/icons';
import { createImage, decodePng, encodePng, readPngInfo, type RgbaImage } from '../../manifest/png';

function px(img: RgbaImage, x: number, y: number): number[] {
  const i = (y * img.width + x) * 4;
  return [...img.data.subarray(i, i + 4)];
}

function allPixels(img: RgbaImage): number[][] {
  const out: number[][] = [];
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) out.push(px(img, x, y));
  return out;
}

/** The icon enlarged over a background, for people to look at in the test artifacts. */
function preview(img: RgbaImage, k: number, bg: [number, number, number]): Buffer {
  const out = createImage(img.width * k, img.height * k);
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      const [r, g, b, a] = px(img, Math.floor(x / k), Math.floor(y / k)) as [number, number, number, number];
      const t = a / 255;
      out.data.set([r * t + bg[0] * (1 - t), g * t + bg[1] * (1 - t), b * t + bg[2] * (1 - t), 255].map(Math.round), (y * out.width + x) * 4);
    }
  }
  return encodePng(out);
}

describe('icons', () => {
  const icons = renderIcons();
  const accent = hexToRgb(ACCENT_COLOR);

  afterAll(() => {
    const dir = join(__dirname, '..', '..', 'test-artifacts', 'manifest');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'color.png'), icons.color);
    writeFileSync(join(dir, 'outline.png'), icons.outline);
    writeFileSync(join(dir, 'outline-on-dark-x8.png'), preview(decodePng(icons.outline), 8, [37, 36, 35]));
    writeFileSync(join(dir, 'outline-on-teams-purple-x2.png'), preview(decodePng(icons.outline), 2, [70, 71, 117]));
  });

  test('color.png is a 192×192 8-bit RGBA PNG', () => {
    expect(readPngInfo(icons.color)).toEqual({ width: 192, height: 192, bitDepth: 8, colorType: 6, interlace: 0 });
  });

  test('color.png: a white symbol on a solid accent-colour square, inside the 96×96 safe area', () => {
    const img = decodePng(icons.color);
    expect(checkColorIcon(icons.color)).toEqual([]);
    for (const [x, y] of [[0, 0], [191, 0], [0, 191], [191, 191], [47, 96], [96, 47], [144, 96], [96, 144]] as const) {
      expect(px(img, x, y)).toEqual([...accent, 255]);
    }
    expect(allPixels(img).every((p) => p[3] === 255)).toBe(true);
    // the shield is white where the padlock is not: just inside its top edge and its lower part
    expect(px(img, 96, 56)).toEqual([255, 255, 255, 255]);
    expect(px(img, 96, 130)).toEqual([255, 255, 255, 255]);
    // the padlock body is accent-coloured with a white keyhole
    expect(px(img, 80, 110)).toEqual([...accent, 255]);
    expect(px(img, 96, 102)).toEqual([255, 255, 255, 255]);
    const white = allPixels(img).filter((p) => p[0] === 255 && p[1] === 255 && p[2] === 255).length;
    expect(white).toBeGreaterThan(96 * 96 * 0.3);
  });

  test('outline.png is a 32×32 8-bit RGBA PNG', () => {
    expect(readPngInfo(icons.outline)).toEqual({ width: 32, height: 32, bitDepth: 8, colorType: 6, interlace: 0 });
  });

  test('outline.png: only white or fully transparent pixels, transparent background, no padding', () => {
    const img = decodePng(icons.outline);
    expect(checkOutlineIcon(icons.outline)).toEqual([]);
    const pixels = allPixels(img);
    expect(pixels.every((p) => p[3] === 0 || (p[0] === 255 && p[1] === 255 && p[2] === 255))).toBe(true);
    for (const [x, y] of [[0, 31], [31, 31], [1, 30], [30, 30]] as const) expect(px(img, x, y)[3]).toBe(0);
    // the middle of the shield (between outline and padlock) is see-through
    expect(px(img, 6, 8)[3]).toBe(0);
    const opaque = pixels.filter((p) => p[3] === 255).length;
    const clear = pixels.filter((p) => p[3] === 0).length;
    expect(opaque).toBeGreaterThan(150);
    expect(clear).toBeGreaterThan(300);
    // the symbol reaches the top and bottom rows
    expect([...Array(32).keys()].some((x) => (px(img, x, 0)[3] ?? 0) > 0)).toBe(true);
    expect([...Array(32).keys()].some((x) => (px(img, x, 31)[3] ?? 0) > 0)).toBe(true);
  });

  test('drawing is deterministic', () => {
    expect(encodePng(drawColorIcon()).equals(icons.color)).toBe(true);
    expect(encodePng(drawOutlineIcon()).equals(icons.outline)).toBe(true);
  });

  test('the outline check catches colour, an opaque background, padding and a wrong size', () => {
    const coloured = drawOutlineIcon();
    coloured.data.set([255, 0, 0, 255], (16 * 32 + 16) * 4);
    expect(checkOutlineIcon(encodePng(coloured))).toEqual(['1 visible pixels are not white']);

    const opaqueCorner = drawOutlineIcon();
    opaqueCorner.data.set([255, 255, 255, 255], 0);
    expect(checkOutlineIcon(encodePng(opaqueCorner))).toEqual(['background must be transparent (a corner is not)']);

    const padded = createImage(32, 32);
    for (let y = 4; y < 28; y++) for (let x = 4; x < 28; x++) padded.data.set([255, 255, 255, 255], (y * 32 + x) * 4);
    expect(checkOutlineIcon(encodePng(padded))).toEqual(['has padding around the symbol: it should touch two opposite edges']);

    expect(checkOutlineIcon(encodePng(createImage(48, 48)))).toEqual(['must be 32×32 pixels, is 48×48']);
    expect(checkOutlineIcon(Buffer.from('not a png'))[0]).toMatch(/not a readable PNG/);
  });

  test('the colour check catches a symbol in the cropped padding and a plain icon', () => {
    const spilled = drawColorIcon();
    spilled.data.set([255, 255, 255, 255], (10 * 192 + 10) * 4);
    expect(checkColorIcon(encodePng(spilled))).toEqual(['1 pixels of the symbol lie in the 48 px padding that Teams may crop']);

    const plain = createImage(192, 192);
    expect(checkColorIcon(encodePng(plain))).toEqual(['has no symbol: the centre is plain background']);
    expect(checkColorIcon(encodePng(createImage(32, 32)))).toEqual(['must be 192×192 pixels, is 32×32']);
  });
});
