/**
 * Reading a department's CSV file (src-main/exchange/csv.ts): split in two shares only where both
 * number and read their rows as one reading would; a share without quotes split by lines, in the
 * rows, numbers, batches and width flags papaparse gives; full-width text flagged across the edge
 * of two pieces; a file that changes encoding part-way stopped with a message saying where.
 */
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { office, writeCsv } from './helpers';
import { stageFile } from '../../../src-main/exchange/stage';
import { readCsv, splitCsv, type Batch } from '../../../src-main/exchange/read-table';
import { READ_CHUNK } from '../../../src-main/exchange/tuning';
import { bigFile, bigLines, HEAD, job, registry } from './staging-fixtures';

describe('reading a CSV file', () => {
  it('splits a CSV file only where both parts number and read their rows as one reading would', async () => {
    const o = await office();
    const rows = async (file: string, range?: Parameters<typeof readCsv>[3]) => {
      const out: [number, string[]][] = [];
      await readCsv(
        file,
        'utf-8',
        (b: Batch) => {
          b.rows.forEach((r, i) => out.push([b.firstRow + i, r]));
        },
        range,
      );
      return out;
    };
    const lines = bigLines(30_000);
    for (const [name, text] of [
      ['lf.csv', lines.join('\n') + '\n'],
      ['crlf.csv', lines.join('\r\n')],
      ['blank.csv', lines.join('\n').replaceAll(',,,', '')],
    ] as const) {
      const file = writeCsv(o.dir, name, text);
      const parts = splitCsv(file, 'utf-8', 0.4);
      expect(parts).not.toBeNull();
      const [first, second] = parts!;
      // The line break between the parts belongs to neither: the first part ends on its last record.
      expect(second.start - first.end).toBe(name === 'crlf.csv' ? 2 : 1);
      expect(second.start / fs.statSync(file).size).toBeCloseTo(0.4, 1);
      const both = [...(await rows(file, first)), ...(await rows(file, second))];
      expect(both).toEqual(await rows(file));
    }
    expect(splitCsv(writeCsv(o.dir, 'q.csv', ['a,b', '"1,2",3', ...lines.slice(2)].join('\n')), 'utf-8')).toBeNull();
    expect(splitCsv(writeCsv(o.dir, 'cr.csv', lines.join('\r')), 'utf-8')).toBeNull();
    expect(splitCsv(writeCsv(o.dir, 'u16.csv', lines.join('\n')), 'utf-16le')).toBeNull();
    // GB18030: no byte of a two- or four-byte character is a line feed or a quote; the split holds.
    const gb = writeCsv(o.dir, 'gb.csv', lines.join('\n') + '\n', 'gb18030');
    const gbParts = splitCsv(gb, 'gb18030')!;
    const gbRows = async (range?: Parameters<typeof readCsv>[3]) => {
      const out: [number, string[]][] = [];
      await readCsv(
        gb,
        'gb18030',
        (b: Batch) => {
          b.rows.forEach((r, i) => out.push([b.firstRow + i, r]));
        },
        range,
      );
      return out;
    };
    expect([...(await gbRows(gbParts[0])), ...(await gbRows(gbParts[1]))]).toEqual(await gbRows());
    expect(gbParts[1].firstRow).toBeGreaterThan(1000);
  }, 120_000);

  it('reads a range without quotes by splitting lines, in the rows, numbers, batches and width flags papaparse gives the same text', async () => {
    const o = await office();
    // Pieces of text are READ_CHUNK (48 KB): lines of ~70 bytes, blank lines and a full-width digit now and then, ragged rows.
    const lines = Array.from({ length: 30_000 }, (_, i) =>
      i % 997 === 3 ? '' : i % 1500 === 9 ? `${i},１,x` : i % 700 === 5 ? `${i},short` : `${i},${'y'.repeat(40 + (i % 29))},${i % 13},z`,
    );
    const cases: [string, string, string, 'utf8' | 'gb18030'][] = [
      ['lf.csv', lines.join('\n') + '\n', ',', 'utf8'],
      ['no-final-break.csv', lines.join('\n'), ',', 'utf8'],
      ['crlf.csv', lines.join('\r\n') + '\r\n\r\n', ',', 'utf8'],
      ['tab.csv', lines.map((l) => l.replaceAll(',', '\t')).join('\n'), '\t', 'utf8'],
      ['bom.csv', lines.join('\n') + '\n', ',', 'utf8bom' as 'utf8'],
      ['gb.csv', lines.map((l) => `${l},中文`).join('\n') + '\n\n', ',', 'gb18030'],
    ];
    for (const [name, text, delimiter, enc] of cases) {
      const file = writeCsv(o.dir, name, text, enc);
      const encoding = enc === 'gb18030' ? 'gb18030' : name === 'bom.csv' ? 'utf-8-bom' : 'utf-8';
      const batches = async (range?: Parameters<typeof readCsv>[3]) => {
        const out: [number, boolean, string[][]][] = [];
        await readCsv(
          file,
          encoding,
          (b: Batch) => {
            out.push([b.firstRow, b.wide, b.rows]);
          },
          range,
        );
        return out.filter((b) => b[2].length > 0);
      };
      const papa = await batches();
      const plain = await batches({
        start: 0,
        end: fs.statSync(file).size,
        firstRow: 1,
        delimiter,
        newline: name === 'crlf.csv' ? '\r\n' : '\n',
      });
      expect(papa.length).toBeGreaterThan(6);
      expect(plain).toEqual(papa);
    }
  }, 60_000);

  it('tells each batch whether its text may hold full-width characters, the line a batch leaves unfinished included', async () => {
    const o = await office();
    // Three lines with a full-width digit among 40,000 (about 11 pieces of text).
    const lines = Array.from({ length: 40_000 }, (_, i) => `${i},${i % 15_000 === 7_000 ? '１' : '1'},${'x'.repeat(60)}`);
    const file = writeCsv(o.dir, 'w.csv', lines.join('\n'));
    let batches = 0,
      narrow = 0;
    await readCsv(file, 'utf-8', (b: Batch) => {
      batches++;
      if (!b.wide) narrow++;
      // A batch said to be narrow holds no full-width character.
      if (!b.wide) expect(b.rows.some((r) => r.some((c) => /[\uFF01-\uFF5E\u3000\u00A0]/.test(c)))).toBe(false);
    });
    expect(batches).toBeGreaterThan(8);
    // Without full-width text, every batch is narrow; with it in a few lines, every batch holding one is wide.
    let all = 0;
    await readCsv(writeCsv(o.dir, 'n.csv', lines.map((l) => l.replace('１', '1')).join('\n')), 'utf-8', (b: Batch) => {
      if (!b.wide) all++;
    });
    expect(all).toBe(batches);
    // Each wide line makes its batch wide, and at most the next one (the line its piece left unfinished).
    expect(narrow).toBeGreaterThanOrEqual(batches - 6);
    expect(narrow).toBeLessThanOrEqual(batches - 3);
  });

  it('finds a full-width character, an ideographic space or a no-break space across the edge of two pieces, and no other character', async () => {
    const o = await office();
    const wide = ['１', '，', 'ｚ', '\u3000', '\u00A0'],
      other = ['。', '、', '·', '中', '\uFEFF', 'é'];
    // The character at every position across the first edge between pieces of text (READ_CHUNK bytes apart).
    for (const ch of [...wide, ...other]) {
      const bytes = Buffer.byteLength(ch);
      for (let shift = -bytes; shift <= 1; shift++) {
        const head = 'a,b\n' + 'y'.repeat(READ_CHUNK - 4 + shift - 1) + ',';
        const file = writeCsv(o.dir, 'edge.csv', head + ch + 'z\n' + '1,2\n'.repeat(20_000));
        const flags: boolean[] = [];
        let holds = -1;
        await readCsv(file, 'utf-8', (b: Batch) => {
          if (b.rows.some((r) => r.some((c) => c.includes(ch)))) holds = flags.length;
          flags.push(b.wide);
        });
        expect(holds).toBeGreaterThanOrEqual(0);
        // Its batch is wide for a wide character; no batch is for any other.
        if (wide.includes(ch)) expect([ch, shift, flags[holds]]).toEqual([ch, shift, true]);
        else expect([ch, shift, flags.some(Boolean)]).toEqual([ch, shift, false]);
      }
    }
  });
});

describe('a file that changes encoding part-way', () => {
  it('stops with a message saying where, read in two threads as in one, and leaves the writer usable', async () => {
    for (const inThread of [true, false]) {
      const o = await office();
      await registry(o);
      // 5 MB of UTF-8 (what the first megabyte says), then a line saved as GB18030.
      const good = fs.readFileSync(bigFile(o.dir, 100_000));
      const file = `${o.dir}/mixed.csv`;
      fs.writeFileSync(file, Buffer.concat([good, iconv.encode(`${HEAD},王建国,2026-10-01,100\n`, 'gb18030')]));
      const p = await job(o, file);
      await expect(stageFile(o.store.raw, p.job, { inThread })).rejects.toMatchObject({
        code: 'mixed_encoding',
        messages: { en: expect.stringMatching(new RegExp(`not valid utf-8 after byte \\d+`)) },
      });
      // The batch in progress was rolled back, and the connection takes writes again.
      expect(o.store.raw.inTransaction).toBe(false);
      expect(
        o.store.raw.prepare(`SELECT COALESCE(MAX(last_row), 0) FROM exchange_row_parts WHERE import_id = ?`).pluck().get(p.importId),
      ).toBeLessThan(100_002);
      expect(await o.clerk('exchange.history', {})).toMatchObject({ ok: true });
    }
  }, 120_000);
});
