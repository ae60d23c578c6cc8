/**
 * Department files and the files the office writes, as an attacker on the same machine tried them
 * (issue "Trustworthy with the county's most sensitive data", items 5–7; docs/security.md
 * "Inputs"): an endless line refused in linear time naming its row, a stray quote that costs rows
 * only as rejected rows, a formula in a name written as text in every CSV, uploads removed when
 * used, no ID number in a file name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { household, idFor, rowCount } from '../../fixtures/builders';
import { importFinished, importStatus } from '../../../src-main/exchange/runner';
import { MAX_CELL_CHARS } from '../../../src-main/exchange/limits';
import { office, writeCsv, writeXlsx, csvLines, importFile, registry } from './helpers';

const HEAD = idFor('1960-03-01', 11);
const ids = Array.from({ length: 60 }, (_, i) => idFor('1970-01-01', 100 + i, '130124'));
const header = ['身份证号码', '姓名', '入院日期', '个人自付'];
const row = (i: number) => [ids[i], `某人${i}`, '2026-10-01', '100'];

describe('department files', () => {
  it('a 50 MB line is refused in linear time, naming its row, and nothing of it is stored', async () => {
    const o = await office();
    // In the rows the wizard previews: refused at once.
    const early = path.join(o.dir, 'early.csv');
    fs.writeFileSync(early, csvLines([header, row(0)]) + `${ids[1]},` + 'y'.repeat(50 << 20) + '\n' + csvLines([row(2)]));
    const t0 = performance.now();
    const r = await o.clerk.call('exchange.preview', { file: { path: early }, source: 'medical_insurance' });
    expect(r).toMatchObject({ ok: false, error: { code: 'line_too_long', field: 'file' } });
    expect(!r.ok && r.error.message).toContain('Row 3 ');
    // Was 2 min 20 s and 1.84 GB.
    expect(performance.now() - t0).toBeLessThan(3000);
    // Past them: the import fails naming the row, and applies nothing.
    const late = path.join(o.dir, 'late.csv');
    fs.writeFileSync(
      late,
      csvLines([header, ...Array.from({ length: 50 }, (_, i) => row(i))]) + `${ids[55]},` + 'z'.repeat(50 << 20) + '\n',
    );
    const st = await o.clerk.value('exchange.start', { file: { path: late }, source: 'medical_insurance', fileDate: '2026-11-01' });
    await importFinished(st.importId);
    const s = importStatus(o.store.raw, st.importId, 'en');
    expect(s.status).toBe('failed');
    expect(s.error).toContain('Row 52 ');
    expect(rowCount(o.store.raw, 'exchange_row_parts')).toBe(0);
    expect(rowCount(o.store.raw, 'warnings')).toBe(0);
  });

  it('a stray quote rejects the rows it joined, each by its number: rows read = accepted + rejected, nothing lost', async () => {
    const o = await office();
    const lines = [header, row(0), row(1), [ids[2], '"引号', '2026-10-01', '100'], row(3), row(4), row(5)];
    const file = writeCsv(o.dir, 'quote.csv', csvLines(lines));
    const v = await o.clerk.value('exchange.validate', { file: { path: file }, source: 'medical_insurance' });
    expect(v).toMatchObject({ rowsRead: 6, valid: 2, invalid: 4 });
    expect(v.problems.map((p) => p.row)).toEqual([4, 5, 6, 7]);
    expect(v.problems[0].problem).toContain('rows 4–7 were read as one cell');
    const { summary } = await importFile(o, file, 'medical_insurance');
    expect(summary.rowsRead).toBe(6);
    expect(summary.accepted + summary.rejected.length).toBe(summary.rowsRead);
    expect(summary.rejected.map((x) => x.row)).toEqual([4, 5, 6, 7]);
    // A quote misplaced within one line costs that line only.
    const one = writeCsv(o.dir, 'one.csv', csvLines([header, row(10), [ids[11], '"王"五"', '2026-10-01', '100'], row(12)]));
    const v1 = await o.clerk.value('exchange.validate', { file: { path: one }, source: 'medical_insurance' });
    expect(v1).toMatchObject({ rowsRead: 3, valid: 2, invalid: 1, problems: [{ row: 3 }] });
    expect(v1.problems[0].problem).toContain('misplaced');
  });

  it('a cell too long rejects its row naming the column; in XLSX too; a binary file or a cut character is refused with a message', async () => {
    const o = await office();
    const long = 'x'.repeat(MAX_CELL_CHARS + 1);
    const csv = writeCsv(o.dir, 'cell.csv', csvLines([header, row(0), [ids[1], long, '2026-10-01', '100'], row(2)]));
    const v = await o.clerk.value('exchange.validate', { file: { path: csv }, source: 'medical_insurance' });
    expect(v).toMatchObject({ rowsRead: 3, valid: 2, invalid: 1, problems: [{ row: 3, column: '姓名' }] });
    expect(v.problems[0].problem).toContain('4,001 characters');
    const xlsx = await writeXlsx(o.dir, 'cell.xlsx', [header, row(0), [ids[1], long, '2026-10-01', '100']]);
    const vx = await o.clerk.value('exchange.validate', { file: { path: xlsx }, source: 'medical_insurance' });
    expect(vx).toMatchObject({ rowsRead: 2, valid: 1, invalid: 1, problems: [{ row: 3, column: '姓名' }] });
    const bin = path.join(o.dir, 'photo.csv');
    fs.writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]));
    expect(await o.clerk.call('exchange.preview', { file: { path: bin }, source: 'hrss' })).toMatchObject({
      ok: false,
      error: { code: 'not_a_table', field: 'file' },
    });
    const cut = path.join(o.dir, 'cut.csv');
    fs.writeFileSync(cut, Buffer.concat([Buffer.from(csvLines([header, row(0)]) + `${ids[1]},王`), Buffer.from('王').subarray(0, 2)]));
    expect(await o.clerk.call('exchange.validate', { file: { path: cut }, source: 'medical_insurance' })).toMatchObject({
      ok: false,
      error: { code: 'mixed_encoding' },
    });
  });
});

describe('reading stays in small steps', () => {
  it('the service keeps answering while a county-sized CSV is validated and a large XLSX previewed', async () => {
    const o = await office();
    const big = path.join(o.dir, 'county.csv');
    const text: string[] = [header.join(',')];
    for (let i = 0; i < 300_000; i++) text.push(`${ids[i % ids.length]},某人${i % 97},2026-10-01,${100 + (i % 900)}`);
    fs.writeFileSync(big, text.join('\n') + '\n');
    const xlsx = await writeXlsx(o.dir, 'county.xlsx', [
      header,
      ...Array.from({ length: 60_000 }, (_, i) => [ids[i % ids.length], `某人${i}`, '2026-10-01', '100']),
    ]);
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    const heavy = Promise.all([
      o.clerk.value('exchange.validate', { file: { path: big }, source: 'medical_insurance' }),
      o.clerk.value('exchange.preview', { file: { path: xlsx }, source: 'medical_insurance' }),
    ]);
    const waits: number[] = [];
    let done = false;
    void heavy.finally(() => (done = true));
    while (!done) {
      const t0 = performance.now();
      await o.admin.value('app.status', {});
      waits.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
    const [v, p] = await heavy;
    h.disable();
    expect(v.rowsRead).toBe(300_000);
    expect(p.rows.length).toBeGreaterThan(0);
    expect(waits.length).toBeGreaterThan(3);
    // Measured here: answers within 32 ms, the longest stall 267 ms with both at once (alone: CSV 36 ms, XLSX 90–130 ms); before, 5.9 s.
    // The bounds leave room for a machine busy with other tests.
    expect(Math.max(...waits)).toBeLessThan(750);
    expect(h.max / 1e6).toBeLessThan(1500);
  }, 60_000);
});

describe('files the office writes', () => {
  it('a head named =cmd|… is written as text in the verification-request CSV, and a header like it in the rejected-rows CSV', async () => {
    const o = await office();
    const evil = "=cmd|' /C calc'!A0";
    const base = household({ current: { tier: 'dibao', monthlyBenefit: 300 } });
    const members = base.members.map((m, i) => (i === 0 ? { ...m, name: evil, authorisedOn: '2026-01-05' } : m));
    await o.clerk.value('households.create', { household: { ...base, members } });
    const r = await o.clerk.value('export.verificationRequests', { source: 'banks', folder: path.join(o.dir, 'usb') });
    const csv = fs.readFileSync(path.join(r.target, r.manifest.files.find((f) => f.name.endsWith('.csv'))!.name), 'utf8');
    expect(csv).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(csv).not.toMatch(/(^|,)=cmd/m);
    // A department's header that is a formula, in the reports of rejected rows: the problems (validate) and the import's (exchange.rejected).
    for (const name of ['-cmd', '@SUM(A1)', '+1']) {
      const file = writeCsv(
        o.dir,
        `f${name.length}.csv`,
        csvLines([
          ['身份证号码', name, '入院日期', '个人自付'],
          [HEAD, 'x'.repeat(MAX_CELL_CHARS + 1), '2026-10-01', '1'],
        ]),
      );
      const mapping = { idNumber: '身份证号码', name, admittedOn: '入院日期', outOfPocket: '个人自付' };
      const v = await o.clerk.value('exchange.validate', { file: { path: file }, source: 'medical_insurance', mapping });
      const quoted = name.includes(',') ? `"'${name}"` : `'${name}`;
      expect(Buffer.from(v.reportCsvBase64, 'base64').toString()).toContain(`\r\n2,${quoted},`);
      const { started } = await importFile(o, file, 'medical_insurance', { mapping });
      const rej = await o.clerk.value('exchange.rejected', { importId: started.importId });
      expect(rej.rows).toMatchObject([{ row: 2, column: name }]);
      expect(Buffer.from(rej.csvBase64, 'base64').toString()).toContain(`\r\n2,${quoted},`);
    }
  });

  it('content sent inside a call is kept only until its import is done; a household file’s name carries no ID number', async () => {
    const o = await office();
    const hid = await registry(o);
    const transfer = path.join(o.dir, 'transfer');
    const text = csvLines([header, [HEAD, '王建国', '2026-10-01', '7000']]);
    const base64 = Buffer.from(text).toString('base64');
    await o.clerk.value('exchange.preview', { file: { base64, name: 'h.csv' }, source: 'medical_insurance' });
    expect(fs.readdirSync(transfer)).toHaveLength(1);
    const st = await o.clerk.value('exchange.start', {
      file: { base64, name: 'h.csv' },
      source: 'medical_insurance',
      fileDate: '2026-11-01',
    });
    await importFinished(st.importId);
    await new Promise((r) => setTimeout(r, 50));
    expect(fs.readdirSync(transfer)).toEqual([]);
    const f = await o.clerk.value('households.exportFile', { id: hid });
    expect(f.fileName).toBe(`household-${hid}-王_国.json`);
    expect(f.fileName).not.toMatch(/\d{6,}/);
  });
});
