import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/**
 * Finds the Electron executable without triggering its on-demand download (which cannot succeed
 * on machines without internet access and would only stall).
 */
export function findElectronBinary(root = join(import.meta.dirname, '..')): ElectronBinary {
  const packageDir = join(root, 'node_modules', 'electron');
  if (!existsSync(packageDir)) return { found: false, reason: 'the electron package is not installed (run npm ci)' };
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const path = join(distDir, executable);
  if (!existsSync(path)) return { found: false, reason: `no Electron executable at ${path} (its download needs internet access)` };
  return { found: true, path };
}
