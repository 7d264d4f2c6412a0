import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from './keytar-store.ts';

const hasTestKeyring = process.env.PARLEY_TEST_KEYRING === '1';
if (!hasTestKeyring) console.log('[keytar-store.test] keychain tests skipped: run them through `npm test`, which provides a throwaway keyring');

describe.runIf(hasTestKeyring)('keytar secret store against a real Secret Service', () => {
  const store = createKeytarSecretStore('Parley-test');

  it('finds the keychain available', async () => {
    expect(await store.probe()).toEqual({ state: 'available' });
  });

  it('keeps, returns and forgets a secret', async () => {
    const key = `account-${Date.now()}`;
    await store.set(key, 'accesskey=c2VjcmV0');
    expect(await store.get(key)).toBe('accesskey=c2VjcmV0');
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
  });
});

describe('keytar secret store with no Secret Service', () => {
  it('reports the keychain unavailable with a reason instead of throwing', () => {
    const script = `
      import { createKeytarSecretStore } from './src-main/secrets/keytar-store.ts';
      console.log(JSON.stringify(await createKeytarSecretStore('Parley-test').probe()));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: new URL('../..', import.meta.url),
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/parley-bus' },
      encoding: 'utf8',
    });
    const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { state: string; reason?: string };
    expect(result.state).toBe('unavailable');
    expect(result.reason).toMatch(/No system keychain/);
  });
});

describe('keytar secret store where keytar cannot load', () => {
  it('reports the keychain unavailable because of keytar itself, logs the detail once, and never throws from the probe', async () => {
    const warnings: unknown[][] = [];
    const store = createKeytarSecretStore('Parley-test', {
      // A real load failure: the dynamic loader refuses the addon, as on a machine where keytar's build failed.
      moduleSpecifier: fileURLToPath(new URL('../test-support/unloadable-keytar.ts', import.meta.url)),
      log: { warn: (...args: unknown[]) => void warnings.push(args) },
    });
    const expected = { state: 'unavailable', reason: 'Parley’s keychain module (keytar) is not installed or cannot load on this machine.' };
    expect(await store.probe()).toEqual(expected);
    expect(await store.probe()).toEqual(expected);
    await expect(store.get('anyone')).rejects.toThrow('Parley’s keychain module (keytar) is not installed or cannot load on this machine.');
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]![1])).toMatch(/unloadable-keytar\.node/);
  });
});
