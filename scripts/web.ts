// `npm run web`: serve Parley to a browser on this machine (127.0.0.1 only), building it first if needed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { asksForHelp, BROWSER_SHELL_USAGE } from '../src-main/shell/browser/command-line.ts';
import { buildIfNeeded } from './build-if-needed.ts';

const args = process.argv.slice(2);
// Help needs no build; every other argument is read (and any mistake explained) by the shell itself.
if (asksForHelp(args)) {
  console.log(BROWSER_SHELL_USAGE);
  process.exit(0);
}
buildIfNeeded();
const shell = spawn(process.execPath, [join(import.meta.dirname, '../out/main/browser-shell.js'), ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => shell.kill(signal));
shell.on('exit', (code) => process.exit(code ?? 0));
