import { parseArgs } from 'node:util';

export const DEFAULT_BROWSER_SHELL_PORT = 5317;

/** The browser shell's options, as `npm run web -- --help` prints them (and `npm start -- --help` where it falls back). */
export const BROWSER_SHELL_OPTIONS = `Options:
  --port <n>       the port on 127.0.0.1 to serve Parley on (default ${DEFAULT_BROWSER_SHELL_PORT}; 0 picks a free one)
  --data <folder>  the profile folder: cache and settings (default: the desktop app's, ~/.config/Parley on Linux)
  -h, --help       print this help`;

export const BROWSER_SHELL_USAGE = `Usage: npm run web -- [--port <n>] [--data <folder>]

Serves Parley to a browser on this machine (127.0.0.1 only) and prints the address to open, with its
per-run access key. One Parley runs per profile folder: a second start on the same folder prints the
address of the running one.

${BROWSER_SHELL_OPTIONS}`;

export type BrowserShellCommand = { kind: 'help' } | { kind: 'run'; port: number; dataDir?: string } | { kind: 'invalid'; problem: string };

function parsePort(text: string): number | null {
  const port = Number(text);
  return text.trim() !== '' && Number.isInteger(port) && port >= 0 && port <= 65535 ? port : null;
}

/** Reads the browser shell's arguments; a mistake is a sentence (shown with the usage), never a stack. */
export function parseBrowserShellArgs(args: readonly string[]): BrowserShellCommand {
  let values: { port?: string; data?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { port: { type: 'string' }, data: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // Node's own messages go on about positionals after "--"; the first sentence is the one that helps.
    const first = (error instanceof Error ? error.message : String(error)).split(/\.\s/)[0]!.replace(/\.$/, '');
    return { kind: 'invalid', problem: `${first}.` };
  }
  if (values.help) return { kind: 'help' };
  const port = values.port === undefined ? DEFAULT_BROWSER_SHELL_PORT : parsePort(values.port);
  if (port === null) return { kind: 'invalid', problem: `--port must be a number from 0 to 65535, not "${values.port}".` };
  return { kind: 'run', port, ...(values.data ? { dataDir: values.data } : {}) };
}

/** Whether the user asked for help anywhere among the arguments (the scripts answer before building anything). */
export function asksForHelp(args: readonly string[]): boolean {
  return args.some((arg) => arg === '--help' || arg === '-h');
}
