import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, parseWindowState, restoreWindowState, serializeWindowState } from './window-state.ts';

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const externalRight = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('window state', () => {
  it('survives a round trip through the store as a flat, rounded value', () => {
    const saved = serializeWindowState({ bounds: { x: 10.4, y: 20.6, width: 1000, height: 700 }, maximized: true });
    expect(saved).toEqual({ x: 10, y: 21, width: 1000, height: 700, maximized: true });
    expect(JSON.parse(JSON.stringify(saved))).toEqual(saved);
    expect(parseWindowState(saved)).toEqual({ bounds: { x: 10, y: 21, width: 1000, height: 700 }, maximized: true });
  });

  it('restores a saved window that fits as it was', () => {
    expect(restoreWindowState({ x: 100, y: 50, width: 1000, height: 700, maximized: false }, [laptop])).toEqual({
      bounds: { x: 100, y: 50, width: 1000, height: 700 },
      maximized: false,
    });
  });

  it('keeps the window on the secondary display it was on', () => {
    const restored = restoreWindowState({ x: 2000, y: 100, width: 1200, height: 800, maximized: true }, [laptop, externalRight]);
    expect(restored).toEqual({ bounds: { x: 2000, y: 100, width: 1200, height: 800 }, maximized: true });
  });

  it('opens centred on the primary display with the default size when the display it was on is gone', () => {
    const restored = restoreWindowState({ x: 2000, y: 100, width: 1200, height: 800, maximized: true }, [laptop]);
    expect(restored).toEqual({ bounds: { x: 170, y: 55, ...DEFAULT_WINDOW_SIZE }, maximized: false });
  });

  it('treats a window showing only a sliver as lost', () => {
    expect(restoreWindowState({ x: 1400, y: 100, width: 800, height: 600 }, [laptop]).bounds.x).toBe(170);
    expect(restoreWindowState({ x: 100, y: -560, width: 800, height: 600 }, [laptop]).bounds.y).toBe(55);
  });

  it('moves a partly off-screen window fully inside the display it overlaps most', () => {
    expect(restoreWindowState({ x: -300, y: 600, width: 1000, height: 700 }, [laptop]).bounds).toEqual({ x: 0, y: 170, width: 1000, height: 700 });
  });

  it('shrinks a window larger than the display and grows one below the minimum', () => {
    expect(restoreWindowState({ x: 0, y: 0, width: 3000, height: 2000 }, [laptop]).bounds).toEqual({ x: 0, y: 0, width: 1440, height: 870 });
    expect(restoreWindowState({ x: 10, y: 10, width: 200, height: 100 }, [laptop]).bounds).toEqual({ x: 10, y: 10, ...MIN_WINDOW_SIZE });
  });

  it('respects work areas that do not start at the origin (a menu bar, a taskbar on the left)', () => {
    const area = { x: 64, y: 25, width: 1856, height: 1055 };
    expect(restoreWindowState({ x: 0, y: 0, width: 800, height: 600 }, [area]).bounds).toEqual({ x: 64, y: 25, width: 800, height: 600 });
  });

  it.each([
    ['nothing saved', null],
    ['a string', 'big'],
    ['an array', [0, 0, 800, 600]],
    ['a missing field', { x: 0, y: 0, width: 800 }],
    ['a fractional size', { x: 0, y: 0, width: 800.5, height: 600 }],
    ['a zero size', { x: 0, y: 0, width: 0, height: 600 }],
    ['a negative size', { x: 0, y: 0, width: 800, height: -600 }],
    ['an absurd coordinate', { x: 1e12, y: 0, width: 800, height: 600 }],
    ['a string number', { x: '0', y: 0, width: 800, height: 600 }],
  ])('falls back to the default for %s', (_what, saved) => {
    expect(parseWindowState(saved)).toBeNull();
    expect(restoreWindowState(saved, [laptop])).toEqual({ bounds: { x: 170, y: 55, ...DEFAULT_WINDOW_SIZE }, maximized: false });
  });

  it('fits the default size into a small display', () => {
    const small = { x: 0, y: 0, width: 1024, height: 600 };
    expect(restoreWindowState(null, [small]).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 600 });
  });

  it('uses the default size when no display is known', () => {
    expect(restoreWindowState({ x: 5, y: 5, width: 900, height: 700 }, [])).toEqual({ bounds: { x: 0, y: 0, ...DEFAULT_WINDOW_SIZE }, maximized: false });
  });
});
