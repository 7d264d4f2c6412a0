import { describe, expect, it } from 'vitest';
import { compareVersions } from './versions.ts';

describe('compareVersions', () => {
  it('orders decimal versions numerically', () => {
    expect(compareVersions('999', '1000')).toBeLessThan(0);
    expect(compareVersions('1700000000001', '1700000000000')).toBeGreaterThan(0);
    expect(compareVersions('1700000000000', '1700000000000')).toBe(0);
    expect(compareVersions('0010', '9')).toBeGreaterThan(0);
  });

  it('orders numbers beyond double precision exactly', () => {
    expect(compareVersions('90071992547409930', '90071992547409931')).toBeLessThan(0);
  });

  it('falls back to string order for other versions', () => {
    expect(compareVersions('b', 'a')).toBeGreaterThan(0);
    expect(compareVersions('v2', 'v2')).toBe(0);
  });
});
