/** Updates are looked for at start and then once a day. */
export const UPDATE_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** How often the shell asks whether a check is due: a machine asleep at the daily mark checks soon after waking. */
export const UPDATE_TICK_MS = 60 * 60 * 1000;
/** A restart asked for while a message is being sent waits this long before asking again. */
export const RESTART_RETRY_MS = 1_000;

export interface UpdateCheckState {
  /** The user's `autoUpdate` setting. */
  enabled: boolean;
  /** Only an installed app has a feed (app-update.yml) and something to replace. */
  isPackaged: boolean;
  checking: boolean;
  lastCheckAt: number | null;
  now: number;
}

/** Whether to ask the feed now: enabled, installed, not already asking, and never asked or a day since. */
export function isUpdateCheckDue(state: UpdateCheckState): boolean {
  if (!state.enabled || !state.isPackaged || state.checking) return false;
  if (state.lastCheckAt === null) return true;
  // A clock set back would otherwise postpone the next check by as much.
  return state.now - state.lastCheckAt >= UPDATE_CHECK_INTERVAL_MS || state.now < state.lastCheckAt;
}

/**
 * Whether a downloaded version is offered as "Restart to update": not when the user has turned updates
 * off since the download began, and not twice for the same version.
 */
export function isRestartOffered(input: { enabled: boolean; downloadedVersion: string; offeredVersion: string | null }): boolean {
  return input.enabled && input.downloadedVersion !== input.offeredVersion;
}

/** A restart installs the update at once, unless a message is on its way out: then it waits for the send. */
export function restartStep(sendInFlight: boolean): 'restart' | 'wait' {
  return sendInFlight ? 'wait' : 'restart';
}
