import { describe, expect, it } from 'vitest';
import { isRestartOffered, isUpdateCheckDue, restartStep, UPDATE_CHECK_INTERVAL_MS } from './update-policy.ts';

describe('isUpdateCheckDue', () => {
  const now = 1_800_000_000_000;
  const installed = { enabled: true, isPackaged: true, checking: false, now };

  it('checks at start, then once a day', () => {
    expect(isUpdateCheckDue({ ...installed, lastCheckAt: null })).toBe(true);
    expect(isUpdateCheckDue({ ...installed, lastCheckAt: now - UPDATE_CHECK_INTERVAL_MS + 1 })).toBe(false);
    expect(isUpdateCheckDue({ ...installed, lastCheckAt: now - UPDATE_CHECK_INTERVAL_MS })).toBe(true);
  });

  it('never checks when turned off, unpackaged, or while a check runs', () => {
    expect(isUpdateCheckDue({ ...installed, enabled: false, lastCheckAt: null })).toBe(false);
    expect(isUpdateCheckDue({ ...installed, isPackaged: false, lastCheckAt: null })).toBe(false);
    expect(isUpdateCheckDue({ ...installed, checking: true, lastCheckAt: null })).toBe(false);
  });

  it('checks again when the clock was set back past the last check', () => {
    expect(isUpdateCheckDue({ ...installed, lastCheckAt: now + 60_000 })).toBe(true);
  });
});

describe('isRestartOffered', () => {
  it('offers a downloaded version once', () => {
    expect(isRestartOffered({ enabled: true, downloadedVersion: '0.2.0', offeredVersion: null })).toBe(true);
    expect(isRestartOffered({ enabled: true, downloadedVersion: '0.2.0', offeredVersion: '0.2.0' })).toBe(false);
    expect(isRestartOffered({ enabled: true, downloadedVersion: '0.3.0', offeredVersion: '0.2.0' })).toBe(true);
  });

  it('offers nothing once the user turned updates off', () => {
    expect(isRestartOffered({ enabled: false, downloadedVersion: '0.2.0', offeredVersion: null })).toBe(false);
  });
});

describe('restartStep', () => {
  it('waits while a message is being sent', () => {
    expect(restartStep(true)).toBe('wait');
    expect(restartStep(false)).toBe('restart');
  });
});
