import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';

// The shell is tested against a mocked `electron`: the binary cannot run on these machines.
vi.mock('electron', () => ({}));
import { windowOptions, lockDownContents, applySessionPolicy, isAppUrl, CSP } from '../../../src-main/shell/security';
import { isAppSender } from '../../../src-main/shell/ipc';
import { fakeContents } from './fake-electron';

const APP = 'file:///opt/Safetynet/resources/app.asar/out/renderer/index.html';

describe('Electron shell security', () => {
  it('isolates and sandboxes the renderer without Node; devtools as asked', () => {
    const o = windowOptions('/app/preload.cjs', { devTools: false });
    expect(o.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      devTools: false,
      preload: '/app/preload.cjs',
    });
    expect(windowOptions('/app/preload.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('blocks navigation to anything but the app index, and every new window and webview', () => {
    const c = fakeContents();
    lockDownContents(c as unknown as WebContents, APP); // the fake has the members lockDownContents uses
    expect(c.navigate('will-navigate', 'file:///etc/passwd')).toBe(false);
    expect(c.navigate('will-navigate', 'https://example.com/')).toBe(false);
    expect(c.navigate('will-navigate', 'file:///opt/Safetynet/resources/app.asar/out/renderer/other.html')).toBe(false);
    expect(c.navigate('will-redirect', 'http://127.0.0.1:9/')).toBe(false);
    expect(c.navigate('will-navigate', `${APP}#/households`)).toBe(true);
    expect(c.open('https://example.com')).toEqual({ action: 'deny' });
    expect(c.open(APP)).toEqual({ action: 'deny' });
    expect(c.attachWebview()).toBe(false);
  });

  it('knows the app by its exact index file, or by the dev server origin', () => {
    expect(isAppUrl(`${APP}?x=1#/a`, APP)).toBe(true);
    expect(isAppUrl('file:///opt/Safetynet/resources/app.asar/out/renderer/../renderer/index.html', APP)).toBe(true);
    expect(isAppUrl('file:///opt/Safetynet/resources/app.asar/out/renderer/index.html.evil', APP)).toBe(false);
    expect(isAppUrl('file://evil-host/opt/Safetynet/resources/app.asar/out/renderer/index.html', APP)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', APP)).toBe(false);
    // Windows: file names ignore case; elsewhere they do not.
    const win = 'file:///C:/Program%20Files/Safetynet/resources/app.asar/out/renderer/index.html';
    expect(isAppUrl(win.replace('C:/Program%20Files', 'c:/program%20files'), win, 'win32')).toBe(true);
    expect(isAppUrl(win.replace('C:/Program%20Files', 'c:/program%20files'), win, 'linux')).toBe(false);
    // A Chinese install folder, encoded either way.
    const zh = 'file:///D:/%E7%A4%BE%E4%BC%9A%E6%95%91%E5%8A%A9/index.html';
    expect(isAppUrl('file:///D:/社会救助/index.html', zh, 'win32')).toBe(true);
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('file:///x/index.html', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('not a url', APP)).toBe(false);
    expect(isAppUrl('file:///%E0%A4%A', APP)).toBe(false);
  });

  it('accepts IPC only from the main frame showing the app', () => {
    const frame = (url: string, parent: object | null = null) => ({ senderFrame: { url, parent } });
    expect(isAppSender(frame(`${APP}#/`), APP)).toBe(true);
    expect(isAppSender(frame(APP, { url: APP }), APP)).toBe(false);
    expect(isAppSender(frame('https://example.com/'), APP)).toBe(false);
    expect(isAppSender({ senderFrame: null }, APP)).toBe(false);
  });

  it('adds the CSP to every response and denies permission requests and checks', () => {
    type Fn = (...a: unknown[]) => unknown;
    let headersFn: Fn = () => {};
    let requestFn: Fn = () => {};
    let checkFn: Fn = () => {};
    const session = {
      webRequest: { onHeadersReceived: (fn: Fn) => (headersFn = fn) },
      setPermissionRequestHandler: (fn: Fn) => (requestFn = fn),
      setPermissionCheckHandler: (fn: Fn) => (checkFn = fn),
    };
    applySessionPolicy(session as unknown as Session); // the fake has the members applySessionPolicy uses
    const cb = vi.fn();
    headersFn({ responseHeaders: { A: ['b'] } }, cb);
    expect(cb).toHaveBeenCalledWith({ responseHeaders: { A: ['b'], 'Content-Security-Policy': [CSP] } });
    expect(CSP).toContain("script-src 'self'");
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const answer = vi.fn();
      requestFn(null, permission, answer);
      expect(answer).toHaveBeenCalledWith(false);
      expect(checkFn(null, permission, 'file://', {})).toBe(false);
    }
  });
});
