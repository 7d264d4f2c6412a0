import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTlsMaterial } from '../../emulator/tls.ts';
import { LIMITS } from '../../src-preload/contract.ts';
import type { RenewableCredential } from './credentials.ts';
import { fetchAttachmentImage, imageTypeOf } from './attachment-images.ts';
import { extraCaTrust } from './tls-trust.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24, 1)]);
const TOKEN = 'token-for-this-account';

/** An HTTPS endpoint standing in for the account's ACS resource: it records who asked, with which token. */
let server: Server;
let endpoint = '';
const seen: Array<{ path: string; authorization: string | undefined }> = [];
const tls = ensureTlsMaterial({});

beforeAll(async () => {
  server = createServer({ cert: tls.serverCertPem, key: tls.serverKeyPem }, (request, response) => {
    seen.push({ path: request.url ?? '', authorization: request.headers.authorization });
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return void response.writeHead(401).end();
    if (request.url === '/images/ok') return void response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    if (request.url === '/images/lies') return void response.writeHead(200, { 'content-type': 'image/png' }).end('<svg onload="alert(1)"></svg>');
    if (request.url === '/images/huge') {
      response.writeHead(200, { 'content-type': 'image/png' });
      const chunk = Buffer.alloc(1024 * 1024, 0);
      for (let sent = 0; sent <= LIMITS.attachmentImageBytes; sent += chunk.length) response.write(sent === 0 ? Buffer.concat([PNG, chunk]) : chunk);
      return void response.end();
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const credential = {
  getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
  renew: async () => true,
  dispose: () => undefined,
} as RenewableCredential;
const options = () => ({ endpoint, credential, tls: extraCaTrust(tls.caCertPem) });

describe('attachment images', () => {
  it('fetches an image from the account’s own endpoint with its token, as a data URL', async () => {
    expect(await fetchAttachmentImage(`${endpoint}images/ok`, options())).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(seen.at(-1)).toEqual({ path: '/images/ok', authorization: `Bearer ${TOKEN}` });
  });

  it('never sends the token to another origin: refused before any connection', async () => {
    const before = seen.length;
    for (const url of [
      endpoint.replace('127.0.0.1', 'localhost') + 'images/ok',
      'https://attacker.example/steal',
      endpoint.replace('https:', 'http:') + 'images/ok',
      'javascript:alert(1)',
    ]) {
      await expect(fetchAttachmentImage(url, options())).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(seen.length).toBe(before);
  });

  it('refuses what is not the image it claims, what is too large, and what the service will not give', async () => {
    await expect(fetchAttachmentImage(`${endpoint}images/lies`, options())).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(fetchAttachmentImage(`${endpoint}images/huge`, options())).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('too large') });
    await expect(fetchAttachmentImage(`${endpoint}images/gone`, options())).rejects.toMatchObject({ code: 'not-found' });
    const wrongToken = { ...options(), credential: { ...credential, getToken: async () => ({ token: 'other', expiresOnTimestamp: 0 }) } as RenewableCredential };
    await expect(fetchAttachmentImage(`${endpoint}images/ok`, wrongToken)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('trusts the bytes, not the header', () => {
    expect(imageTypeOf(PNG, 'image/png; charset=binary')).toBe('image/png');
    expect(imageTypeOf(PNG, 'image/jpeg')).toBeNull();
    expect(imageTypeOf(Buffer.from('<svg/>'), 'image/svg+xml')).toBeNull();
    expect(imageTypeOf(Buffer.from('GIF89a....'), 'image/gif')).toBe('image/gif');
  });
});
