import { constants } from 'node:os';

export interface LaunchCommand {
  args: string[];
  env: Record<string, string | undefined>;
}

/**
 * How `npm start` runs the Electron binary on the project folder. Chromium refuses to run as root with
 * its sandbox on, so `--no-sandbox` is added for root only; ELECTRON_RUN_AS_NODE, inherited from a
 * parent tool, would make the binary a plain Node.js and the app would never open.
 */
export function electronLaunch(options: { root: string; args: readonly string[]; env: Readonly<Record<string, string | undefined>>; isRoot: boolean }): LaunchCommand {
  const env = { ...options.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return { args: [options.root, ...(options.isRoot ? ['--no-sandbox'] : []), ...options.args], env };
}

/** The exit code `npm start` reports for its child: a death by signal is a failure (128 + the signal's number, as shells do). */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  if (signal !== null) return 128 + (constants.signals[signal] ?? 0);
  return 1;
}
