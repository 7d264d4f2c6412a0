import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventHub } from '../../base/events.ts';
import { createConsoleLogger } from '../../base/logger.ts';
import type { Dispatcher } from '../../api/dispatcher.ts';
import { startBrowserHost, type BrowserHost } from './browser-host.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const nobodyAnswers: Dispatcher = { invoke: async () => ({ ok: false, error: { code: 'internal', message: 'not in this test' } }) };

async function host(port = 0): Promise<BrowserHost> {
  const staticDir = mkdtempSync(join(tmpdir(), 'parley-static-'));
  cleanups.push(() => rmSync(staticDir, { recursive: true, force: true }));
  const started = await startBrowserHost({ app: { dispatcher: nobodyAnswers, events: createEventHub() }, staticDir, port, log: createConsoleLogger('test'), token: 'this-run' });
  cleanups.push(() => started.close());
  return started;
}

describe('browser host', () => {
  it('says which port is taken and suggests --port, instead of a raw EADDRINUSE', async () => {
    const occupant = createServer();
    await new Promise<void>((resolve) => occupant.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => occupant.close(() => resolve())));
    const { port } = occupant.address() as AddressInfo;
    const failure = await host(port).then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toBe(`Port ${port} on 127.0.0.1 is already in use by another program. Start Parley on another port with --port <n> (--port 0 picks a free one).`);
  });

  it('tells the page over plain HTTP whether its access key is this run’s', async () => {
    const { origin } = await host();
    expect((await fetch(`${origin}/bridge?token=this-run`)).status).toBe(204);
    expect((await fetch(`${origin}/bridge?token=an-earlier-run`)).status).toBe(401);
    expect((await fetch(`${origin}/bridge`)).status).toBe(401);
  });
});
