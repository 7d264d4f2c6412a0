import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeHttpExecutor } from 'builder-util';
import { configureRequestOptions, configureRequestUrl, type DownloadOptions } from 'builder-util-runtime';
import { DebUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startUpdates } from './updates.ts';

/**
 * The real electron-updater, as the installed deb runs it, against a `latest-linux.yml` feed served on
 * loopback, wired through `startUpdates`. Electron's own HTTP client cannot run here: the updater gets
 * builder-util's Node one (the same HttpExecutor base), the only part that differs from the app.
 */

/** builder-util's Node client, with the `download` electron-updater's Electron client adds (the same body, over Node's http). */
class NodeDownloadExecutor extends NodeHttpExecutor {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, { destination, options, onCancel, callback: (error) => (error ? reject(error) : resolve(destination)), responseHandler: null }, 0);
    });
  }
}

const CURRENT_VERSION = '0.1.0';
const installer = Buffer.from('a stand-in for the next Parley .deb');
const feeds: Record<string, string> = {};

function feedFor(version: string): string {
  const sha512 = createHash('sha512').update(installer).digest('base64');
  const file = `parley_${version}_amd64.deb`;
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${sha512}`,
    `    size: ${installer.length}`,
    `path: ${file}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-12-01T00:00:00.000Z'",
    '',
  ].join('\n');
}

let server: Server;
let work: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'parley-updates-'));
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const feed = Object.entries(feeds).find(([prefix]) => path.startsWith(`/${prefix}/`));
    if (feed && /\/latest-linux(-arm64)?\.yml$/.test(path)) response.end(feed[1]);
    else if (path.endsWith('.deb')) response.end(installer);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

/** An installed Parley as electron-updater sees it, its app-update.yml as electron-builder writes it (see build/packaging.test.ts). */
function installedApp(name: string): AppAdapter {
  const dir = join(work, name);
  const { port } = server.address() as AddressInfo;
  mkdirSync(dir);
  writeFileSync(join(dir, 'app-update.yml'), `provider: generic\nurl: http://127.0.0.1:${port}/${name}\nupdaterCacheDirName: parley-updater\n`);
  return {
    version: CURRENT_VERSION,
    name: 'Parley',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: join(dir, 'user-data'),
    baseCachePath: join(dir, 'cache'),
    whenReady: async () => undefined,
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
}

/** Runs one check of `feed` through startUpdates; resolves with what was offered and what was logged. */
async function checkFeed(name: string, feed: string) {
  feeds[name] = feed;
  const updater = new DebUpdater(undefined, installedApp(name));
  (updater as unknown as { httpExecutor: NodeHttpExecutor }).httpExecutor = new NodeDownloadExecutor();
  updater.logger = null;
  const offered: string[] = [];
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const settled = new Promise<void>((resolve) => {
    for (const event of ['update-downloaded', 'update-not-available', 'error'] as const) updater.on(event, () => resolve());
  });
  const updates = startUpdates({
    updater,
    isPackaged: true,
    enabled: () => true,
    sendInFlight: () => false,
    now: () => 0,
    timers: { setInterval: () => 0, clearInterval: () => undefined, setTimeout: () => 0, clearTimeout: () => undefined },
    log,
    onReady: (version) => offered.push(version),
  });
  updates.checkIfDue();
  await settled;
  updates.stop();
  return { offered, log };
}

describe('updates from a latest-linux.yml feed', () => {
  it('downloads and offers a newer version', async () => {
    const { offered, log } = await checkFeed('newer', feedFor('0.2.0'));
    expect(offered).toEqual(['0.2.0']);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('offers nothing for the same or an older version', async () => {
    expect((await checkFeed('same', feedFor(CURRENT_VERSION))).offered).toEqual([]);
    const older = await checkFeed('older', feedFor('0.0.9'));
    expect(older.offered).toEqual([]);
    expect(older.log.warn).not.toHaveBeenCalled();
  });

  it('offers nothing for a malformed feed, and says so in the log', async () => {
    const garbled = await checkFeed('garbled', 'version: [0.2.0\nfiles: {');
    expect(garbled.offered).toEqual([]);
    expect(garbled.log.warn).toHaveBeenCalledWith(expect.stringMatching(/^updating did not succeed: /));
    const notSemver = await checkFeed('not-semver', feedFor('next'));
    expect(notSemver.offered).toEqual([]);
    expect(notSemver.log.warn).toHaveBeenCalled();
  });
});
