// `npm start`: the desktop app; where no Electron binary can be had, the same app in the browser shell.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { asksForHelp, BROWSER_SHELL_OPTIONS } from '../src-main/shell/browser/command-line.ts';
import { buildIfNeeded } from './build-if-needed.ts';
import { findElectronBinary } from './electron-binary.ts';

const START_USAGE = `Usage: npm start [-- <options>]

Starts the Parley desktop app. Where no Electron binary can be had, serves the same app through the
browser shell instead and prints the address to open (as \`npm run web\` does).

Desktop app:
  parley://thread/<threadId>  open a conversation
  PARLEY_DATA_DIR=<folder>    (environment) the profile folder instead of the OS default

Browser shell (where Electron is not available):
${BROWSER_SHELL_OPTIONS}`;

const ROOT = join(import.meta.dirname, '..');
if (asksForHelp(process.argv.slice(2))) {
  console.log(START_USAGE);
  process.exit(0);
}
buildIfNeeded();
const electron = findElectronBinary(ROOT);
const child = electron.found
  ? spawn(electron.path, [ROOT, ...process.argv.slice(2)], { stdio: 'inherit' })
  : (console.log(`Electron is not available here (${electron.reason}); serving Parley through the browser shell instead.`),
    spawn(process.execPath, [join(ROOT, 'out/main/browser-shell.js'), ...process.argv.slice(2)], { stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
