/**
 * The security-relevant window and session settings, as plain data and pure functions, so that a
 * unit test can hold them against Electron's security checklist without an Electron binary.
 */

/** The packaged renderer is served from this privileged custom scheme, never from `file://`. */
export const APP_SCHEME = 'parley-app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const PACKAGED_RENDERER_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before `ready`: a standard, secure scheme gets a real origin, so CSP `'self'` works, and
 * CORS support lets the page load its ES modules (fetched in CORS mode) from its own origin. Nothing
 * bypasses the CSP, and no answer carries CORS headers, so other origins still cannot read it.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } as const;

export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  } as const;
}

const APP_PROTOCOLS = new Set(['http:', 'https:', `${APP_SCHEME}:`]);

/** The only page a Parley window may show: the packaged renderer, or the dev server in development. */
export function isAppUrl(url: string, rendererUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(rendererUrl);
    if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
    // Compared part by part: a custom scheme's origin is "null", which would match any other "null".
    return APP_PROTOCOLS.has(app.protocol) && target.protocol === app.protocol && target.host === app.host && target.host !== '';
  } catch {
    return false;
  }
}

const EXTERNAL_SCHEMES = new Set(['https:', 'mailto:']);

/** Links the user clicks leave the app only for schemes that cannot run anything locally. */
export function externalLinkTarget(url: string): string | null {
  try {
    const parsed = new URL(url);
    return EXTERNAL_SCHEMES.has(parsed.protocol) ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** Parley needs no camera, microphone, location, clipboard reads, MIDI, HID…: only notifications. */
const GRANTED_PERMISSIONS = new Set(['notifications']);

export function isPermissionGranted(permission: string): boolean {
  return GRANTED_PERMISSIONS.has(permission);
}
