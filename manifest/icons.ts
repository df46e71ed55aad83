// The app's icons, drawn here: a shield with a padlock (information security).
//  - color.png   192×192: white shield, padlock in the accent colour, on a solid accent-colour square;
//                the symbol stays in the central 96×96 so Teams can crop corners without losing it.
//  - outline.png 32×32: the same symbol as a white outline on transparent, touching the edges (no padding).
// The check functions hold Teams' rules for icons; the packager runs them on what it is about to zip.
import { ACCENT_COLOR, COLOR_ICON_PADDING, COLOR_ICON_SIZE, OUTLINE_ICON_SIZE } from './constants';
import { circle, clear, fill, hexToRgb, rect, roundedRect, shield, subtract, union, upperRing, type Rgb } from './draw';
import { createImage, decodePng, encodePng, readPngInfo, type RgbaImage } from './png';

const WHITE: Rgb = [255, 255, 255];

export function drawColorIcon(): RgbaImage {
  const s = COLOR_ICON_SIZE;
  const accent = hexToRgb(ACCENT_COLOR);
  const image = createImage(s, s);
  clear(image, accent, 255);
  const c = s / 2;
  // Shield filling the 96×96 safe area (48..144) with a little air.
  fill(image, shield({ cx: c, top: 50, bottom: 142, halfWidth: 40, cornerRadius: 10, taperFrom: 0.42 }), WHITE);
  // Padlock in the accent colour: shackle, body, then a white keyhole.
  const lock = union(
    upperRing(c, 86, 8.5, 14.5),
    rect(c - 14.5, 86, c - 8.5, 92),
    rect(c + 8.5, 86, c + 14.5, 92),
    roundedRect(c - 20, 90, c + 20, 121, 5),
  );
  fill(image, lock, accent);
  fill(image, union(circle(c, 102, 4.5), rect(c - 2, 102, c + 2, 112)), WHITE);
  return image;
}

export function drawOutlineIcon(): RgbaImage {
  const s = OUTLINE_ICON_SIZE;
  const image = createImage(s, s);
  clear(image, WHITE, 0); // white, fully transparent: no dark fringe where edges are blended
  const c = s / 2;
  const stroke = 2.5;
  const outer = shield({ cx: c, top: 0, bottom: s, halfWidth: 15, cornerRadius: 4, taperFrom: 0.42 });
  const inner = shield({
    cx: c,
    top: stroke,
    bottom: s - stroke * 1.6,
    halfWidth: 15 - stroke,
    cornerRadius: 2,
    taperFrom: 0.42,
  });
  const lock = subtract(
    union(upperRing(c, 14, 2.4, 4.4), rect(c - 4.4, 14, c - 2.4, 15), rect(c + 2.4, 14, c + 4.4, 15), roundedRect(c - 6, 14, c + 6, 23, 1.5)),
    circle(c, 17.6, 1.4),
    rect(c - 0.6, 17.6, c + 0.6, 20.6),
  );
  fill(image, union(subtract(outer, inner), lock), WHITE);
  return image;
}

export interface Icons {
  color: Buffer;
  outline: Buffer;
}

export function renderIcons(): Icons {
  return { color: encodePng(drawColorIcon()), outline: encodePng(drawOutlineIcon()) };
}

function pixel(img: RgbaImage, x: number, y: number): [number, number, number, number] {
  const i = (y * img.width + x) * 4;
  const d = img.data;
  return [d[i] as number, d[i + 1] as number, d[i + 2] as number, d[i + 3] as number];
}

function readIcon(png: Buffer, size: number, problems: string[]): RgbaImage | undefined {
  let image: RgbaImage;
  try {
    const info = readPngInfo(png);
    if (info.width !== size || info.height !== size) problems.push(`must be ${size}×${size} pixels, is ${info.width}×${info.height}`);
    if (info.colorType !== 6) problems.push(`must be an RGBA PNG (colour type 6), is colour type ${info.colorType}`);
    image = decodePng(png);
  } catch (e) {
    problems.push(`is not a readable PNG: ${(e as Error).message}`);
    return undefined;
  }
  return problems.length ? undefined : image;
}

/** Teams: 192×192; the symbol sits on a solid or fully transparent square background with 48 px padding. */
export function checkColorIcon(png: Buffer): string[] {
  const problems: string[] = [];
  const img = readIcon(png, COLOR_ICON_SIZE, problems);
  if (!img) return problems;
  const [r0, g0, b0, a0] = pixel(img, 0, 0);
  if (a0 !== 0 && a0 !== 255) problems.push('background must be opaque or fully transparent');
  let stray = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const inPadding = x < COLOR_ICON_PADDING || y < COLOR_ICON_PADDING || x >= img.width - COLOR_ICON_PADDING || y >= img.height - COLOR_ICON_PADDING;
      if (!inPadding) continue;
      const [r, g, b, a] = pixel(img, x, y);
      const same = a0 === 0 ? a === 0 : a === a0 && r === r0 && g === g0 && b === b0;
      if (!same) stray++;
    }
  }
  if (stray) problems.push(`${stray} pixels of the symbol lie in the ${COLOR_ICON_PADDING} px padding that Teams may crop`);
  let symbol = 0;
  for (let y = COLOR_ICON_PADDING; y < img.height - COLOR_ICON_PADDING; y++) {
    for (let x = COLOR_ICON_PADDING; x < img.width - COLOR_ICON_PADDING; x++) {
      const [r, g, b, a] = pixel(img, x, y);
      if (a !== a0 || r !== r0 || g !== g0 || b !== b0) symbol++;
    }
  }
  if (symbol === 0) problems.push('has no symbol: the centre is plain background');
  return problems;
}

/** Teams: 32×32, white (255,255,255) on fully transparent (alpha 0), no padding around the symbol. */
export function checkOutlineIcon(png: Buffer): string[] {
  const problems: string[] = [];
  const img = readIcon(png, OUTLINE_ICON_SIZE, problems);
  if (!img) return problems;
  let coloured = 0;
  let visible = 0;
  let top = Infinity;
  let bottom = -1;
  let left = Infinity;
  let right = -1;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const [r, g, b, a] = pixel(img, x, y);
      if (a === 0) continue;
      visible++;
      if (r !== 255 || g !== 255 || b !== 255) coloured++;
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
  }
  if (coloured) problems.push(`${coloured} visible pixels are not white`);
  if (visible === 0) problems.push('is empty');
  const corners: [number, number][] = [[0, 0], [img.width - 1, 0], [0, img.height - 1], [img.width - 1, img.height - 1]];
  if (corners.some(([x, y]) => pixel(img, x, y)[3] !== 0)) problems.push('background must be transparent (a corner is not)');
  const spansHeight = top === 0 && bottom === img.height - 1;
  const spansWidth = left === 0 && right === img.width - 1;
  if (visible && !spansHeight && !spansWidth) problems.push('has padding around the symbol: it should touch two opposite edges');
  return problems;
}
