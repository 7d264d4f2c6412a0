import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeIco, renderAppIcon } from './app-icon.ts';

function readPng(png: Buffer): { width: number; height: number; pixel(x: number, y: number): number[] } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(data));
  return { width, height, pixel: (x, y) => [...rows.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 1 + x * 4 + 4)] };
}

describe('the app icon', () => {
  it('is a valid PNG of the size asked for: transparent corners, a blue tile, a white bubble', () => {
    const icon = readPng(renderAppIcon(64));
    expect([icon.width, icon.height]).toEqual([64, 64]);
    expect(icon.pixel(0, 0)[3]).toBe(0);
    expect(icon.pixel(8, 32)).toEqual([37, 99, 235, 255]);
    expect(icon.pixel(32, 28)).toEqual([255, 255, 255, 255]);
  });

  it('carries a red dot while anything is unread', () => {
    expect(readPng(renderAppIcon(32)).pixel(25, 6)).not.toEqual([220, 38, 38, 255]);
    expect(readPng(renderAppIcon(32, { unreadDot: true })).pixel(25, 6)).toEqual([220, 38, 38, 255]);
  });

  it('refuses sizes no platform uses', () => {
    expect(() => renderAppIcon(4)).toThrow(RangeError);
    expect(() => renderAppIcon(16.5)).toThrow(RangeError);
  });

  it('packs PNGs into a Windows .ico directory', () => {
    const small = renderAppIcon(16);
    const large = renderAppIcon(256);
    const ico = encodeIco([
      { size: 16, png: small },
      { size: 256, png: large },
    ]);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 2]);
    expect(ico.readUInt8(6)).toBe(16);
    expect(ico.readUInt8(22)).toBe(0); // 256 is written as 0
    const secondOffset = ico.readUInt32LE(22 + 12);
    expect(ico.subarray(secondOffset, secondOffset + large.length).equals(large)).toBe(true);
  });
});
