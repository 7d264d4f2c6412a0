import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';

/** The marker @electron/fuses looks for in an Electron executable; the fuse wire follows it. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** A fuse's byte in the wire (@electron/fuses does not export its FuseState). */
export const FuseState = { DISABLE: '0'.charCodeAt(0), ENABLE: '1'.charCodeAt(0) } as const;
type FuseByte = (typeof FuseState)[keyof typeof FuseState];

/** Electron 45's fuses as shipped (before electron-builder flips them): each one the opposite of Parley's choice. */
const SHIPPED_FUSES: Record<FuseV1Options, FuseByte> = {
  [FuseV1Options.RunAsNode]: FuseState.ENABLE,
  [FuseV1Options.EnableCookieEncryption]: FuseState.DISABLE,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.ENABLE,
  [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.ENABLE,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.DISABLE,
  [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.DISABLE,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: FuseState.DISABLE,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: FuseState.ENABLE,
};

/**
 * A stand-in for an unpacked Electron distribution (`electronDist`): what electron-builder copies and
 * edits, without Chromium. The executable is a shell script carrying the fuse sentinel and a version 1
 * fuse wire, as a real Electron binary does; LICENSE and version are the other files it handles.
 */
export function writeStandInElectron(dir: string, version: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Object.values(SHIPPED_FUSES);
  const executable = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "a stand-in for Electron: it cannot run an app" >&2\nexit 1\n'),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, wire.length, ...wire]),
  ]);
  writeFileSync(join(dir, 'electron'), executable, { mode: 0o755 });
  writeFileSync(join(dir, 'LICENSE'), 'The stand-in for Electron has no license text of its own.\n');
  writeFileSync(join(dir, 'version'), version);
}
