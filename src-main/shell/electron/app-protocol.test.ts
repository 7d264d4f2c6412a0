import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appAssetHeaders, resolveAppAsset } from './app-protocol.ts';

const ROOT = '/opt/Parley/resources/app.asar/out/renderer';

describe('the parley-app:// scheme', () => {
  it('serves files inside the renderer folder, the index for the root', () => {
    expect(resolveAppAsset('parley-app://renderer/index.html', ROOT)).toBe(join(ROOT, 'index.html'));
    expect(resolveAppAsset('parley-app://renderer/', ROOT)).toBe(join(ROOT, 'index.html'));
    expect(resolveAppAsset('parley-app://renderer/assets/index-B8BF.js?v=1#x', ROOT)).toBe(join(ROOT, 'assets/index-B8BF.js'));
    expect(resolveAppAsset('parley-app://renderer/assets/a%20b.css', ROOT)).toBe(join(ROOT, 'assets/a b.css'));
  });

  it.each([
    ['a traversal', 'parley-app://renderer/../../main/index.js'],
    ['an encoded-dot traversal', 'parley-app://renderer/%2e%2e/%2e%2e/package.json'],
    ['an encoded-slash traversal', 'parley-app://renderer/..%2f..%2fmain%2findex.js'],
    ['a backslash traversal', 'parley-app://renderer/..%5c..%5cmain%5cindex.js'],
  ])('never leaves the renderer folder for %s', (_what, url) => {
    const file = resolveAppAsset(url, ROOT);
    expect(file === null || file.startsWith(`${ROOT}/`)).toBe(true);
    expect(file).not.toBe('/opt/Parley/resources/app.asar/out/main/index.js');
  });

  it('refuses an encoded traversal outright', () => {
    expect(resolveAppAsset('parley-app://renderer/..%2f..%2fmain%2findex.js', ROOT)).toBeNull();
    expect(resolveAppAsset('parley-app://renderer/..%5c..%5cmain%5cindex.js', ROOT)).toBeNull();
  });

  it.each([
    ['a NUL byte', 'parley-app://renderer/index.html%00.png'],
    ['another host', 'parley-app://main/index.js'],
    ['another scheme', 'file:///opt/Parley/resources/app.asar/out/renderer/index.html'],
    ['broken encoding', 'parley-app://renderer/%E0%A4%A'],
    ['not a URL', 'renderer/index.html'],
  ])('refuses %s', (_what, url) => {
    expect(resolveAppAsset(url, ROOT)).toBeNull();
  });

  it('answers with the right type, the CSP and no sniffing', () => {
    const headers = appAssetHeaders(join(ROOT, 'assets/index.js'));
    expect(headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(headers['Content-Security-Policy']).toContain("script-src 'self'");
    expect(headers['Content-Security-Policy']).toContain("default-src 'none'");
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers).not.toHaveProperty('Access-Control-Allow-Origin');
    expect(appAssetHeaders(join(ROOT, 'index.html'))['Content-Type']).toBe('text/html; charset=utf-8');
    expect(appAssetHeaders(join(ROOT, 'blob.bin'))['Content-Type']).toBe('application/octet-stream');
  });
});
