import fs from 'node:fs';
import type { BrowserWindow } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
import { electronPrinterFactory } from '../../../src-main/shell/print';

describe('Electron PDF printer', () => {
  it('prints each part from a temporary file in a hidden sandboxed window without JavaScript, then cleans up', async () => {
    const loaded: string[] = [];
    const win = {
      webContents: {
        setWindowOpenHandler: vi.fn(),
        printToPDF: vi.fn(async (o: unknown) => {
          expect(o).toEqual({ preferCSSPageSize: true, printBackground: true });
          return Buffer.from('%PDF-part');
        }),
      },
      loadFile: vi.fn(async (f: string) => {
        loaded.push(fs.readFileSync(f, 'utf8'));
      }),
      loadURL: vi.fn(async (u: string) => {
        loaded.push(u);
      }),
      destroy: vi.fn(),
    };
    const commands: string[] = [];
    let attached = false;
    const dbg = {
      isAttached: () => attached,
      attach: vi.fn(() => {
        attached = true;
      }),
      sendCommand: vi.fn(async (c: string) => {
        commands.push(c);
      }),
    };
    Object.assign(win.webContents, { debugger: dbg });
    const create = vi.fn((_o: unknown) => win as unknown as BrowserWindow); // the fake has the members the printer uses
    const printer = await electronPrinterFactory(create)();
    expect(create.mock.calls[0][0]).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
    });
    expect((await printer.print('<p>第 1 页</p>')).toString()).toBe('%PDF-part');
    await printer.print('<p>第 2 页</p>');
    // After each part the page is emptied and the renderer's garbage collected (attached once).
    expect(loaded).toEqual(['<p>第 1 页</p>', 'about:blank', '<p>第 2 页</p>', 'about:blank']);
    expect(commands).toEqual(['HeapProfiler.collectGarbage', 'HeapProfiler.collectGarbage']);
    expect(dbg.attach).toHaveBeenCalledTimes(1);
    const dir = (win.loadFile.mock.calls[0][0] as string).replace(/\/part-1\.html$/, '');
    expect(fs.readdirSync(dir)).toEqual([]);
    await printer.close();
    expect(win.destroy).toHaveBeenCalled();
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('still prints when the debugger cannot attach (DevTools open)', async () => {
    const win = {
      webContents: {
        setWindowOpenHandler: vi.fn(),
        printToPDF: vi.fn(async () => Buffer.from('%PDF-part')),
        debugger: {
          isAttached: () => false,
          attach: vi.fn(() => {
            throw new Error('Another debugger is already attached');
          }),
          sendCommand: vi.fn(),
        },
      },
      loadFile: vi.fn(async () => {}),
      loadURL: vi.fn(async () => {}),
      destroy: vi.fn(),
    };
    const printer = await electronPrinterFactory(() => win as unknown as BrowserWindow)(); // the fake has the members the printer uses
    expect((await printer.print('<p>x</p>')).toString()).toBe('%PDF-part');
    expect(win.webContents.debugger.sendCommand).not.toHaveBeenCalled();
    await printer.close();
  });
});
