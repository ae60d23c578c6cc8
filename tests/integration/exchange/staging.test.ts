/**
 * Staging a large file: read in two threads (this one and a reading thread, each a share of the
 * file) or in one, it must stage exactly what the one-thread path stages — the packed matched
 * rows, the rejects, the candidates, the household pairs, the unknown persons — a cancel must
 * keep only committed batches, a re-run must write only what is missing, and apply must notice
 * a registry that changed under it.
 */
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { household, idFor } from '../../fixtures/builders';
import { office, writeCsv, NOW, type Office } from './helpers';
import { prepareImport, unknownPersons } from '../../../src-main/exchange/imports';
import { stageFile, type Staging } from '../../../src-main/exchange/stage';
import { prepareRows, type Part, type PersonSource } from '../../../src-main/exchange/rows';
import { READ_CHUNK, WAITING } from '../../../src-main/exchange/tuning';
import { PersonIndex, unpackUnknownPersons } from '../../../src-main/exchange/persons';
import { unpackPart } from '../../../src-main/exchange/packed';
import { applyImport, RegistryChanged } from '../../../src-main/exchange/apply';
import { runImportJob } from '../../../src-main/exchange/job';
import { listChain } from '../../../src-main/chain/events';
import { readCsv, splitCsv, type Batch } from '../../../src-main/exchange/read-table';
import { csvLines } from './helpers';
import iconv from 'iconv-lite';

const HEAD = idFor('1960-03-01', 11),
  SPOUSE = idFor('1962-05-20', 12),
  STRANGER = idFor('1990-01-01', 77);
const ACTOR = { userId: null, username: 'clerk1' };

async function registry(o: Office) {
  const r = (await o.clerk('households.create', { household: household({ current: { tier: 'dibao', monthlyBenefit: 300 } }) })) as any;
  if (!r.ok) throw new Error(JSON.stringify(r));
}

/** ~6 MB per 120,000 rows: strangers, registry members (one under another name), defective and blank rows, full-width digits. */
function bigLines(rows = 120_000, title = '示范县医疗保障局 住院结算（导出）'): string[] {
  const lines = [title, '身份证号码,姓名,入院日期,个人自付'];
  for (let i = 0; i < rows; i++) {
    const k = i % 1000;
    if (k === 7) lines.push(`${HEAD},王建国,2026-10-0${1 + (i % 9)},${6000 + i}`);
    else if (k === 8) lines.push(`${SPOUSE},李某某,2026-09-1${i % 10},120.50`);
    else if (k === 9) lines.push(`1.30123E+17,某人,2026-10-01,100`);
    else if (k === 10)
      lines.push(`${idFor('1970-01-01', 5).slice(0, 17)}${idFor('1970-01-01', 5).endsWith('1') ? '2' : '1'},某人,2026-10-01,100`);
    else if (k === 11) lines.push(',,,');
    else if (k === 12)
      lines.push(`${idFor('1980-02-02', 3).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))},全角,2026-10-01,100`);
    else
      lines.push(
        `${idFor('1970-01-01', 100 + (i % 800), String(130200 + (i % 90)))},某人${i % 7},2026-10-0${1 + (i % 9)},${100 + (i % 50)}.00`,
      );
  }
  return lines;
}
const bigFile = (dir: string, rows = 120_000, name = 'big.csv') => writeCsv(dir, name, bigLines(rows).join('\n') + '\n');
/** The parts (one per READ_CHUNK of the file) that reading the first `rows` rows of a bigFile of 200,000 rows takes. */
const partsOf = (file: string, rows: number) => Math.ceil((rows * fs.statSync(file).size) / 200_000 / READ_CHUNK);

/** Two offices with the same registry: one runs an import some way, the other in one go to compare with. */
async function twoOffices(): Promise<[Office, Office]> {
  const a = await office(),
    b = await office();
  await registry(a);
  await registry(b);
  return [a, b];
}

/** An import of a 200,000-row file staged (read in threads or not) until about 140,000 rows, after its first commit, and cancelled. */
async function cancelledRun(o: Office, threaded: boolean) {
  const file = bigFile(o.dir, 200_000);
  const p = await job(o, file);
  let parts = 0;
  expect(
    await stageFile(o.store.raw, p.job, { cancelled: () => ++parts >= partsOf(file, 140_000), inThread: threaded }),
  ).toBe('cancelled');
  return p;
}

async function job(o: Office, file: string) {
  const p = await prepareImport(
    o.store.raw,
    { file, name: 'big.csv', bytes: fs.statSync(file).size },
    'medical_insurance',
    { fileDate: '2026-11-01' },
    { username: 'clerk1' },
    NOW,
  );
  if (p.kind !== 'job') throw new Error('not a job');
  return p;
}

/** What a staging run read and stored, in forms that compare across runs and offices. */
async function stage(o: Office, file: string, threaded: boolean) {
  const p = await job(o, file);
  const progress: number[] = [];
  const st = await stageFile(o.store.raw, p.job, { onProgress: (x) => progress.push(x.rowsRead), inThread: threaded });
  if (st === 'cancelled') throw new Error('cancelled');
  return { st, progress, ...stored(o, p.importId), ...read(st) };
}
function stored(o: Office, importId: number) {
  const raw = o.store.raw;
  return {
    imp: raw.prepare(`SELECT status, rows_read FROM exchange_imports WHERE id = ?`).get(importId),
    matched: (
      raw.prepare(`SELECT data FROM exchange_row_parts WHERE import_id = ? ORDER BY first_row`).pluck().all(importId) as Uint8Array[]
    ).flatMap((d) => unpackPart(d)),
    covered: raw.prepare(`SELECT SUM(last_row - first_row + 1) FROM exchange_row_parts WHERE import_id = ?`).pluck().get(importId),
    rejects: raw.prepare(`SELECT row, "column", reason, reason_en FROM exchange_rejects WHERE import_id = ? ORDER BY row`).all(importId),
  };
}
function read(st: Staging) {
  const pairs: [number, number][] = [];
  for (let i = 0; i < st.pairCount; i++) pairs.push([st.pairs[2 * i], st.pairs[2 * i + 1]]);
  return {
    counts: { rowsRead: st.rowsRead, accepted: st.accepted, matched: st.persons.countSeen(), unknown: st.unknown.size },
    candidates: st.candidates,
    pending: st.pending,
    pairs: pairs.sort((a, b) => a[1] - b[1]),
    unknownList: [...st.unknown.chunks(1000)].flatMap((c) => unpackUnknownPersons(c)),
  };
}

describe('staging a large file', () => {
  it('split between this thread and a reading thread, or read by one thread, it stages exactly what the one-thread path stages', async () => {
    const a = await office(),
      b = await office(),
      c = await office();
    await registry(a);
    await registry(b);
    await registry(c);
    const file = bigFile(a.dir);
    // The same rows under a quoted title: a file with a quote is never split (a quoted field may hold a line break).
    const quoted = writeCsv(c.dir, 'quoted.csv', bigLines(120_000, '"示范县医疗保障局 住院结算（导出）"').join('\n') + '\n');
    expect(fs.statSync(file).size).toBeGreaterThan(4 << 20);
    const split = await stage(a, file, true),
      inline = await stage(b, file, false),
      one = await stage(c, quoted, true);
    expect([split.st.readers, inline.st.readers, one.st.readers]).toEqual([2, 0, 1]);

    expect(split.imp).toEqual({ status: 'staged', rows_read: 119_880 });
    expect(split.counts).toEqual({ rowsRead: 119_880, accepted: 119_640, matched: 2, unknown: inline.unknownList.length });
    // 120 rows of the head and 120 of the spouse are findings, packed with their member; every line of the file is in a part.
    expect(split.matched).toHaveLength(240);
    expect(split.matched[0]).toEqual({
      row: 10,
      idNumber: HEAD,
      name: '王建国',
      memberId: expect.any(Number),
      category: 'hospital_stay',
      eventDate: '2026-10-08',
      evidenceKey: '2026-10-08',
      amountFen: 600_700,
      detail: null,
      refused: false,
    });
    expect(split.covered).toBe(120_002);
    expect(split.pairs).toHaveLength(240);
    // Candidates: the head's stays above the in-tier threshold, and the spouse's rows under another name.
    expect(split.candidates.filter((x) => x.idNumber === SPOUSE && x.nameDiffers)).toHaveLength(120);
    expect(split.candidates.filter((x) => x.idNumber === HEAD && x.rule === 'hospital_cost')).toHaveLength(120);
    expect(split.pending!.length).toBeGreaterThan(0);
    expect(split.rejects).toHaveLength(240);
    // The full-width ID number of row 15 is read as an unknown person.
    expect(split.unknownList.find((u) => u.firstRow === 15)).toEqual({ idNumber: idFor('1980-02-02', 3), name: '全角', firstRow: 15, rows: 120 });
    expect(split.progress.at(-1)).toBe(119_880);
    // Reported every 10,000 rows or so, not only at the commits 100,000 rows apart.
    expect(split.progress.length).toBeGreaterThanOrEqual(10);
    expect(split.progress).toEqual([...split.progress].sort((x, y) => x - y));

    for (const other of [inline, one]) {
      for (const k of ['imp', 'matched', 'rejects', 'counts', 'candidates', 'pending', 'pairs', 'unknownList'] as const)
        expect(split[k]).toEqual(other[k]);
    }
  }, 120_000);

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

  it('lists the unknown persons of the file, each with the name on its first row and its number of rows', async () => {
    const o = await office();
    await registry(o);
    // Names as files have them: none on a person's first row, a character outside the BMP, an ID number ending in X.
    let x = 1;
    while (!idFor('1975-06-06', x).endsWith('X')) x++;
    const X = idFor('1975-06-06', x),
      A = idFor('1981-01-01', 1),
      B = idFor('1982-02-02', 2);
    const head = [
      '身份证号码,姓名,入院日期,个人自付',
      `${A},,2026-10-01,10`,
      `${X},𠀀明,2026-10-01,10`,
      `${A},张三,2026-10-02,10`,
      `${HEAD},王建国,2026-10-01,10`,
      `${B},李四,2026-10-01,10`,
      `${X},𠀀明,2026-10-03,10`,
    ];
    const big = bigLines(60_000).slice(2);
    const file = writeCsv(o.dir, 'u.csv', [...head, ...big].join('\n'));
    const p = await job(o, file);
    const summary = await runImportJob(o.store.raw, p.job, { actor: ACTOR, now: () => NOW, lang: 'en', inThread: true });
    // The persons expected, from the file itself: valid 18-character numbers not in the registry, in first-row order.
    const expected = new Map<string, { idNumber: string; name: string | null; firstRow: number; rows: number }>();
    [...head.slice(1), ...big].forEach((line, i) => {
      const [wide, name] = line.split(',');
      // Full-width digits are read as digits.
      const id = wide.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
      if (!/^\d{17}[\dX]$/.test(id) || id === HEAD || id === SPOUSE || id.startsWith(idFor('1970-01-01', 5).slice(0, 17))) return;
      const e = expected.get(id);
      if (e) e.rows++;
      else expected.set(id, { idNumber: id, name: name || null, firstRow: i + 2, rows: 1 });
    });
    const all = [...expected.values()];
    expect(summary!.unknownPersons).toBe(all.length);
    expect(unknownPersons(o.store.raw, p.importId, { pageSize: 3 })).toEqual({
      total: all.length,
      page: 1,
      pageSize: 3,
      items: [
        { idNumber: A, name: null, firstRow: 2, rows: 2 },
        { idNumber: X, name: '𠀀明', firstRow: 3, rows: 2 },
        { idNumber: B, name: '李四', firstRow: 6, rows: 1 },
      ],
    });
    for (const [pageSize, page] of [
      [1000, 1],
      [1000, 2],
      [7, 143],
      [999, 2],
    ] as const) {
      expect(unknownPersons(o.store.raw, p.importId, { pageSize, page }).items).toEqual(all.slice((page - 1) * pageSize, page * pageSize));
    }
    expect(unknownPersons(o.store.raw, p.importId, { pageSize: 10, page: Math.ceil(all.length / 10) + 1 }).items).toEqual([]);
  }, 120_000);

  it('parts read before the person index comes wait (WAITING at most), and are matched and handed on in order when it comes', async () => {
    const o = await office();
    await registry(o);
    // Parts of READ_CHUNK bytes: more than the reader validates ahead, and fewer.
    for (const rows of [400_000, 10_000]) {
      const p = await job(o, bigFile(o.dir, rows));
      const plan = { job: p.job, fileDate: '2026-11-01', feedback: false, range: null };
      const collect = async (persons: PersonIndex | PersonSource) => {
        const out: Part[] = [];
        const end = await prepareRows(plan, persons, (b) => {
          out.push(b);
          return true;
        });
        return { out, end };
      };
      const index = new PersonIndex(o.store.raw);
      let waited = 0,
        askedBefore = 0;
      /** The index from the `calls`-th time the reader asks (once a part); `wait` always has it. */
      const after = (calls: number): PersonSource => {
        let k = 0;
        return {
          now: () => (++k > calls ? index : null),
          wait: () => {
            waited++;
            askedBefore = k;
            return index;
          },
        };
      };
      const direct = await collect(index);
      if (rows > 10_000) expect(direct.out.length).toBeGreaterThan(WAITING);
      else (expect(direct.out.length).toBeGreaterThan(1), expect(direct.out.length).toBeLessThan(WAITING));
      expect(direct.out.reduce((s, x) => s + x.rowsRead, 0)).toBe(rows - rows / 1000);
      expect(direct.out.reduce((s, x) => s + x.n, 0)).toBe((rows / 1000) * 2);
      // There from the second part on: the first waits, and goes on before the second.
      expect(await collect(after(1))).toEqual(direct);
      expect(waited).toBe(0);
      // Never there by itself: the reader waits for it after WAITING parts, or at the end of the short file.
      waited = 0;
      expect(await collect(after(Infinity))).toEqual(direct);
      expect(waited).toBe(1);
      expect(askedBefore).toBe(rows > 10_000 ? WAITING : direct.out.length);
    }
  }, 120_000);

  it('a cancel keeps only committed batches; the next run writes only the parts still missing, and applies as a run in one go would', async () => {
    const [o, fresh] = await twoOffices();
    // 200,000 rows in parts of READ_CHUNK bytes: the first commit comes after 100,000 rows; cancelled at about 140,000.
    const p = await cancelledRun(o, true);
    const raw = o.store.raw;
    const kept = raw
      .prepare(`SELECT rowid AS id, first_row, last_row FROM exchange_row_parts WHERE import_id = ? ORDER BY first_row`)
      .all(p.importId) as { id: number; first_row: number; last_row: number }[];
    const covered = kept.reduce((s, k) => s + k.last_row - k.first_row + 1, 0);
    expect(covered).toBeGreaterThanOrEqual(100_000);
    expect(covered).toBeLessThan(200_000);
    expect(raw.prepare(`SELECT staged_rows FROM exchange_imports WHERE id = ?`).pluck().get(p.importId)).toBe(covered);
    // Nothing of the cancelled batch survives: every reject stored lies in a stored part.
    const rejectRows = raw.prepare(`SELECT row FROM exchange_rejects WHERE import_id = ?`).pluck().all(p.importId) as number[];
    expect(rejectRows.length).toBeGreaterThan(0);
    expect(rejectRows.every((r) => kept.some((k) => k.first_row <= r && r <= k.last_row))).toBe(true);
    expect(raw.inTransaction).toBe(false);

    // The next run reads the file again and stores only the parts not yet stored: the earlier ones are the same records.
    const st = await stageFile(raw, p.job, { inThread: true });
    if (st === 'cancelled') throw new Error('cancelled');
    const after = raw
      .prepare(`SELECT rowid AS id, first_row, last_row FROM exchange_row_parts WHERE import_id = ? ORDER BY first_row`)
      .all(p.importId) as typeof kept;
    expect(after.filter((a) => kept.some((k) => k.id === a.id))).toEqual(kept);
    expect(after.reduce((s, k) => s + k.last_row - k.first_row + 1, 0)).toBe(200_002);
    expect(raw.prepare(`SELECT COUNT(*) FROM exchange_rejects WHERE import_id = ?`).pluck().get(p.importId)).toBe(400);
    const summary = applyImport(raw, p.importId, ACTOR, NOW, 'en', st);

    const q = await job(fresh, bigFile(fresh.dir, 200_000));
    const once = await runImportJob(fresh.store.raw, q.job, { actor: ACTOR, now: () => NOW, lang: 'en', inThread: true });
    expect(summary).toEqual({ ...once, rejected: summary.rejected });
    expect(summary.rejected).toEqual(once!.rejected);
    expect(summary).toMatchObject({ rowsRead: 199_800, accepted: 199_400, matchedPersons: 2 });
    expect(stored(o, p.importId).matched).toEqual(stored(fresh, q.importId).matched);
  }, 180_000);
});

describe('applying along the last of the file', () => {
  /** What an applied import left: its summary, its warnings and their lines in the chain, in forms that compare across offices. */
  function effects(o: Office, summary: unknown) {
    const raw = o.store.raw;
    return {
      summary,
      warnings: raw
        .prepare(
          `SELECT rule, severity, household_id, id_number, person_name, evidence_key, evidence, raised_on, due_on, status, department, raised_by FROM warnings ORDER BY id`,
        )
        .all(),
      // The chain shows each warning's raising from the warnings table (migration 14).
      chain: (raw.prepare(`SELECT DISTINCT household_id FROM warnings ORDER BY household_id`).pluck().all() as number[]).flatMap((h) =>
        listChain(raw, { householdId: h })
          .filter((e) => e.kind === 'warning')
          .map((e) => [e.householdId, e.idNumber, e.item, e.status, e.department, e.recordedBy, e.summary]),
      ),
      householdIndex: raw.prepare(`SELECT household_id, row FROM exchange_household_rows ORDER BY household_id, row`).raw().all(),
    };
  }
  const along = { applyAlong: { actor: ACTOR, now: NOW } };

  it('raises the warnings while the reading thread finishes, in the transaction apply ends, with the effects of applying after the last row', async () => {
    const [a, b] = await twoOffices();
    const pa = await job(a, bigFile(a.dir)),
      pb = await job(b, bigFile(b.dir));
    const st = await stageFile(a.store.raw, pa.job, { inThread: true, ...along });
    if (st === 'cancelled') throw new Error('cancelled');
    // The writer read its share before the reading thread (which starts later and reads the larger share) was done.
    expect(st.readers).toBe(2);
    expect(st.raised).toBeGreaterThan(0);
    expect(a.store.raw.inTransaction).toBe(true);
    // Raised as they came: nothing of them is kept for apply. The household index of the rows matched by then is written too.
    expect([st.candidates, st.pending]).toEqual([[], []]);
    expect(st.pairsWritten).toBeGreaterThan(0);
    expect(st.pairsWritten).toBeLessThanOrEqual(st.pairCount);
    const sa = applyImport(a.store.raw, pa.importId, ACTOR, NOW, 'en', st);
    a.store.raw.exec('COMMIT');
    const sb = await runImportJob(b.store.raw, pb.job, { actor: ACTOR, now: () => NOW, lang: 'en' });
    expect(sa.warningsRaised).toBe(st.raised);
    expect(effects(a, sa)).toEqual(effects(b, sb));
    expect((effects(a, sa).warnings as unknown[]).length).toBe(sa.warningsRaised);
  }, 120_000);

  it('with more of the file left than it may hold the lock for, it begins once the reading thread is that close to the end', async () => {
    const [a, b] = await twoOffices();
    const pa = await job(a, bigFile(a.dir)),
      pb = await job(b, bigFile(b.dir));
    // Nothing may be left: it begins with the reading thread's last part, not when this thread has read its own share.
    const st = await stageFile(a.store.raw, pa.job, { inThread: true, applyAlong: { ...along.applyAlong, maxBytes: 0 } });
    if (st === 'cancelled') throw new Error('cancelled');
    expect(st.raised).toBeGreaterThan(0);
    const sa = applyImport(a.store.raw, pa.importId, ACTOR, NOW, 'en', st);
    a.store.raw.exec('COMMIT');
    const sb = await runImportJob(b.store.raw, pb.job, { actor: ACTOR, now: () => NOW, lang: 'en' });
    expect(effects(a, sa)).toEqual(effects(b, sb));
  }, 120_000);

  it('does not when anything was committed since the person index was built, and applies after the last row as before', async () => {
    const [a, b] = await twoOffices();
    // 400,000 rows: the first batch (100,000 rows) is committed before the writer has read its share.
    const pa = await job(a, bigFile(a.dir, 400_000)),
      pb = await job(b, bigFile(b.dir, 400_000));
    const other = new BetterSqlite3(a.store.file);
    let edited = false;
    // Another connection commits while the file is read (an edit elsewhere in the app), between two batches of the staging.
    const edit = () => {
      if (!edited && !a.store.raw.inTransaction) {
        other.prepare(`UPDATE households SET updated_at = '2026-11-30T10:00:00Z'`).run();
        edited = true;
      }
      return false;
    };
    const st = await stageFile(a.store.raw, pa.job, { cancelled: edit, inThread: true, ...along });
    other.close();
    if (st === 'cancelled') throw new Error('cancelled');
    expect(edited).toBe(true);
    expect(st.raised).toBeNull();
    expect(a.store.raw.inTransaction).toBe(false);
    const sa = applyImport(a.store.raw, pa.importId, ACTOR, NOW, 'en', st);
    const sb = await runImportJob(b.store.raw, pb.job, { actor: ACTOR, now: () => NOW, lang: 'en' });
    expect(effects(a, sa)).toEqual(effects(b, sb));
  }, 120_000);

  it('a cancel while applying along leaves no warning and the parts committed before; the next run completes as one in one go', async () => {
    const [a, b] = await twoOffices();
    const pa = await job(a, bigFile(a.dir)),
      pb = await job(b, bigFile(b.dir));
    const raw = a.store.raw;
    // Cancelled as soon as this connection sees a warning: one raised along, in the transaction not yet committed.
    const seen = () => (raw.prepare(`SELECT COUNT(*) FROM warnings`).pluck().get() as number) > 0;
    expect(await stageFile(raw, pa.job, { cancelled: seen, inThread: true, ...along })).toBe('cancelled');
    expect(raw.inTransaction).toBe(false);
    expect(raw.prepare(`SELECT COUNT(*) FROM warnings`).pluck().get()).toBe(0);
    const kept = raw
      .prepare(`SELECT SUM(last_row - first_row + 1) FROM exchange_row_parts WHERE import_id = ?`)
      .pluck()
      .get(pa.importId) as number;
    expect(kept).toBeGreaterThan(0);
    expect(raw.prepare(`SELECT staged_rows FROM exchange_imports WHERE id = ?`).pluck().get(pa.importId)).toBe(kept);
    const sa = await runImportJob(raw, pa.job, { actor: ACTOR, now: () => NOW, lang: 'en', inThread: true });
    const sb = await runImportJob(b.store.raw, pb.job, { actor: ACTOR, now: () => NOW, lang: 'en' });
    expect(effects(a, sa)).toEqual(effects(b, sb));
  }, 120_000);
});

describe('a re-run that reads the file in other parts', () => {
  it('stages again the rows of stored parts that overlap its own, and applies as a run in one go would', async () => {
    const [o, fresh] = await twoOffices();
    // First read by one thread from the start, cancelled after its first commit; then read split in two, whose second share starts mid-part.
    const p = await cancelledRun(o, false);
    const before = o.store.raw.prepare(`SELECT first_row, last_row FROM exchange_row_parts WHERE import_id = ?`).raw().all(p.importId) as [
      number,
      number,
    ][];
    expect(before.length).toBeGreaterThan(0);
    const st = await stageFile(o.store.raw, p.job, { inThread: true });
    if (st === 'cancelled') throw new Error('cancelled');
    expect(st.readers).toBe(2);
    const after = o.store.raw
      .prepare(`SELECT first_row, last_row FROM exchange_row_parts WHERE import_id = ? ORDER BY first_row`)
      .raw()
      .all(p.importId) as [number, number][];
    // Every row in exactly one part, some of the first run's parts replaced.
    expect(after.reduce((a, [f, l]) => a + l - f + 1, 0)).toBe(200_002);
    expect(after.every(([f], i) => i === 0 || f === after[i - 1][1] + 1)).toBe(true);
    expect(before.some(([f, l]) => !after.some(([g, m]) => g === f && m === l))).toBe(true);
    expect(o.store.raw.prepare(`SELECT COUNT(*) FROM exchange_rejects WHERE import_id = ?`).pluck().get(p.importId)).toBe(400);
    const summary = applyImport(o.store.raw, p.importId, ACTOR, NOW, 'en', st);
    const q = await job(fresh, bigFile(fresh.dir, 200_000));
    expect(summary).toEqual(
      await runImportJob(fresh.store.raw, q.job, { actor: ACTOR, now: () => NOW, lang: 'en', inThread: true }),
    );
    expect(stored(o, p.importId).matched).toEqual(stored(fresh, q.importId).matched);
  }, 180_000);
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
      await expect(
        stageFile(o.store.raw, p.job, { inThread }),
      ).rejects.toMatchObject({
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

describe('the person index', () => {
  it('finds each active person, tells a differing name (names outside the BMP included), and holds the authorisation date', async () => {
    const o = await office();
    await registry(o);
    // A given name outside the Basic Multilingual Plane: one character for SQLite, two UTF-16 units for JavaScript.
    o.store.raw.prepare(`UPDATE members SET name = '王𠀀', authorised_on = '2026-01-05' WHERE id_number = ?`).run(HEAD);
    const persons = new PersonIndex(o.store.raw);
    const head = persons.find(HEAD),
      spouse = persons.find(SPOUSE);
    expect(head).toBeGreaterThanOrEqual(0);
    expect(spouse).toBeGreaterThanOrEqual(0);
    expect(persons.find(idFor('1999-09-09', 99))).toBe(-1);
    expect(persons.nameDiffers(head, '王𠀀')).toBe(false);
    expect(persons.nameOf(head)).toBe('王𠀀');
    expect(persons.nameDiffers(head, '王')).toBe(true);
    expect(persons.nameDiffers(spouse, '李秀英')).toBe(false);
    expect(persons.nameDiffers(spouse, '李秀')).toBe(true);
    expect([persons.authorisedOn[head], persons.authorisedOn[spouse]]).toEqual([20260105, 0]);
    // Handed to another thread as its parts, it answers the same, and marks the persons it saw in the same memory.
    const copy = PersonIndex.from(structuredClone(persons.parts()));
    expect([copy.find(HEAD), copy.find(SPOUSE), copy.nameDiffers(spouse, '李秀英'), copy.nameDiffers(head, '王𠀀')]).toEqual([
      head,
      spouse,
      false,
      false,
    ]);
    copy.seen[spouse] = 1;
    expect(persons.countSeen()).toBe(1);
  });

  it('leaves out registry numbers no row can match, and every other person keeps their own name', async () => {
    const o = await office();
    await registry(o);
    const raw = o.store.raw;
    const hh = raw.prepare(`SELECT household_id FROM members WHERE id_number = ?`).pluck().get(HEAD) as number;
    const before = new PersonIndex(raw).parts().n;
    const add = (idNumber: string, name: string) =>
      raw
        .prepare(
          `INSERT INTO members (household_id, position, id_number, name, sex, birth_date, relation, status, active)
      VALUES (?, 9, ?, ?, 'male', '1990-01-01', 'other', 'normal', 1)`,
        )
        .run(hh, idNumber, name);
    // Between and around the good ones, in rowid order: a letter inside, a character outside the BMP (18 characters for SQLite,
    // 19 UTF-16 units), 15 digits (an old card), and a name outside the BMP on one of them.
    add('11010119900101123A', '甲𠀀乙');
    const late = idFor('1980-02-02', 31);
    add(late, '赵𠀁');
    add('1101011990010112𠀂5', '丙');
    add('110101900101123', '丁');
    const last = idFor('1981-03-03', 33);
    add(last, '钱多多');
    const persons = new PersonIndex(raw);
    expect(persons.parts().n).toBe(before + 2);
    for (const [id, name] of [
      [HEAD, '王建国'],
      [SPOUSE, '李秀英'],
      [late, '赵𠀁'],
      [last, '钱多多'],
    ]) {
      const slot = persons.find(id);
      expect(slot).toBeGreaterThanOrEqual(0);
      expect(persons.nameOf(slot)).toBe(name);
      expect(persons.nameDiffers(slot, name)).toBe(false);
    }
    expect(persons.find('11010119900101123X')).toBe(-1);
  });
});

describe('apply after the registry changed', () => {
  /** Imports a small file of the head (named as in the registry, a stay of `amount` yuan) and the spouse (named otherwise); `change` runs between staging and apply. */
  /** `change` runs between staging and apply, the first `times` times. */
  async function importWith(change: (o: Office, k: number) => void, amount = 100, times = 1) {
    const o = await office();
    await registry(o);
    const file = writeCsv(
      o.dir,
      'm.csv',
      csvLines([
        ['身份证号码', '姓名', '入院日期', '个人自付'],
        [HEAD, '王建国', '2026-10-01', amount],
        [SPOUSE, '李某某', '2026-10-02', '100'],
        [STRANGER, '路人', '2026-10-03', '100'],
      ]),
    );
    const p = await job(o, file);
    let stagings = 0;
    const summary = await runImportJob(o.store.raw, p.job, { actor: ACTOR, now: () => NOW, lang: 'en', onProgress: (x) => {
        if (x.phase === 'staging') return;
        if (stagings++ < times) change(o, stagings);
      } });
    expect(o.store.raw.inTransaction).toBe(false);
    const rules = o.store.raw.prepare(`SELECT id_number, rule FROM warnings ORDER BY id_number, rule`).all() as {
      id_number: string;
      rule: string;
    }[];
    return { summary: summary!, rules, stagings, persons: unknownPersons(o.store.raw, p.importId) };
  }
  const byId = (a: { id_number: string }, b: { id_number: string }) => a.id_number.localeCompare(b.id_number);

  it('with the registry unchanged, only the name that differs raises its warning', async () => {
    const { summary, rules, stagings } = await importWith(() => {});
    expect(rules).toEqual([{ id_number: SPOUSE, rule: 'name_mismatch' }]);
    expect(stagings).toBe(1);
    expect(summary).toMatchObject({ accepted: 3, matchedPersons: 2, unknownPersons: 1 });
  });

  it('a member renamed after staging: the file is read again, and matched against the registry as it is', async () => {
    const { rules, stagings } = await importWith((o) =>
      o.store.raw.prepare(`UPDATE members SET name = '王建民' WHERE id_number = ?`).run(HEAD),
    );
    expect(stagings).toBe(2);
    expect(rules).toEqual(
      [
        { id_number: HEAD, rule: 'name_mismatch' },
        { id_number: SPOUSE, rule: 'name_mismatch' },
      ].sort(byId),
    );
  });

  it('a registry that changes under every reading: the third reading holds the registry still', async () => {
    // Renamed after the first reading, renamed back after the second: the third, locked, sees the registry as the second change left it.
    const { rules, stagings } = await importWith(
      (o, k) => o.store.raw.prepare(`UPDATE members SET name = ? WHERE id_number = ?`).run(k === 1 ? '王建民' : '王建国', HEAD),
      100,
      2,
    );
    expect(stagings).toBe(3);
    expect(rules).toEqual([{ id_number: SPOUSE, rule: 'name_mismatch' }]);
  });

  it('a member who left after staging is no longer a match: the row counts as an unknown person', async () => {
    const { summary, rules, persons } = await importWith((o) =>
      o.store.raw.prepare(`UPDATE members SET active = 0 WHERE id_number = ?`).run(HEAD),
    );
    expect(rules).toEqual([{ id_number: SPOUSE, rule: 'name_mismatch' }]);
    expect(summary).toMatchObject({ accepted: 3, matchedPersons: 1, unknownPersons: 2 });
    expect(persons).toEqual({
      total: 2,
      page: 1,
      pageSize: 100,
      items: [
        { idNumber: HEAD, name: '王建国', firstRow: 2, rows: 1 },
        { idNumber: STRANGER, name: '路人', firstRow: 4, rows: 1 },
      ],
    });
  });

  it('a household changed by another connection after staging: the warnings are decided again at apply', async () => {
    // A stay of 8,000 yuan is over the in-tier threshold (6,000) and under the other residents' (10,000).
    const kept = await importWith(() => {}, 8000);
    expect(kept.rules).toEqual(
      [
        { id_number: HEAD, rule: 'hospital_cost' },
        { id_number: SPOUSE, rule: 'name_mismatch' },
      ].sort(byId),
    );
    const left = await importWith((o) => {
      const other = new BetterSqlite3(o.store.file);
      other.prepare(`UPDATE households SET current_tier = NULL`).run();
      other.close();
    }, 8000);
    // Not a member's change (the file is not read again), but the household is no longer in a tier.
    expect(left.stagings).toBe(1);
    expect(left.rules).toEqual([{ id_number: SPOUSE, rule: 'name_mismatch' }]);
  });

  it('applying what an earlier registry matched is refused', async () => {
    const o = await office();
    await registry(o);
    const p = await job(
      o,
      writeCsv(
        o.dir,
        'm.csv',
        csvLines([
          ['身份证号码', '姓名', '入院日期', '个人自付'],
          [HEAD, '王建国', '2026-10-01', '100'],
        ]),
      ),
    );
    const st = await stageFile(o.store.raw, p.job);
    if (st === 'cancelled') throw new Error('cancelled');
    o.store.raw.prepare(`UPDATE members SET authorised_on = '2026-02-02' WHERE id_number = ?`).run(HEAD);
    expect(() => applyImport(o.store.raw, p.importId, ACTOR, NOW, 'en', st)).toThrow(RegistryChanged);
    expect(o.store.raw.prepare(`SELECT status FROM exchange_imports WHERE id = ?`).pluck().get(p.importId)).toBe('staged');
  });

  it('saving a member without changing number, activity, name, household or authorisation leaves the epoch as it was', async () => {
    const o = await office();
    await registry(o);
    const epoch = () => o.store.raw.prepare(`SELECT n FROM registry_epoch`).pluck().get();
    const before = epoch();
    o.store.raw.prepare(`UPDATE members SET name = name, active = active, relation = relation, authorised_on = authorised_on`).run();
    expect(epoch()).toBe(before);
    o.store.raw.prepare(`UPDATE members SET name = '王建民' WHERE id_number = ?`).run(HEAD);
    o.store.raw.prepare(`UPDATE members SET authorised_on = '2026-03-03' WHERE id_number = ?`).run(HEAD);
    expect(epoch()).toBe((before as number) + 2);
  });
});
