import { describe, expect, it } from 'vitest';
import { externalLinkTarget, isAppUrl, secureWebPreferences } from './window-options.ts';

describe('window security options (Electron security checklist)', () => {
  const preferences = secureWebPreferences('/app/preload/index.cjs');

  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });

  it('allows navigation only within the app page', () => {
    const packaged = 'file:///opt/Parley/resources/app/out/renderer/index.html';
    expect(isAppUrl(packaged, packaged)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', packaged)).toBe(false);
    expect(isAppUrl('https://evil.example/', packaged)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/thread', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('not a url', packaged)).toBe(false);
  });

  it('opens only https and mailto links outside the app', () => {
    expect(externalLinkTarget('https://learn.microsoft.com/azure')).toBe('https://learn.microsoft.com/azure');
    expect(externalLinkTarget('mailto:someone@example.com')).toBe('mailto:someone@example.com');
    for (const url of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'data:text/html,x', '']) {
      expect(externalLinkTarget(url)).toBeNull();
    }
  });
});
