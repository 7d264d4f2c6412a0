import { describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, externalLinkTarget, isAppUrl, isPermissionGranted, PACKAGED_RENDERER_URL, secureWebPreferences } from './window-options.ts';

describe('window security options, item by item against the Electron security checklist', () => {
  const preferences = secureWebPreferences('/app/out/preload/index.cjs');

  it('loads only the bundled preload', () => {
    expect(preferences.preload).toBe('/app/out/preload/index.cjs');
  });
  it('2. does not enable Node.js integration (page, workers, sub-frames)', () => {
    expect(preferences).toMatchObject({ nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false });
  });
  it('3. enables context isolation', () => {
    expect(preferences.contextIsolation).toBe(true);
  });
  it('4. enables process sandboxing', () => {
    expect(preferences.sandbox).toBe(true);
  });
  it('6. does not disable webSecurity', () => {
    expect(preferences.webSecurity).toBe(true);
  });
  it('8. does not allow running insecure content', () => {
    expect(preferences.allowRunningInsecureContent).toBe(false);
  });
  it('9. does not enable experimental features', () => {
    expect(preferences.experimentalFeatures).toBe(false);
  });
  it('10. does not enable Blink features', () => {
    expect(preferences.enableBlinkFeatures).toBe('');
  });
  it('11. does not allow <webview>', () => {
    expect(preferences.webviewTag).toBe(false);
  });
  it('keeps dropped files from navigating the window, and lets the page stop dialog loops', () => {
    expect(preferences).toMatchObject({ navigateOnDragDrop: false, safeDialogs: true });
  });
  it('checks spelling in the composer', () => {
    expect(preferences.spellcheck).toBe(true);
  });
  it('sets nothing else that could weaken the window', () => {
    expect(Object.keys(preferences).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'enableBlinkFeatures',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });
  it('18. serves the packaged page from a secure custom scheme, not file://', () => {
    expect(PACKAGED_RENDERER_URL).toBe('parley-app://renderer/index.html');
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('allowServiceWorkers');
  });
});

describe('5/13. permissions: only notifications', () => {
  it('grants notifications', () => {
    expect(isPermissionGranted('notifications')).toBe(true);
  });
  it.each([
    'media',
    'geolocation',
    'camera',
    'microphone',
    'clipboard-read',
    'clipboard-sanitized-write',
    'midi',
    'midiSysex',
    'hid',
    'serial',
    'usb',
    'openExternal',
    'fullscreen',
    'pointerLock',
    'display-capture',
    'idle-detection',
    'unknown',
    '',
  ])('denies %s', (permission) => {
    expect(isPermissionGranted(permission)).toBe(false);
  });
});

describe('13. navigation stays on the app page', () => {
  it('accepts the packaged page and its own assets, nothing else on any scheme', () => {
    expect(isAppUrl('parley-app://renderer/index.html', PACKAGED_RENDERER_URL)).toBe(true);
    expect(isAppUrl('parley-app://renderer/assets/index.js', PACKAGED_RENDERER_URL)).toBe(true);
    expect(isAppUrl('parley-app://other/index.html', PACKAGED_RENDERER_URL)).toBe(false);
    // Custom schemes have a "null" origin: a naive origin comparison would accept these.
    expect(isAppUrl('javascript:alert(1)', PACKAGED_RENDERER_URL)).toBe(false);
    expect(isAppUrl('data:text/html,<script>alert(1)</script>', PACKAGED_RENDERER_URL)).toBe(false);
    expect(isAppUrl('parley://thread/19:a@thread.v2', PACKAGED_RENDERER_URL)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', PACKAGED_RENDERER_URL)).toBe(false);
    expect(isAppUrl('https://evil.example/', PACKAGED_RENDERER_URL)).toBe(false);
  });

  it('accepts the dev server origin only, in development', () => {
    expect(isAppUrl('http://localhost:5173/#/thread', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('https://localhost:5173/', 'http://localhost:5173/')).toBe(false);
  });

  it('compares file pages by path', () => {
    const page = 'file:///opt/Parley/resources/app/out/renderer/index.html';
    expect(isAppUrl(page, page)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', page)).toBe(false);
  });

  it('rejects what is not a URL', () => {
    expect(isAppUrl('not a url', PACKAGED_RENDERER_URL)).toBe(false);
    expect(isAppUrl(PACKAGED_RENDERER_URL, 'not a url')).toBe(false);
  });
});

describe('15. links leave the app only for https and mailto', () => {
  it('opens https and mailto links in the system browser', () => {
    expect(externalLinkTarget('https://learn.microsoft.com/azure')).toBe('https://learn.microsoft.com/azure');
    expect(externalLinkTarget('mailto:someone@example.com')).toBe('mailto:someone@example.com');
  });
  it.each(['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'data:text/html,x', 'ms-msdt:/id', 'parley://thread/x', 'vbscript:x', ''])(
    'keeps %s in',
    (url) => {
      expect(externalLinkTarget(url)).toBeNull();
    },
  );
});
