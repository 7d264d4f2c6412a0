import { crc32, deflateSync } from 'node:zlib';

/**
 * A small PNG drawn in code, for the demo's and the tests' image attachments: a sky, a sun and two mountains,
 * so that a shown image is recognisable in a screenshot. PNG: signature, IHDR, one IDAT of filter-0 RGB rows, IEND.
 */

type Rgb = readonly [number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, checksum]);
}

export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method choice, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x += 1) rows.set(pixel(x, y), row + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const mix = (from: Rgb, to: Rgb, amount: number): Rgb => [0, 1, 2].map((index) => Math.round(from[index]! + (to[index]! - from[index]!) * amount)) as unknown as Rgb;

/** A landscape of `width` × `height` (16:9 reads well in a message). */
export function landscapePng(width = 320, height = 180): Buffer {
  const sun = { x: width * 0.75, y: height * 0.3, r: height * 0.12 };
  const ridge = (x: number, peak: number, spread: number, top: number) => top + Math.abs(x - peak) * spread;
  return encodePng(width, height, (x, y) => {
    if (y > ridge(x, width * 0.3, 0.9, height * 0.35)) return mix([46, 110, 78], [28, 72, 52], (y - height * 0.35) / (height * 0.65));
    if (y > ridge(x, width * 0.65, 0.7, height * 0.45)) return [74, 98, 128];
    if ((x - sun.x) ** 2 + (y - sun.y) ** 2 < sun.r ** 2) return [255, 206, 84];
    return mix([120, 180, 235], [214, 236, 250], y / height);
  });
}
