/**
 * The Electron shell: one window, one IPC channel to the service map, nothing else.
 * All logic lives in the core modules, which never import `electron`.
 */
import { app, BrowserWindow, ipcMain, session as electronSession, Menu, dialog } from 'electron';
import path from 'node:path';
import { openStore, type Store } from './db/open';
import { createService } from './api/service';
import { windowOptions, lockDownContents, applyCsp } from './shell/security';
import { DB_FILE_NAME } from './shared/data-dir';
import { seedDemoOffice } from './demo/seed';
import { setPdfPrinter } from './reports/pdf';
import { electronPrinterFactory } from './shell/print';
import { prepareScanInputs } from './scan/runner';

const IPC_CHANNEL = 'safetynet:invoke';
let store: Store | null = null;

async function main() {
  app.setName('Safetynet');
  await app.whenReady();
  try {
    store = await openStore(path.join(app.getPath('userData'), DB_FILE_NAME));
  } catch (e) {
    dialog.showErrorBox('Safetynet', (e as Error).message);
    app.quit();
    return;
  }
  const service = createService(store, { version: app.getVersion(), seedDemo: (s, n) => seedDemoOffice(s, n) });
  ipcMain.handle(IPC_CHANNEL, (_event, request) => service.invoke(request));
  // After an upgrade that emptied the scan's packed inputs, pack them now rather than in the first scan.
  void prepareScanInputs(store.raw, store.file)?.catch(() => {});

  // Reports print through Electron's own Chromium, not a separate browser.
  setPdfPrinter(electronPrinterFactory((o) => new BrowserWindow(o)));
  applyCsp(electronSession.defaultSession);
  const win = new BrowserWindow(windowOptions(path.join(__dirname, '../preload/preload.cjs')));
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  lockDownContents(win.webContents, devUrl ?? 'file://');
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: '文件 File', submenu: [{ role: 'quit', label: '退出 Quit' }] },
      { label: '视图 View', submenu: [{ role: 'reload' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }] },
    ]),
  );
  win.once('ready-to-show', () => win.show());
  if (devUrl) await win.loadURL(devUrl);
  else await win.loadFile(path.join(__dirname, '../renderer/index.html'));
}

app.on('window-all-closed', async () => {
  await store?.close();
  app.quit();
});

void main();
