/**
 * The Electron shell: one window, one IPC channel to the service map, nothing else.
 * All logic lives in the core modules, which never import `electron`; the security settings
 * live in shell/ (tests/unit/shell/ boots this file against a mocked `electron`).
 */
import { app, BrowserWindow, ipcMain, session as electronSession, Menu, dialog, safeStorage } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Store } from './db/open';
import { createService, type Service } from './api/service';
import { lockedService } from './api/locked-service';
import { AppError } from './common/errors';
import { STORE_LOCKED_CODES } from './contract/store';
import { openEncryptedStore, secureProcessStart } from './security/store';
import { shellKeyKeeper } from './shell/key-storage';
import { windowOptions, lockDownContents, applySessionPolicy } from './shell/security';
import { registerInvokeHandler } from './shell/ipc';
import { DB_FILE_NAME } from './shared/data-dir';
import { seedDemoOffice } from './demo/seed';
import { setPdfPrinter } from './reports/pdf';
import { electronPrinterFactory } from './shell/print';
import { prepareScanInputs } from './scan/runner';
import { shellGate } from './shared/file-gate';
import { TransferFolder } from './shared/transfer';
import { dialogChooser } from './shell/dialogs';

let store: Store | null = null;
let win: BrowserWindow | null = null;

async function main(): Promise<void> {
  // Files user-only from the first one on, leftovers of crashed runs swept (docs/security.md).
  secureProcessStart();
  // One instance at a time: two would write the same store; a second start shows the first window.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.setName('Safetynet');
  app.enableSandbox();
  const indexFile = path.join(__dirname, '../renderer/index.html');
  // The dev server only in development: a packaged app never lets its environment choose the page that gets the bridge.
  const devUrl = app.isPackaged ? null : process.env.ELECTRON_RENDERER_URL || null;
  const appUrl = devUrl ?? pathToFileURL(indexFile).href;
  // Every web contents, whoever creates it, may navigate only to the app and opens no window.
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, appUrl));
  await app.whenReady();
  applySessionPolicy(electronSession.defaultSession);
  // The key under the OS's protection (safeStorage is ready once the app is).
  const dbFile = path.join(app.getPath('userData'), DB_FILE_NAME);
  const keys = shellKeyKeeper(dbFile, safeStorage);
  // Paths reach the service only from the shell's own dialogs; small files pass through the transfer folder (swept now).
  const files = shellGate(
    new TransferFolder(path.join(app.getPath('userData'), 'transfer')),
    dialogChooser(dialog, () => win),
  );
  const serve = (s: Store): Service => {
    store = s;
    // After an upgrade that emptied the scan's packed inputs, pack them now rather than in the first scan.
    void prepareScanInputs(s.raw, s.file)?.catch(() => {});
    return createService(s, { version: app.getVersion(), seedDemo: (d, n) => seedDemoOffice(d, n), files });
  };
  let service: Service;
  try {
    service = serve(await openEncryptedStore(dbFile, { keys }));
  } catch (e) {
    // A database whose key is not here (copied from another computer, or the OS's key store changed): the window asks for its recovery key.
    if (!(e instanceof AppError && STORE_LOCKED_CODES.some((c) => c === e.code))) {
      dialog.showErrorBox('Safetynet', (e as Error).message);
      app.quit();
      return;
    }
    service = lockedService(e, async (key) => serve(await openEncryptedStore(dbFile, { keys, key })));
  }
  registerInvokeHandler(ipcMain, service, appUrl);

  // Reports print through Electron's own Chromium, not a separate browser.
  setPdfPrinter(electronPrinterFactory((o) => new BrowserWindow(o)));
  win = new BrowserWindow(windowOptions(path.join(__dirname, '../preload/preload.cjs'), { devTools: !app.isPackaged }));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: '文件 File', submenu: [{ role: 'quit', label: '退出 Quit' }] },
      { label: '视图 View', submenu: [{ role: 'reload' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }] },
    ]),
  );
  const shown = win;
  shown.once('ready-to-show', () => shown.show());
  shown.on('closed', () => (win = null));
  if (devUrl) await shown.loadURL(devUrl);
  else await shown.loadFile(indexFile);
}

app.on('window-all-closed', async () => {
  await store?.close();
  app.quit();
});

/** Settles when the shell has started (or refused to); a failed start is shown, then the app quits. */
export const started = main().catch((e: unknown) => {
  dialog.showErrorBox('Safetynet', e instanceof Error ? e.message : String(e));
  app.quit();
});
