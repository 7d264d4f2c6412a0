import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_ALIASES } from '../electron.vite.config.ts';

const ROOT = join(import.meta.dirname, '..');
/** The only files allowed to touch Electron: the thin desktop shell and the preload. */
const ELECTRON_FILES = /^(src-main\/index\.ts|src-main\/shell\/electron\/[^/]+\.ts|src-preload\/index\.ts)$/;
/** Test support lives in a `test-support/` folder at the top of its package; cross-module tests in `src-main/integration/`. */
const TEST_CODE = /(\.test\.ts$|(^|\/)test-support\/|^src-main\/integration\/)/;

/**
 * Which folders of `src-main` may import which, top to bottom (the composition root, `app.ts` and the
 * entry files beside it, may import all of them). The contract and `src-shared/` are open to every layer.
 */
const MAIN_LAYERS: Record<string, readonly string[]> = {
  'shell/electron': ['shell', 'api', 'accounts', 'sync', 'store', 'notify', 'base'],
  'shell/browser': ['shell', 'api', 'notify', 'base'],
  shell: ['base'],
  api: ['accounts', 'sync', 'store', 'base'],
  sync: ['accounts', 'acs', 'store', 'notify', 'text', 'base'],
  accounts: ['acs', 'demo', 'secrets', 'store', 'base'],
  demo: ['acs', 'base'],
  acs: ['base'],
  secrets: ['base'],
  store: ['store/migrations', 'text', 'base'],
  'store/migrations': ['store', 'text', 'base'],
  notify: ['text', 'base'],
  text: [],
  base: [],
};
/** Packages outside `src-main` a main folder may use besides the contract and `src-shared/`. */
const MAIN_EXTERNAL: Record<string, readonly string[]> = { demo: ['emulator'] };

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|svelte)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

const importsElectron = (text: string) => /(from\s+|import\s*\(\s*|require\s*\(\s*)['"]electron(\/[^'"]*)?['"]/.test(text);

const ALIAS_TARGETS: Record<string, string> = Object.fromEntries(Object.entries(RENDERER_ALIASES).map(([alias, target]) => [alias, relative(ROOT, target)]));

/** Repository-relative paths of the files a source file imports (relative and aliased specifiers; packages left out). */
export function importedPaths(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((match) => match[1]!);
  return specifiers.flatMap((specifier) => {
    if (specifier.startsWith('.')) return [normalize(join(dirname(file), specifier))];
    const [alias, ...rest] = specifier.split('/');
    const target = ALIAS_TARGETS[alias!];
    return target ? [join(target, ...rest)] : [];
  });
}

/** The `src-main` folder a file belongs to for layering: `shell/electron`, `store/migrations`, `api`, or '' for the root. */
function mainFolder(path: string): string {
  const folder = dirname(relative('src-main', path));
  return folder === '.' ? '' : folder;
}

export function layeringViolations(file: string, imports: readonly string[]): string[] {
  const from = mainFolder(file);
  if (from === '') return [];
  const allowed = MAIN_LAYERS[from];
  if (!allowed) return [`${file}: the folder src-main/${from} is not in the layer table`];
  return imports.flatMap((target) => {
    if (!/\.(ts|svelte)$/.test(target)) return [];
    if (target === 'src-preload/contract.ts' || target.startsWith('src-shared/')) return [];
    if (!target.startsWith('src-main/')) {
      const pkg = target.split('/')[0]!;
      return (MAIN_EXTERNAL[from] ?? []).includes(pkg) ? [] : [`${file} → ${target}`];
    }
    const to = mainFolder(target);
    return to === from || allowed.includes(to) ? [] : [`${file} → ${target} (src-main/${from} may import ${allowed.join(', ') || 'nothing'})`];
  });
}

function testCodeImports(file: string, source: string): string[] {
  const imported = importedPaths(file, source)
    .filter((target) => TEST_CODE.test(target) || /^(bench|e2e)\//.test(target))
    .map((target) => `${file} → ${target}`);
  return /from\s+['"](vitest|@playwright\/test)['"]/.test(source) ? [...imported, `${file} → a test framework`] : imported;
}

describe('architecture', () => {
  const files = ['src-main', 'src-preload', 'src-shared', 'src-renderer', 'emulator'].flatMap(sourceFiles);
  const productFiles = files.filter((file) => !TEST_CODE.test(file));
  const text = (file: string) => readFileSync(join(ROOT, file), 'utf8');

  it('keeps electron imports inside the Electron shell files', () => {
    const offenders = productFiles.filter((file) => !ELECTRON_FILES.test(file) && importsElectron(text(file)));
    expect(offenders).toEqual([]);
  });

  it('detects an electron import when there is one (the check itself works)', () => {
    expect(importsElectron("import { app } from 'electron';")).toBe(true);
    expect(importsElectron("const { ipcMain } = require('electron/main');")).toBe(true);
    expect(importsElectron("import { app } from './electron-like.ts';")).toBe(false);
  });

  it('keeps the renderer off Node and off main-process modules', () => {
    const renderer = files.filter((file) => file.startsWith('src-renderer/'));
    const offenders = renderer.filter((file) => /from\s+['"]node:/.test(text(file)) || importedPaths(file, text(file)).some((target) => target.startsWith('src-main/')));
    expect(offenders).toEqual([]);
  });

  it('keeps the contract free of run-time imports', () => {
    expect(text('src-preload/contract.ts')).not.toMatch(/^import\s+(?!type\b)/m);
  });

  it('keeps test support, tests, studies and benchmarks out of product code', () => {
    expect(productFiles.flatMap((file) => testCodeImports(file, text(file)))).toEqual([]);
  });

  it('finds product code that imports test code (the check itself works)', () => {
    expect(testCodeImports('src-main/store/db.ts', "import { useTemporaryDirectory } from '../test-support/store.ts';")).toHaveLength(1);
    expect(testCodeImports('src-main/store/db.ts', "import { syntheticText } from '../../bench/lib/synthetic-corpus.ts';")).toHaveLength(1);
    expect(testCodeImports('src-main/store/db.ts', "import { afterEach } from 'vitest';")).toHaveLength(1);
    expect(testCodeImports('src-main/store/db.ts', "import { runMigrations } from './migrate.ts';")).toEqual([]);
  });

  it('keeps test support in test-support/ folders (one convention)', () => {
    const misplaced = files.filter((file) => /(test-support|testing|fake-|-study|test-messages)[^/]*\.ts$/.test(file) && !TEST_CODE.test(file));
    expect(misplaced).toEqual([]);
  });

  it('keeps the renderer layered: lib below primitives below components below views', () => {
    const rank = (path: string) =>
      ['src-renderer/src/lib/', 'src-renderer/src/primitives/', 'src-renderer/src/components/', 'src-renderer/src/views/'].findIndex((prefix) => path.startsWith(prefix));
    const renderer = productFiles.filter((file) => rank(file) >= 0);
    const upward = renderer.flatMap((file) =>
      importedPaths(file, text(file))
        .filter((target) => rank(target) > rank(file))
        .map((target) => `${file} → ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('imports only downward inside src-main, as the layer table says', () => {
    const main = productFiles.filter((file) => file.startsWith('src-main/'));
    expect(main.flatMap((file) => layeringViolations(file, importedPaths(file, text(file))))).toEqual([]);
  });

  it('finds an upward import and an unlisted folder (the checks themselves work)', () => {
    expect(layeringViolations('src-main/store/cache-store.ts', ['src-main/sync/sync-engine.ts'])).toHaveLength(1);
    expect(layeringViolations('src-main/acs/chat-service.ts', ['src-main/api/dispatcher.ts'])).toHaveLength(1);
    expect(layeringViolations('src-main/sync/sync-engine.ts', ['src-main/store/cache-store.ts', 'src-preload/contract.ts', 'src-shared/text/truncate.ts'])).toEqual([]);
    expect(layeringViolations('src-main/newfolder/x.ts', [])).toHaveLength(1);
    expect(importedPaths('src-renderer/src/lib/x.ts', "import type { A } from '$contract';\nimport { b } from '../y.ts';")).toEqual([
      'src-preload/contract.ts',
      'src-renderer/src/y.ts',
    ]);
  });
});
