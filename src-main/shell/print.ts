/**
 * The Electron shell's PDF printer for the reports module: each part of a document is loaded
 * into a hidden, sandboxed window from a temporary file and printed with `printToPDF`
 * (Electron's own Chromium), instead of driving a separate browser.
 */
import fs from 'node:fs';
import { makeTempDir } from '../shared/temp-files';
import path from 'node:path';
import type { BrowserWindow as BrowserWindowType } from 'electron';
import type { PdfPrinter } from '../reports/pdf';

type WindowFactory = (options: Electron.BrowserWindowConstructorOptions) => BrowserWindowType;

export function electronPrinterFactory(createWindow: WindowFactory): () => Promise<PdfPrinter> {
  return async () => {
    const win = createWindow({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, offscreen: true },
    });
    // Printed forms never navigate or open windows.
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    const dir = makeTempDir('print');
    let n = 0;
    return {
      async print(html: string) {
        const file = path.join(dir, `part-${++n}.html`);
        fs.writeFileSync(file, html);
        try {
          await win.loadFile(file);
          const pdf = Buffer.from(await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true }));
          await releasePart(win);
          return pdf;
        } finally {
          fs.rmSync(file, { force: true });
        }
      },
      async close() {
        win.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

/**
 * The window is reused for every part of a long document; a reused tab kept what earlier parts
 * had used (about 30 MB a part with the system Chromium, bench/README.md "reports"). Empty the
 * page, then collect the renderer's garbage through the DevTools protocol. Only memory is at
 * stake: if the debugger cannot attach (DevTools open), printing goes on without it.
 */
async function releasePart(win: BrowserWindowType): Promise<void> {
  await win.loadURL('about:blank');
  const dbg = win.webContents.debugger;
  try {
    if (!dbg.isAttached()) dbg.attach('1.3');
    await dbg.sendCommand('HeapProfiler.collectGarbage');
  } catch {
    // Memory only; the part is printed.
  }
}
