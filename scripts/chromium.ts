/**
 * Debian's Chromium, as every browser test and benchmark launches it. Without the networking flags
 * it keeps trying to reach Google's services, which fails (and slows the start) on a machine with no
 * internet access.
 */
export const CHROMIUM_PATH = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];
