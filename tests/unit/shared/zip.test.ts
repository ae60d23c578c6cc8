/** The bounded zip reader (docs/security.md "Inputs"): what it reads, and each limit it keeps, named in its refusal. */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readZip, type ZipLimits } from '../../../src-main/shared/zip';
import { tempDir } from '../../fixtures/builders';
import { deflatedZeros, rawZip } from '../../fuzz/craft';

const LIMITS: ZipLimits = { entries: 10, entryBytes: 10 << 20, totalBytes: 12 << 20, ratio: 100, named: { 'small.txt': 100 } };
const write = (name: string, b: Buffer) => {
  const f = path.join(tempDir(), name);
  fs.writeFileSync(f, b);
  return f;
};
const refusal = (f: string, limits = LIMITS) =>
  readZip(f, path.basename(f), 'file', limits).catch((e: { code: string; message: string }) => e);

describe('readZip', () => {
  it('reads an XLSX exceljs wrote and a zip streamed with data descriptors, entry by entry', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRow(['身份证号码', '姓名']);
    const xlsx = path.join(tempDir(), 'a.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const names = (await readZip(xlsx, 'a.xlsx', 'file', { ...LIMITS, entries: 100 })).map((e) => e.name);
    expect(names).toContain('xl/worksheets/sheet1.xml');
    const z = new JSZip();
    z.file('a.csv', Buffer.from('x'.repeat(5000)));
    z.file('b.csv', Buffer.from('hello'));
    const streamed = path.join(tempDir(), 's.zip');
    fs.writeFileSync(streamed, await z.generateAsync({ type: 'nodebuffer', streamFiles: true, compression: 'DEFLATE' }));
    const got: Record<string, string> = {};
    await readZip(streamed, 's.zip', 'package', LIMITS, (e) => {
      const chunks: Buffer[] = [];
      return new Writable({
        write(c: Buffer, _e, cb) {
          chunks.push(c);
          cb();
        },
        final(cb) {
          got[e.name] = Buffer.concat(chunks).toString();
          cb();
        },
      });
    });
    expect(got).toEqual({ 'a.csv': 'x'.repeat(5000), 'b.csv': 'hello' });
  });

  it('refuses, naming the entry and the limit: too many entries, too large, too dense, lying, hidden, named twice, damaged', async () => {
    const many = write('many.zip', rawZip(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x') }))));
    expect(await refusal(many)).toMatchObject({ code: 'zip_entries', message: expect.stringContaining('at most 10') });
    const big = write('big.zip', rawZip([{ name: 'big.bin', compressed: deflatedZeros(11 << 20), declare: 11 << 20 }]));
    expect(await refusal(big, { ...LIMITS, ratio: 10_000 })).toMatchObject({
      code: 'zip_too_large',
      message: expect.stringContaining('big.bin'),
    });
    const small = write('small.zip', rawZip([{ name: 'small.txt', data: Buffer.alloc(101, 0x41) }]));
    expect(await refusal(small)).toMatchObject({ code: 'zip_too_large', message: expect.stringContaining('101 bytes') });
    const total = write('total.zip', rawZip([1, 2].map((i) => ({ name: `${i}.bin`, data: Buffer.alloc(7 << 20, i), stored: true }))));
    expect(await refusal(total)).toMatchObject({ code: 'zip_too_large', message: expect.stringContaining('in all') });
    const dense = write('dense.zip', rawZip([{ name: 'd.bin', compressed: deflatedZeros(5 << 20) }]));
    expect(await refusal(dense)).toMatchObject({ code: 'zip_bomb', message: expect.stringContaining('d.bin') });
    const lying = write('lying.zip', rawZip([{ name: 'l.bin', compressed: deflatedZeros(5 << 20), declare: 1000 }]));
    expect(await refusal(lying)).toMatchObject({ code: 'zip_size_mismatch', message: expect.stringContaining('l.bin') });
    const hidden = write(
      'hidden.zip',
      rawZip([
        { name: 'h.txt', data: Buffer.from('x'), hidden: true },
        { name: 'v.txt', data: Buffer.from('y') },
      ]),
    );
    expect(await refusal(hidden)).toMatchObject({ code: 'zip_layout' });
    const twice = write(
      'twice.zip',
      rawZip([
        { name: 't.txt', data: Buffer.from('x') },
        { name: 't.txt', data: Buffer.from('y') },
      ]),
    );
    expect(await refusal(twice)).toMatchObject({ code: 'zip_entry_name' });
    const named = write('named.zip', rawZip([{ name: 'ok.txt', data: Buffer.from('x') }]));
    expect(await refusal(named, { ...LIMITS, name: (n) => n !== 'ok.txt' })).toMatchObject({
      code: 'zip_entry_name',
      message: expect.stringContaining('ok.txt'),
    });
    const good = rawZip([{ name: 'a.txt', data: Buffer.from('hello world') }]);
    expect(await refusal(write('cut.zip', good.subarray(0, good.length - 30)))).toMatchObject({ code: 'zip_damaged' });
    expect(await refusal(write('none.zip', Buffer.from('not a zip at all')))).toMatchObject({ code: 'zip_damaged' });
  });
});
