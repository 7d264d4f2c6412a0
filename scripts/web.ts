// `npm run web`: serve Parley to a browser on this machine (127.0.0.1 only), building it first if needed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildIfNeeded } from './build-if-needed.ts';

buildIfNeeded();
const shell = spawn(process.execPath, [join(import.meta.dirname, '../out/main/browser-shell.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => shell.kill(signal));
shell.on('exit', (code) => process.exit(code ?? 0));
