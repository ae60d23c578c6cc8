import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
import { electronPrinterFactory } from '../../../src-main/shell/print';

describe('Electron PDF printer', () => {
  it('prints each part from a temporary file in a hidden sandboxed window without JavaScript, then cleans up', async () => {
    const loaded: string[] = [];
    const win = {
      webContents: {
        setWindowOpenHandler: vi.fn(),
        printToPDF: vi.fn(async (o: unknown) => { expect(o).toEqual({ preferCSSPageSize: true, printBackground: true }); return Buffer.from('%PDF-part'); }),
      },
      loadFile: vi.fn(async (f: string) => { loaded.push(fs.readFileSync(f, 'utf8')); }),
      destroy: vi.fn(),
    };
    const create = vi.fn((_o: unknown) => win as any);
    const printer = await electronPrinterFactory(create)();
    expect(create.mock.calls[0][0]).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
    expect((await printer.print('<p>第 1 页</p>')).toString()).toBe('%PDF-part');
    await printer.print('<p>第 2 页</p>');
    expect(loaded).toEqual(['<p>第 1 页</p>', '<p>第 2 页</p>']);
    const dir = (win.loadFile.mock.calls[0][0] as string).replace(/\/part-1\.html$/, '');
    expect(fs.readdirSync(dir)).toEqual([]);
    await printer.close();
    expect(win.destroy).toHaveBeenCalled();
    expect(fs.existsSync(dir)).toBe(false);
  });
});
