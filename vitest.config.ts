import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Compiles the renderer's `.svelte.ts` state classes (runes), so they are unit tested like any module.
  plugins: [svelte({ configFile: resolve(import.meta.dirname, 'svelte.config.mjs') })],
  test: {
    include: ['src-main/**/*.test.ts', 'src-preload/**/*.test.ts', 'emulator/**/*.test.ts', 'src-renderer/src/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
