/**
 * Staging a large file: read in two threads (this one and a reading thread, each a share of the
 * file) or in one, it must stage exactly what the one-thread path stages — the packed matched
 * rows, the rejects, the candidates, the household pairs, the unknown persons; parts read before
 * the person index comes wait for it; a cancel keeps only committed batches, and a re-run writes
 * only what is missing, whichever way it splits the file.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { idFor } from '../../fixtures/builders';
import { office, writeCsv, NOW } from './helpers';
import { unknownPersons } from '../../../src-main/exchange/imports';
import { stageFile } from '../../../src-main/exchange/stage';
import { prepareRows, type Part, type PersonSource } from '../../../src-main/exchange/rows';
import { WAITING } from '../../../src-main/exchange/tuning';
import { PersonIndex } from '../../../src-main/exchange/persons';
import { applyImport } from '../../../src-main/exchange/apply';
import { runImportJob } from '../../../src-main/exchange/job';
import { ACTOR, bigFile, bigLines, cancelledRun, HEAD, job, registry, SPOUSE, stage, stored, twoOffices } from './staging-fixtures';

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
    expect(split.unknownList.find((u) => u.firstRow === 15)).toEqual({
      idNumber: idFor('1980-02-02', 3),
      name: '全角',
      firstRow: 15,
      rows: 120,
    });
    expect(split.progress.at(-1)).toBe(119_880);
    // Reported every 10,000 rows or so, not only at the commits 100,000 rows apart.
    expect(split.progress.length).toBeGreaterThanOrEqual(10);
    expect(split.progress).toEqual([...split.progress].sort((x, y) => x - y));

    for (const other of [inline, one]) {
      for (const k of ['imp', 'matched', 'rejects', 'counts', 'candidates', 'pending', 'pairs', 'unknownList'] as const)
        expect(split[k]).toEqual(other[k]);
    }
  }, 120_000);

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
      else {
        expect(direct.out.length).toBeGreaterThan(1);
        expect(direct.out.length).toBeLessThan(WAITING);
      }
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
    expect(summary).toEqual(await runImportJob(fresh.store.raw, q.job, { actor: ACTOR, now: () => NOW, lang: 'en', inThread: true }));
    expect(stored(o, p.importId).matched).toEqual(stored(fresh, q.importId).matched);
  }, 180_000);
});
