import { test as base } from '@playwright/test';
import { startBrowserShell, type RunningShell } from '../src-main/testing/browser-shell-process.ts';

export const test = base.extend<{ shell: RunningShell }>({
  shell: async ({}, use) => {
    const shell = await startBrowserShell();
    await use(shell);
    await shell.stop();
  },
});

export { expect } from '@playwright/test';
