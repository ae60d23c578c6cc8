/**
 * Boots the Electron shell (src-main/index.ts) against a stand-in `electron` with the real
 * store and service: one instance, the window's settings, every web contents locked down,
 * the session's policies, and the IPC handler that answers only the app's own main frame.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../../src-main/shell/channel';
import { CSP } from '../../../src-main/shell/csp';
import { tempDir } from '../../fixtures/builders';
import { ROOT } from '../../fixtures/paths';
import type { FakeElectron } from './fake-electron';

const fake: FakeElectron = await vi.hoisted(async () => (await import('./fake-electron')).fakeElectron());
vi.mock('electron', () => fake.module);

// index.ts finds the renderer beside its own folder, as in the bundle (out/main → out/renderer).
const INDEX_FILE = path.join(ROOT, 'src-main', '..', 'renderer', 'index.html');
const INDEX_URL = pathToFileURL(INDEX_FILE).href;

async function boot(setup: (s: FakeElectron['state']) => void = () => {}) {
  vi.resetModules();
  delete process.env.ELECTRON_RENDERER_URL;
  fake.reset(tempDir());
  // setup may plant ELECTRON_RENDERER_URL; the caller removes it once booted.
  setup(fake.state);
  await (
    await import('../../../src-main/index')
  ).started;
  return fake.state;
}

afterEach(async () => {
  // Closes the store the shell opened, as closing the last window does.
  await Promise.all(fake.emit('window-all-closed'));
});

/** An IPC event as Electron builds it: the sending frame, its URL and whether it is a main frame. */
function ipcEvent(url: string | null, mainFrame = true) {
  return { senderFrame: url === null ? null : { url, parent: mainFrame ? null : { url: INDEX_URL } } };
}

describe('Electron shell, booted against a mocked electron', () => {
  it('a second instance quits at once and focuses the first', async () => {
    const second = await boot((s) => (s.lock = false));
    expect(fake.module.app.quit).toHaveBeenCalled();
    expect(second.windows).toHaveLength(0);
    expect(second.ipcHandlers).toEqual({});

    const first = await boot();
    expect(fake.module.app.quit).not.toHaveBeenCalled();
    const win = first.windows[0];
    win.minimized = true;
    fake.emit('second-instance', {}, ['safetynet'], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('opens one isolated, sandboxed window on the app index; devtools only when not packaged', async () => {
    const dev = await boot();
    expect(fake.module.app.enableSandbox).toHaveBeenCalled();
    const win = dev.windows[0];
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: true,
    });
    expect(win.loadFile).toHaveBeenCalledWith(INDEX_FILE);
    await Promise.all(fake.emit('window-all-closed'));

    // Packaged: no devtools, and an address planted in ELECTRON_RENDERER_URL is not loaded.
    const packaged = await boot((s) => {
      s.packaged = true;
      process.env.ELECTRON_RENDERER_URL = 'http://127.0.0.1:9/evil';
    });
    delete process.env.ELECTRON_RENDERER_URL;
    expect(packaged.windows[0].options.webPreferences).toMatchObject({ devTools: false, sandbox: true, contextIsolation: true });
    expect(packaged.windows[0].loadURL).not.toHaveBeenCalled();
    expect(packaged.windows[0].loadFile).toHaveBeenCalledWith(INDEX_FILE);
    expect(packaged.windows[0].webContents.navigate('will-navigate', 'http://127.0.0.1:9/evil')).toBe(false);
  });

  it('in development loads the dev server and counts only its origin as the app', async () => {
    const dev = await boot(() => (process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173'));
    delete process.env.ELECTRON_RENDERER_URL;
    const win = dev.windows[0];
    expect(win.loadURL).toHaveBeenCalledWith('http://localhost:5173');
    expect(win.webContents.navigate('will-navigate', 'http://localhost:5173/#/households')).toBe(true);
    expect(win.webContents.navigate('will-navigate', INDEX_URL)).toBe(false);
  });

  it('every web contents may navigate only to the app index and opens no window', async () => {
    const s = await boot();
    const main = s.windows[0].webContents;
    expect(main.navigate('will-navigate', 'file:///etc/passwd')).toBe(false);
    expect(main.navigate('will-navigate', 'https://example.com/')).toBe(false);
    expect(main.navigate('will-redirect', 'https://example.com/')).toBe(false);
    // A file dropped on the window is a navigation to that file: refused, even beside the app.
    expect(main.navigate('will-navigate', pathToFileURL(path.join(path.dirname(INDEX_FILE), 'dropped.html')).href)).toBe(false);
    expect(main.navigate('will-navigate', `${INDEX_URL}#/households`)).toBe(true);
    expect(main.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(main.attachWebview()).toBe(false);
    // Windows created later (the PDF printer's) get the same rules.
    const other = new fake.module.BrowserWindow({});
    expect(other.webContents.navigate('will-navigate', 'file:///etc/passwd')).toBe(false);
    expect(other.webContents.open('file:///etc/passwd')).toEqual({ action: 'deny' });
  });

  it('denies every permission and sends the app CSP', async () => {
    const s = await boot();
    const answer = vi.fn();
    s.permissionRequestFn!({}, 'media', answer, {});
    expect(answer).toHaveBeenCalledWith(false);
    expect(s.permissionCheckFn!({}, 'geolocation', 'file://', {})).toBe(false);
    const cb = vi.fn();
    s.headersFn!({ responseHeaders: {} }, cb);
    expect(cb).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CSP] } });
  });

  it('answers IPC from the app main frame and refuses any other sender', async () => {
    const s = await boot();
    const handler = s.ipcHandlers[IPC_CHANNEL];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const status = { method: 'app.status', input: {} };
    expect(await handler(ipcEvent(`${INDEX_URL}#/`), status)).toMatchObject({ ok: true, value: { needsSetup: true } });
    for (const event of [
      ipcEvent('https://example.com/'),
      ipcEvent('file:///tmp/dropped.html'),
      ipcEvent(`${INDEX_URL}`, false),
      ipcEvent(null),
    ]) {
      expect(await handler(event, status)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(warn).toHaveBeenCalledTimes(4);
    warn.mockRestore();
    expect(await handler(ipcEvent(INDEX_URL), null)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
