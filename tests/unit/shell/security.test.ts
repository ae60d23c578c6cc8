import { describe, expect, it, vi } from 'vitest';

// The shell is tested against a mocked `electron`: the binary cannot run on these machines.
vi.mock('electron', () => ({}));
import { windowOptions, lockDownContents, applyCsp, isAppUrl, CSP } from '../../../src-main/shell/security';

function fakeContents() {
  const handlers: Record<string, (...a: any[]) => void> = {};
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  return {
    handlers,
    on: vi.fn((ev: string, fn: (...a: any[]) => void) => (handlers[ev] = fn)),
    setWindowOpenHandler: vi.fn((fn) => (openHandler = fn)),
    open: (url: string) => openHandler!({ url }),
  };
}

describe('Electron shell security', () => {
  it('isolates and sandboxes the renderer without Node', () => {
    const o = windowOptions('/app/preload.cjs');
    expect(o.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
      preload: '/app/preload.cjs',
    });
  });

  it('blocks navigation away from the app and every new window', () => {
    const c = fakeContents();
    lockDownContents(c as any, 'file://');
    const ev = { preventDefault: vi.fn() };
    c.handlers['will-navigate'](ev, 'https://example.com/');
    expect(ev.preventDefault).toHaveBeenCalledTimes(1);
    const ok = { preventDefault: vi.fn() };
    c.handlers['will-navigate'](ok, 'file:///app/index.html#/households');
    expect(ok.preventDefault).not.toHaveBeenCalled();
    expect(c.open('https://example.com')).toEqual({ action: 'deny' });
    const wv = { preventDefault: vi.fn() };
    c.handlers['will-attach-webview'](wv);
    expect(wv.preventDefault).toHaveBeenCalled();
  });

  it('only the dev server origin counts as the app in development', () => {
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('not a url', 'file://')).toBe(false);
  });

  it('adds the CSP to every response and denies permission requests', () => {
    let headersFn: any, permFn: any;
    const session = {
      webRequest: { onHeadersReceived: (fn: any) => (headersFn = fn) },
      setPermissionRequestHandler: (fn: any) => (permFn = fn),
    };
    applyCsp(session as any);
    const cb = vi.fn();
    headersFn({ responseHeaders: { A: ['b'] } }, cb);
    expect(cb).toHaveBeenCalledWith({ responseHeaders: { A: ['b'], 'Content-Security-Policy': [CSP] } });
    expect(CSP).toContain("script-src 'self'");
    const deny = vi.fn();
    permFn(null, 'media', deny);
    expect(deny).toHaveBeenCalledWith(false);
  });
});
