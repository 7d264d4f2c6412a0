import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { RENDERER_ALIASES } from './electron.vite.config.ts';

export default defineConfig({
  // Compiles the renderer's `.svelte.ts` state classes (runes), so they are unit tested like any module.
  plugins: [svelte({ configFile: resolve(import.meta.dirname, 'svelte.config.mjs') })],
  resolve: { alias: RENDERER_ALIASES },
  test: {
    include: [
      'src-main/**/*.test.ts',
      'src-preload/**/*.test.ts',
      'src-shared/**/*.test.ts',
      'emulator/**/*.test.ts',
      'src-renderer/src/**/*.test.ts',
      'bench/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
