import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfNeeded } from '../scripts/build-if-needed.ts';
import { FuseState, writeStandInElectron } from './test-support/stand-in-electron.ts';

/**
 * `npm run dist` for Linux with the project's own electron-builder.yml, against a stand-in Electron
 * distribution (no download can happen here). The deb is built by electron-builder through a stand-in
 * fpm that hands its command line to dpkg-deb; the AppImage needs appimagetool from GitHub and is not
 * built: the unpacked app it would wrap is checked instead.
 */

const ROOT = join(import.meta.dirname, '..');
const projectPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };
const electronVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const hasDpkgDeb = commandExists('dpkg-deb');
const ELF_MACHINES: Partial<Record<NodeJS.Architecture, number>> = { x64: 0x3e, arm64: 0xb7 };

function commandExists(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let work: string;
let unpacked: string;
let release: string;

beforeAll(() => {
  console.log(
    'packaging: AppImage is not built here (electron-builder downloads appimagetool from GitHub); the unpacked app it would wrap is checked. ' +
      (hasDpkgDeb ? 'The deb is built with dpkg-deb in place of fpm (also a download).' : 'dpkg-deb is missing: the deb is not built.'),
  );
  buildIfNeeded();
  work = mkdtempSync(join(tmpdir(), 'parley-pack-'));
  release = join(work, 'release');
  unpacked = join(release, 'linux-unpacked');
  writeStandInElectron(join(work, 'electron'), electronVersion);
  const fpm = join(work, 'fpm');
  writeFileSync(fpm, `#!/bin/sh\nexec "${process.execPath}" "${join(import.meta.dirname, 'test-support/fpm-via-dpkg-deb.ts')}" "$@"\n`, { mode: 0o755 });
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/electron-builder/cli.js'),
      '--config',
      'build/electron-builder.yml',
      '--linux',
      hasDpkgDeb ? 'deb' : 'dir',
      `--${process.arch}`,
      '--publish',
      'never',
      `-c.electronDist=${join(work, 'electron')}`,
      `-c.electronVersion=${electronVersion}`,
      `-c.directories.output=${release}`,
    ],
    { cwd: ROOT, env: { ...process.env, CUSTOM_FPM_PATH: fpm }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the Linux package', () => {
  it('holds the built main, preload and renderer and nothing else of the repository', () => {
    const files = listPackage(join(unpacked, 'resources/app.asar'), { isPack: false }).map((file) => file.replaceAll('\\', '/'));
    const own = files.filter((file) => file !== '/node_modules' && !file.startsWith('/node_modules/'));
    expect(own).toEqual(expect.arrayContaining(['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']));
    for (const file of own) expect(file).toMatch(/^\/(package\.json|out|out\/(main|preload|renderer)(\/.*)?)$/);
    expect(own.filter((file) => /\.(map|test\.ts|spec\.ts|ts|svelte)$/.test(file))).toEqual([]);
    // Production dependencies only: no build tool, test runner or Electron itself.
    const packed = new Set(files.filter((file) => /^\/node_modules\/(@[^/]+\/)?[^/@]+$/.test(file)).map((file) => file.slice('/node_modules/'.length)));
    expect(packed.has('better-sqlite3') && packed.has('keytar') && packed.has('electron-updater')).toBe(true);
    expect(Object.keys(projectPackage.devDependencies).filter((name) => packed.has(name))).toEqual([]);
  });

  it('unpacks the native addons, for the target only', () => {
    const resources = join(unpacked, 'resources');
    const nativeFiles = readdirSync(join(resources, 'app.asar.unpacked'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.node'))
      .map((file) => file.replaceAll('\\', '/'))
      .sort();
    expect(nativeFiles).toEqual([`node_modules/better-sqlite3/prebuilds/linux-${process.arch}.node`, 'node_modules/keytar/build/Release/keytar.node']);
    const packedNative = listPackage(join(resources, 'app.asar'), { isPack: false }).filter((file) => file.endsWith('.node'));
    expect(packedNative.map((file) => file.replaceAll('\\', '/').slice(1)).sort()).toEqual(nativeFiles);
    for (const file of nativeFiles) {
      const header = readFileSync(join(resources, 'app.asar.unpacked', file)).subarray(0, 20);
      expect(header.subarray(0, 4).toString('latin1'), file).toBe('\x7fELF');
      const machine = ELF_MACHINES[process.arch];
      if (machine !== undefined) expect(header.readUInt16LE(18), file).toBe(machine);
    }
  });

  it("needs no newer glibc than the README states (2.34, for better-sqlite3 13's prebuild)", () => {
    const unpackedDir = join(unpacked, 'resources/app.asar.unpacked');
    for (const file of readdirSync(unpackedDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.node'))) {
      // The versioned glibc symbols an ELF object needs are named in its dynamic string table.
      const needed = [
        ...readFileSync(join(unpackedDir, file))
          .toString('latin1')
          .matchAll(/GLIBC_2\.(\d+)/g),
      ].map((match) => Number(match[1]));
      expect(Math.max(...needed), file).toBeLessThanOrEqual(34);
    }
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('glibc 2.34');
  });

  it('names the app Parley, with a homepage and an author', () => {
    const packaged = JSON.parse(extractFile(join(unpacked, 'resources/app.asar'), 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(packaged).toMatchObject({
      productName: 'Parley',
      homepage: expect.stringMatching(/^https:\/\//),
      author: { name: expect.any(String), email: expect.stringContaining('@') },
    });
  });

  it('flips the fuses in the packed binary', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'parley'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
  });

  it('carries the update feed for electron-updater', () => {
    const feed = readFileSync(join(unpacked, 'resources/app-update.yml'), 'utf8');
    expect(feed).toMatch(/^provider: generic$/m);
    expect(feed).toMatch(new RegExp(`^url: https://.+/linux/${process.arch}$`, 'm'));
  });
});

describe.skipIf(!hasDpkgDeb)('the deb', () => {
  function debPath(): string {
    const deb = readdirSync(release).find((file) => file.endsWith('.deb'));
    if (!deb) throw new Error(`no .deb in ${relative(ROOT, release)}`);
    return join(release, deb);
  }

  it("depends on electron-builder's defaults and the Secret Service library", () => {
    const depends = execFileSync('dpkg-deb', ['--field', debPath(), 'Depends'], { encoding: 'utf8' }).trim().split(/,\s*/);
    expect(depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0']));
    const control = execFileSync('dpkg-deb', ['--field', debPath(), 'Package', 'Version', 'Homepage', 'Maintainer'], { encoding: 'utf8' });
    expect(control).toContain('Package: parley');
    expect(control).toContain(`Version: ${projectPackage.version}`);
    expect(control).toMatch(/^Homepage: https:\/\//m);
  });

  it('installs a .desktop entry that opens parley:// links', () => {
    const extracted = join(work, 'deb-root');
    execFileSync('dpkg-deb', ['-x', debPath(), extracted]);
    const desktopFile = join(extracted, 'usr/share/applications/parley.desktop');
    expect(existsSync(desktopFile)).toBe(true);
    const entry = readFileSync(desktopFile, 'utf8');
    expect(entry).toMatch(/^Name=Parley$/m);
    expect(entry).toMatch(/^Exec=\/opt\/Parley\/parley %U$/m);
    expect(entry).toMatch(/^MimeType=x-scheme-handler\/parley;$/m);
    expect(entry).toMatch(/^StartupWMClass=parley$/m);
    expect(existsSync(join(extracted, 'opt/Parley/resources/app.asar'))).toBe(true);
  });
});
