// Just enough vector drawing for the icons: shapes are point-in-shape tests in pixel coordinates,
// filled with anti-aliasing by sampling each pixel on a regular sub-grid.
import type { RgbaImage } from './png';

/** True when the point (x, y) — pixel units, (0, 0) the top-left corner of the image — is inside. */
export type Shape = (x: number, y: number) => boolean;
export type Rgb = readonly [number, number, number];

export const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));
export const subtract = (a: Shape, ...holes: Shape[]): Shape => (x, y) => a(x, y) && !holes.some((h) => h(x, y));

export const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

export const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** The part of a ring (between radii inner and outer) above the line y = cy. */
export const upperRing = (cx: number, cy: number, inner: number, outer: number): Shape => (x, y) => {
  const d = (x - cx) ** 2 + (y - cy) ** 2;
  return y <= cy && d <= outer * outer && d >= inner * inner;
};

export const roundedRect = (x0: number, y0: number, x1: number, y1: number, r: number): Shape => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

export interface ShieldGeometry {
  cx: number;
  top: number;
  bottom: number;
  halfWidth: number;
  /** Radius of the rounded top corners. */
  cornerRadius: number;
  /** Fraction of the height after which the sides curve in to the point. */
  taperFrom: number;
}

/** A heraldic shield: straight top with rounded corners, straight sides, sides curving to a point. */
export const shield = (g: ShieldGeometry): Shape => (x, y) => {
  const h = g.bottom - g.top;
  const t = (y - g.top) / h;
  if (t < 0 || t > 1) return false;
  let w = t <= g.taperFrom ? g.halfWidth : g.halfWidth * Math.cos(((t - g.taperFrom) / (1 - g.taperFrom)) * (Math.PI / 2));
  const dy = y - g.top;
  if (dy < g.cornerRadius) {
    const r = g.cornerRadius;
    w = Math.min(w, g.halfWidth - r + Math.sqrt(Math.max(0, r * r - (r - dy) ** 2)));
  }
  return Math.abs(x - g.cx) <= w;
};

/** Fraction of the pixel (px, py) covered by the shape, sampled on an n×n grid. */
export function coverage(shape: Shape, px: number, py: number, n = 4): number {
  let inside = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      if (shape(px + (i + 0.5) / n, py + (j + 0.5) / n)) inside++;
    }
  }
  return inside / (n * n);
}

/** Paints the shape in an opaque colour over the image ("source over" with the pixel's coverage). */
export function fill(image: RgbaImage, shape: Shape, color: Rgb): void {
  const { width, height, data } = image;
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const a = coverage(shape, px, py);
      if (a === 0) continue;
      const i = (py * width + px) * 4;
      const dstA = (data[i + 3] as number) / 255;
      const outA = a + dstA * (1 - a);
      for (let c = 0; c < 3; c++) {
        const src = color[c] as number;
        const dst = data[i + c] as number;
        data[i + c] = Math.round((src * a + dst * dstA * (1 - a)) / outA);
      }
      data[i + 3] = Math.round(outA * 255);
    }
  }
}

/** Sets every pixel to one colour and opacity. */
export function clear(image: RgbaImage, color: Rgb, alpha: number): void {
  for (let i = 0; i < image.data.length; i += 4) {
    image.data[i] = color[0];
    image.data[i + 1] = color[1];
    image.data[i + 2] = color[2];
    image.data[i + 3] = alpha;
  }
}

/** '#1F4E79' → [31, 78, 121]. */
export function hexToRgb(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1] as string, 16), parseInt(m[2] as string, 16), parseInt(m[3] as string, 16)];
}
