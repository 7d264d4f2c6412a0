import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

type BeforePack = (context: { electronPlatformName: string; arch: number }) => Promise<void>;
const checkTarget = (createRequire(import.meta.url)('./check-target.cjs') as { default: BeforePack }).default;
/** electron-builder's Arch enum: ia32 0, x64 1, armv7l 2, arm64 3. */
const ARCH = { x64: 1, arm64: 3 } as const;
const hostArch = process.arch === 'arm64' ? ARCH.arm64 : ARCH.x64;

describe('the beforePack check', () => {
  it.skipIf(process.arch !== 'x64' && process.arch !== 'arm64')('lets a build for this machine through', async () => {
    await expect(checkTarget({ electronPlatformName: process.platform, arch: hostArch })).resolves.toBeUndefined();
  });

  it('refuses a build for another platform or architecture (keytar is compiled for this one)', async () => {
    const otherPlatform = process.platform === 'win32' ? 'linux' : 'win32';
    await expect(checkTarget({ electronPlatformName: otherPlatform, arch: hostArch })).rejects.toThrow(`must be built on a ${otherPlatform}-`);
    const otherArch = hostArch === ARCH.x64 ? ARCH.arm64 : ARCH.x64;
    await expect(checkTarget({ electronPlatformName: process.platform, arch: otherArch })).rejects.toThrow('keytar is compiled for this one');
  });
});
