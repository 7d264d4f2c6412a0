import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src-main/shell/content-security-policy.ts';

const root = import.meta.dirname;
/** The renderer reaches the contract and the code shared between processes by name (tsconfig.web.json has the same paths). */
export const RENDERER_ALIASES = {
  $contract: resolve(root, 'src-preload/contract.ts'),
  $shared: resolve(root, 'src-shared'),
};

/** The page carries the same policy the shells send as a header (a meta tag cannot hold frame-ancestors). */
function contentSecurityPolicyMeta(): Plugin {
  const policy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'parley-csp-meta',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // keytar is an optional dependency (absent where its native part cannot be built): loaded at run time, never bundled.
      externalizeDeps: { include: ['keytar'] },
      rollupOptions: {
        input: {
          index: resolve(root, 'src-main/index.ts'),
          'browser-shell': resolve(root, 'src-main/browser-shell.ts'),
        },
        // Chunks beside the entries, so that paths relative to a module (../renderer/) hold in every one.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(root, 'src-preload/index.ts') },
        // A sandboxed preload must be a single CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    resolve: { alias: RENDERER_ALIASES },
    plugins: [svelte({ configFile: resolve(root, 'svelte.config.mjs') }), contentSecurityPolicyMeta()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: {
        input: { index: resolve(root, 'src-renderer/index.html') },
      },
    },
  },
});
