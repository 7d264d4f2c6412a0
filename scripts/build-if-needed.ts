import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SOURCES = ['src-main', 'src-preload', 'src-renderer', 'emulator', 'electron.vite.config.ts', 'svelte.config.mjs', 'package.json'];
const OUTPUTS = ['out/main/index.js', 'out/main/browser-shell.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the app with electron-vite when an output is missing or older than any source. */
export function buildIfNeeded(): void {
  const outputs = OUTPUTS.map((file) => join(ROOT, file));
  const built = outputs.every((file) => existsSync(file));
  const sourcesChanged = built && Math.max(...SOURCES.map((path) => newestMtime(join(ROOT, path)))) > Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  if (built && !sourcesChanged) return;
  console.log(built ? 'Sources changed: rebuilding Parley…' : 'Building Parley (first run)…');
  // electron-vite's JS entry run by this Node: node_modules/.bin holds shell shims Windows cannot execute directly.
  execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
