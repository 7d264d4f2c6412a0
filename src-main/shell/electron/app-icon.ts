import { deflateSync } from 'node:zlib';

/**
 * Parley's icon, drawn in code: the tray needs one at run time (with an unread dot), and the
 * packaging icons in build/ are generated from the same drawing. No image files to keep in sync.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG file of straight RGBA pixels (row-major, 4 bytes each). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new RangeError(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method choice, no interlace
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array())]);
}

type Rgb = readonly [number, number, number];
const BACKGROUND: Rgb = [37, 99, 235];
const BUBBLE: Rgb = [255, 255, 255];
const DOT: Rgb = [220, 38, 38];

function insideRoundedRect(x: number, y: number, left: number, top: number, right: number, bottom: number, radius: number): boolean {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function insideTriangle(x: number, y: number, a: [number, number], b: [number, number], c: [number, number]): boolean {
  const side = (p: [number, number], q: [number, number]) => (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1]);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

/** The colour at a point of the unit square, or null for transparent. */
function colourAt(x: number, y: number, withDot: boolean): Rgb | null {
  if (withDot && (x - 0.8) ** 2 + (y - 0.2) ** 2 <= 0.2 ** 2) return DOT;
  const inBubble = insideRoundedRect(x, y, 0.24, 0.28, 0.76, 0.64, 0.1) || insideTriangle(x, y, [0.34, 0.6], [0.5, 0.6], [0.3, 0.78]);
  if (inBubble) return BUBBLE;
  if (insideRoundedRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.22)) return BACKGROUND;
  return null;
}

/** Samples per pixel side: small icons need more to stay smooth, large ones would only cost start-up time. */
const supersamplingFor = (size: number) => (size >= 128 ? 2 : 4);

/** The icon as a `size`×`size` PNG; `unreadDot` adds the red dot the tray shows while anything is unread. */
export function renderAppIcon(size: number, options: { unreadDot?: boolean } = {}): Buffer {
  if (!Number.isInteger(size) || size < 8 || size > 2048) throw new RangeError(`icon size must be an integer from 8 to 2048, not ${size}`);
  const pixels = new Uint8Array(size * size * 4);
  const supersampling = supersamplingFor(size);
  const samples = supersampling * supersampling;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < supersampling; sy++) {
        for (let sx = 0; sx < supersampling; sx++) {
          const colour = colourAt((px + (sx + 0.5) / supersampling) / size, (py + (sy + 0.5) / supersampling) / size, options.unreadDot === true);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const offset = (py * size + px) * 4;
      if (covered === 0) continue;
      pixels.set([Math.round(r / covered), Math.round(g / covered), Math.round(b / covered), Math.round((255 * covered) / samples)], offset);
    }
  }
  return encodePng(size, size, pixels);
}

/** A Windows .ico holding PNG images (Vista and later read them), largest last. */
export function encodeIco(pngs: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs.map(({ png }) => png)]);
}
