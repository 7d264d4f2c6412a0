import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { signRequest } from './auth/hmac.ts';
import { rawRequest } from './test-support/sdk-clients.ts';

describe('cli', () => {
  it('prints the connection string, writes ca.pem, serves HTTPS, and exits cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-emulator-cli-'));
    const child = spawn(process.execPath, [join(import.meta.dirname, 'cli.ts'), '--port', '0', '--data', dataDir, '--no-rate-limits'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', () => reject(new Error('the emulator exited before printing its connection string')));
      });
      const match = /^endpoint=(https:\/\/localhost:\d+\/);accesskey=([A-Za-z0-9+/]+=*)$/.exec(firstLine);
      expect(match, firstLine).not.toBeNull();
      const [, endpoint = '', accessKey = ''] = match ?? [];
      const caPem = readFileSync(join(dataDir, 'ca.pem'), 'utf8');
      const target = `${endpoint}identities?api-version=2023-10-01`;
      const response = await rawRequest(caPem, target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signRequest({ accessKey, method: 'POST', url: target, body: '{}' }) },
        body: '{}',
      });
      expect(response.status).toBe(201);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
