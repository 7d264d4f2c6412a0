const DIGITS = /^\d+$/;

/**
 * Orders message versions. The service sends them as decimal strings (the edit time in ms), which
 * must compare as numbers ("999" < "1000") without the precision limits of a JS number; anything
 * else falls back to plain string order.
 */
export function compareVersions(a: string, b: string): number {
  if (DIGITS.test(a) && DIGITS.test(b)) {
    const left = a.replace(/^0+(?=\d)/, '');
    const right = b.replace(/^0+(?=\d)/, '');
    if (left.length !== right.length) return left.length - right.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
