/**
 * The main window's size and position across runs. The saved value comes from disk and the displays
 * may have changed since (a monitor unplugged, a resolution lowered), so it is validated, clamped
 * into a display's work area, and replaced by the default when it would not be visible.
 */

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

/** The store key (`store.setValue`) the state is kept under. */
export const WINDOW_STATE_KEY = 'windowBounds';
export const DEFAULT_WINDOW_SIZE = { width: 1100, height: 760 } as const;
export const MIN_WINDOW_SIZE = { width: 640, height: 420 } as const;
/** A window less visible than this (px on each axis) could not be grabbed by its title bar: it is lost. */
const MIN_VISIBLE = 80;
/** Beyond any real display; larger values are corrupt data. */
const MAX_COORDINATE = 100_000;

function isCoordinate(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_COORDINATE;
}

/** The saved state if it has exactly the right shape, else null. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { x, y, width, height, maximized } = value as Record<string, unknown>;
  if (![x, y, width, height].every(isCoordinate)) return null;
  if ((width as number) <= 0 || (height as number) <= 0) return null;
  return { bounds: { x, y, width, height } as Rectangle, maximized: maximized === true };
}

/** The value to persist: flat, so that it stays readable and small. */
export function serializeWindowState(state: WindowState): { x: number; y: number; width: number; height: number; maximized: boolean } {
  const { x, y, width, height } = state.bounds;
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height), maximized: state.maximized };
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), Math.max(low, high));

function fitSize(size: { width: number; height: number }, area: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(Math.max(size.width, MIN_WINDOW_SIZE.width), area.width),
    height: Math.min(Math.max(size.height, MIN_WINDOW_SIZE.height), area.height),
  };
}

function centered(area: Rectangle): Rectangle {
  const size = fitSize(DEFAULT_WINDOW_SIZE, area);
  return { x: area.x + Math.floor((area.width - size.width) / 2), y: area.y + Math.floor((area.height - size.height) / 2), ...size };
}

/**
 * Where the window opens. `workAreas` are the displays' usable areas, the primary one first. The
 * saved window goes to the display it overlaps most, resized to fit and moved fully inside; a window
 * that would be (nearly) off every display, or saved data that is not a window state, gets the
 * default size centred on the primary display.
 */
export function restoreWindowState(saved: unknown, workAreas: readonly Rectangle[]): WindowState {
  const [primary] = workAreas;
  if (primary === undefined) return { bounds: { x: 0, y: 0, ...DEFAULT_WINDOW_SIZE }, maximized: false };
  const state = parseWindowState(saved);
  if (state === null) return { bounds: centered(primary), maximized: false };

  let best: { area: Rectangle; visible: { width: number; height: number } } | undefined;
  for (const area of workAreas) {
    const visible = overlap(state.bounds, area);
    if (!best || visible.width * visible.height > best.visible.width * best.visible.height) best = { area, visible };
  }
  if (!best || best.visible.width < MIN_VISIBLE || best.visible.height < MIN_VISIBLE) return { bounds: centered(primary), maximized: false };

  const { area } = best;
  const size = fitSize(state.bounds, area);
  const x = clamp(state.bounds.x, area.x, area.x + area.width - size.width);
  const y = clamp(state.bounds.y, area.y, area.y + area.height - size.height);
  return { bounds: { x, y, ...size }, maximized: state.maximized };
}
