import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
/** The only files allowed to touch Electron: the thin desktop shell and the preload. */
const ELECTRON_FILES = /^(src-main\/index\.ts|src-main\/shell\/electron\/[^/]+\.ts|src-preload\/index\.ts)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|svelte)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

const importsElectron = (text: string) => /(from\s+|import\s*\(\s*|require\s*\(\s*)['"]electron(\/[^'"]*)?['"]/.test(text);

describe('architecture', () => {
  const files = ['src-main', 'src-preload', 'src-renderer/src', 'emulator'].flatMap(sourceFiles);

  it('keeps electron imports inside the Electron shell files', () => {
    const offenders = files.filter((file) => !ELECTRON_FILES.test(file) && !file.endsWith('.test.ts') && importsElectron(readFileSync(join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('detects an electron import when there is one (the check itself works)', () => {
    expect(importsElectron("import { app } from 'electron';")).toBe(true);
    expect(importsElectron("const { ipcMain } = require('electron/main');")).toBe(true);
    expect(importsElectron("import { app } from './electron-like.ts';")).toBe(false);
  });

  it('keeps the renderer off Node and off main-process modules', () => {
    const renderer = files.filter((file) => file.startsWith('src-renderer/'));
    const offenders = renderer.filter((file) => /from\s+['"](node:|\.\.\/.*src-main\/)/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps the contract free of run-time imports', () => {
    const contract = readFileSync(join(ROOT, 'src-preload/contract.ts'), 'utf8');
    expect(contract).not.toMatch(/^import\s+(?!type\b)/m);
  });
});
