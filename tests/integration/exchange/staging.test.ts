/**
 * Staging a large file: read in a thread of its own while this one writes, it must stage
 * exactly what the one-thread path stages — the matched rows, the packed rows of unknown
 * persons, the rejects, the resume marker and the counts — and a cancel must leave nothing.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { household, idFor } from '../../fixtures/builders';
import { office, writeCsv, NOW, type Office } from './helpers';
import { prepareImport } from '../../../src-main/exchange/imports';
import { PersonIndex, prepareRows, stageFile, type PersonSource, type RowsBatch, type StageTally } from '../../../src-main/exchange/stage';
import { unknownPersons } from '../../../src-main/exchange/imports';
import { applyImport } from '../../../src-main/exchange/apply';
import { csvLines } from './helpers';
import iconv from 'iconv-lite';

const HEAD = idFor('1960-03-01', 11), SPOUSE = idFor('1962-05-20', 12), STRANGER = idFor('1990-01-01', 77);

async function registry(o: Office) {
  const r = (await o.clerk('households.create', { household: household({ current: { tier: 'dibao', monthlyBenefit: 300 } }) })) as any;
  if (!r.ok) throw new Error(JSON.stringify(r));
}

/** ~6 MB per 120,000 rows: strangers, registry members (one under another name), defective and blank rows, full-width digits. */
function bigFile(dir: string, rows = 120_000): string {
  const lines = ['示范县医疗保障局 住院结算（导出）', '身份证号码,姓名,入院日期,个人自付'];
  for (let i = 0; i < rows; i++) {
    const k = i % 1000;
    if (k === 7) lines.push(`${HEAD},王建国,2026-10-0${1 + (i % 9)},${6000 + i}`);
    else if (k === 8) lines.push(`${SPOUSE},李某某,2026-09-1${i % 10},120.50`);
    else if (k === 9) lines.push(`1.30123E+17,某人,2026-10-01,100`);
    else if (k === 10) lines.push(`${idFor('1970-01-01', 5).slice(0, 17)}${idFor('1970-01-01', 5).endsWith('1') ? '2' : '1'},某人,2026-10-01,100`);
    else if (k === 11) lines.push(',,,');
    else if (k === 12) lines.push(`${idFor('1980-02-02', 3).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))},全角,2026-10-01,100`);
    else lines.push(`${idFor('1970-01-01', 100 + (i % 800), String(130200 + (i % 90)))},某人${i % 7},2026-10-0${1 + (i % 9)},${100 + (i % 50)}.00`);
  }
  return writeCsv(dir, 'big.csv', lines.join('\n') + '\n');
}

async function stage(o: Office, file: string, threaded: boolean) {
  const p = await prepareImport(o.store.raw, { file, name: 'big.csv', bytes: fs.statSync(file).size }, 'medical_insurance', { fileDate: '2026-11-01' }, { username: 'clerk1' }, NOW);
  if (p.kind !== 'job') throw new Error('not a job');
  const tally: StageTally = { complete: false, accepted: 0, matched: 0, unknown: 0 };
  const progress: number[] = [];
  const r = await stageFile(o.store.raw, p.job, (x) => progress.push(x.rowsRead), () => false, tally, threaded);
  const raw = o.store.raw;
  return {
    r, tally, progress,
    imp: raw.prepare(`SELECT status, staged_rows, rows_read FROM exchange_imports WHERE id = ?`).get(p.importId),
    rows: raw.prepare(`SELECT * FROM exchange_rows WHERE import_id = ? ORDER BY row`).all(p.importId),
    unknown: (raw.prepare(`SELECT data FROM exchange_unknown_rows WHERE import_id = ? ORDER BY first_row`).all(p.importId) as { data: string }[]).flatMap((c) => JSON.parse(c.data)),
    rejects: raw.prepare(`SELECT row, "column", reason, reason_en FROM exchange_rejects WHERE import_id = ? ORDER BY row`).all(p.importId),
    persons: unknownPersons(raw, p.importId, { pageSize: 5 }),
  };
}

describe('staging a large file', () => {
  it('read in a thread of its own, stages exactly what the one-thread path stages', async () => {
    const a = await office(), b = await office();
    await registry(a); await registry(b);
    const file = bigFile(a.dir);
    expect(fs.statSync(file).size).toBeGreaterThan(4 << 20);
    const threaded = await stage(a, file, true), inline = await stage(b, file, false);
    expect(threaded.tally.threaded).toBe(true);
    expect(inline.tally.threaded).toBe(false);

    expect(threaded.r).toBe('staged');
    expect(threaded.imp).toEqual({ status: 'staged', staged_rows: 120_002, rows_read: 119_880 });
    expect(threaded.tally).toMatchObject({ complete: true, accepted: 119_640, matched: 2 });
    // 120 rows of the head and 120 of the spouse are findings; every other good row is an unknown person's, packed.
    expect(threaded.rows).toHaveLength(240);
    expect(threaded.rows[0]).toMatchObject({ row: 10, id_number: HEAD, name: '王建国', category: 'hospital_stay', event_date: '2026-10-08', amount_fen: 600_700, rule: 'hospital_cost' });
    expect(threaded.unknown).toHaveLength(119_400);
    expect(threaded.unknown.find((u: unknown[]) => u[0] === 15)).toEqual([15, idFor('1980-02-02', 3), '全角', 'hospital_stay', '2026-10-01', expect.any(String), 10_000, null, null]);
    expect(threaded.rejects).toHaveLength(240);
    expect(threaded.persons.total).toBe(threaded.tally.unknown);
    expect(threaded.progress.at(-1)).toBe(119_880);
    // Reported every 10,000 rows or so, not only at the commits 100,000 rows apart.
    expect(threaded.progress.length).toBeGreaterThanOrEqual(10);
    expect(threaded.progress).toEqual([...threaded.progress].sort((x, y) => x - y));

    for (const k of ['r', 'imp', 'rows', 'unknown', 'rejects', 'persons'] as const) expect(threaded[k]).toEqual(inline[k]);
    expect({ ...threaded.tally, threaded: null }).toEqual({ ...inline.tally, threaded: null });
  }, 120_000);

  it('writes the list of unknown persons as it stages; the list reads page for page as the rows grouped', async () => {
    const o = await office();
    await registry(o);
    // Names as files have them: none on a person's first row, a character outside the BMP, an ID number ending in X.
    let x = 1;
    while (!idFor('1975-06-06', x).endsWith('X')) x++;
    const X = idFor('1975-06-06', x), A = idFor('1981-01-01', 1), B = idFor('1982-02-02', 2);
    const lines = ['身份证号码,姓名,入院日期,个人自付', `${A},,2026-10-01,10`, `${X},𠀀明,2026-10-01,10`, `${A},张三,2026-10-02,10`, `${HEAD},王建国,2026-10-01,10`, `${B},李四,2026-10-01,10`, `${X},𠀀明,2026-10-03,10`];
    const big = fs.readFileSync(bigFile(o.dir, 60_000), 'utf8').split('\n').slice(2);
    const file = writeCsv(o.dir, 'u.csv', [...lines, ...big].join('\n'));
    const p = await prepareImport(o.store.raw, { file, name: 'u.csv', bytes: fs.statSync(file).size }, 'medical_insurance', { fileDate: '2026-11-01' }, { username: 'clerk1' }, NOW);
    if (p.kind !== 'job') throw new Error('not a job');
    const tally: StageTally = { complete: false, accepted: 0, matched: 0, unknown: 0 };
    expect(await stageFile(o.store.raw, p.job, () => {}, () => false, tally, true)).toBe('staged');
    const raw = o.store.raw;
    const chunks = raw.prepare(`SELECT chunk, n FROM exchange_unknown_persons WHERE import_id = ? ORDER BY chunk`).all(p.importId) as { chunk: number; n: number }[];
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.reduce((a, c) => a + c.n, 0)).toBe(tally.unknown);
    const first = unknownPersons(raw, p.importId, { pageSize: 3 });
    expect(first).toEqual({ total: tally.unknown, page: 1, pageSize: 3, items: [
      { idNumber: A, name: null, firstRow: 2, rows: 2 }, { idNumber: X, name: '𠀀明', firstRow: 3, rows: 2 }, { idNumber: B, name: '李四', firstRow: 6, rows: 1 }] });
    const pages = [[3, 1], [1000, 1], [1000, 2], [7, 143], [999, 2], [10, Math.ceil(tally.unknown / 10)], [10, Math.ceil(tally.unknown / 10) + 1]] as const;
    const listed = pages.map(([pageSize, page]) => unknownPersons(raw, p.importId, { pageSize, page }));
    // Without the list (an import staged before migration 10, or in two runs), the rows grouped give the same pages.
    raw.prepare(`DELETE FROM exchange_unknown_persons WHERE import_id = ?`).run(p.importId);
    expect(pages.map(([pageSize, page]) => unknownPersons(raw, p.importId, { pageSize, page }))).toEqual(listed);
    expect(listed.at(-1)!.items).toEqual([]);
    expect(listed.at(-2)!.items.length).toBeGreaterThan(0);
  }, 120_000);

  it('parts read before the person index comes wait (eight at most), and are matched and handed on in order when it comes', async () => {
    const o = await office();
    await registry(o);
    // Parts of about 256 KB: more than the reader validates ahead, and fewer.
    for (const rows of [120_000, 10_000]) {
      const file = bigFile(o.dir, rows);
      const p = await prepareImport(o.store.raw, { file, name: 'big.csv', bytes: fs.statSync(file).size }, 'medical_insurance', { fileDate: '2026-11-01' }, { username: 'clerk1' }, NOW);
      if (p.kind !== 'job') throw new Error('not a job');
      const plan = { job: p.job, resumeAfter: 0, packUnknown: true, countPersons: true };
      const collect = async (persons: PersonIndex | PersonSource) => {
        const out: RowsBatch[] = [];
        const end = await prepareRows(plan, persons, (b) => { out.push(b); return true; });
        return { out, end };
      };
      const index = new PersonIndex(o.store.raw);
      let waited = 0;
      /** The index from the `calls`-th time the reader asks (once a part); `wait` always has it. */
      const after = (calls: number): PersonSource => { let k = 0; return { now: () => (++k > calls ? index : null), wait: () => { waited++; return index; } }; };
      const direct = await collect(index);
      if (rows > 10_000) expect(direct.out.length).toBeGreaterThan(8);
      else expect([2, 3, 4]).toContain(direct.out.length);
      expect(direct.end).toMatchObject({ rowsRead: rows - rows / 1000, matched: 2 });
      // There from the second part on: the first waits, and goes on before the second.
      expect(await collect(after(1))).toEqual(direct);
      expect(waited).toBe(0);
      // Never there by itself: the reader waits for it after eight parts, or at the end of the short file.
      waited = 0;
      expect(await collect(after(Infinity))).toEqual(direct);
      expect(waited).toBe(1);
    }
  }, 120_000);

  it('a cancel from the writer stops the reading thread, keeps only committed batches, and the next run resumes after them', async () => {
    const o = await office();
    await registry(o);
    // 200,000 rows in parts of about 256 KB (~5,000 rows): the first commit comes after 100,000 rows, about the 20th part.
    const file = bigFile(o.dir, 200_000);
    const p = await prepareImport(o.store.raw, { file, name: 'big.csv', bytes: fs.statSync(file).size }, 'medical_insurance', { fileDate: '2026-11-01' }, { username: 'clerk1' }, NOW);
    if (p.kind !== 'job') throw new Error('not a job');
    let parts = 0;
    const tally: StageTally = { complete: false, accepted: 0, matched: 0, unknown: 0 };
    expect(await stageFile(o.store.raw, p.job, () => {}, () => ++parts >= 28, tally, true)).toBe('cancelled');
    const n = (sql: string) => (o.store.raw.prepare(sql).get(p.importId) as { n: number }).n;
    const marker = n(`SELECT staged_rows AS n FROM exchange_imports WHERE id = ?`);
    expect(marker).toBeGreaterThan(100_000);
    expect(marker).toBeLessThan(200_000);
    // Nothing of the cancelled batch survives: every staged row lies at or before the marker.
    expect(n(`SELECT MAX(row) AS n FROM exchange_rows WHERE import_id = ?`)).toBeLessThanOrEqual(marker);
    expect(n(`SELECT MAX(last_row) AS n FROM exchange_unknown_rows WHERE import_id = ?`)).toBeLessThanOrEqual(marker);
    expect(n(`SELECT MAX(row) AS n FROM exchange_rejects WHERE import_id = ?`)).toBeLessThanOrEqual(marker);
    // The writer is free again at once: the next run reads the file again, stages only what follows the marker, and the whole is complete.
    expect(await stageFile(o.store.raw, p.job, () => {}, () => false, tally, true)).toBe('staged');
    expect(tally).toMatchObject({ complete: false, accepted: 199_400, threaded: true });
    expect(n(`SELECT COUNT(*) AS n FROM exchange_rows WHERE import_id = ?`)).toBe(400);
    expect(n(`SELECT COUNT(DISTINCT j.value->>0) AS n FROM exchange_unknown_rows u, json_each(u.data) j WHERE u.import_id = ?`)).toBe(199_000);
    expect(n(`SELECT COUNT(*) AS n FROM exchange_unknown_rows u, json_each(u.data) j WHERE u.import_id = ?`)).toBe(199_000);
    expect(n(`SELECT COUNT(*) AS n FROM exchange_rejects WHERE import_id = ?`)).toBe(400);
    // Staged in two runs, it has no list of unknown persons: the page groups the rows.
    expect(n(`SELECT COUNT(*) AS n FROM exchange_unknown_persons WHERE import_id = ?`)).toBe(0);
    expect(unknownPersons(o.store.raw, p.importId, { pageSize: 1 }).total).toBe(n(`SELECT COUNT(DISTINCT j.value->>1) AS n FROM exchange_unknown_rows u, json_each(u.data) j WHERE u.import_id = ?`));
  }, 120_000);
});

describe('a file that changes encoding part-way', () => {
  it('stops with a message saying where, in the reading thread as in one thread, and leaves the writer usable', async () => {
    for (const inThread of [true, false]) {
      const o = await office();
      await registry(o);
      // 5 MB of UTF-8 (what the first megabyte says), then a line saved as GB18030.
      const good = fs.readFileSync(bigFile(o.dir, 100_000));
      const file = `${o.dir}/mixed.csv`;
      fs.writeFileSync(file, Buffer.concat([good, iconv.encode(`${HEAD},王建国,2026-10-01,100\n`, 'gb18030')]));
      const p = await prepareImport(o.store.raw, { file, name: 'mixed.csv', bytes: fs.statSync(file).size }, 'medical_insurance', { fileDate: '2026-11-01' }, { username: 'clerk1' }, NOW);
      if (p.kind !== 'job') throw new Error('not a job');
      const tally: StageTally = { complete: false, accepted: 0, matched: 0, unknown: 0 };
      await expect(stageFile(o.store.raw, p.job, () => {}, () => false, tally, inThread)).rejects.toMatchObject({ code: 'mixed_encoding', messages: { en: expect.stringMatching(/not valid utf-8 after byte \d+/) } });
      // The batch in progress was rolled back; the committed one and its marker stay, and the connection takes writes again.
      const marker = (o.store.raw.prepare(`SELECT staged_rows AS n FROM exchange_imports WHERE id = ?`).get(p.importId) as { n: number }).n;
      expect((o.store.raw.prepare(`SELECT MAX(row) AS n FROM exchange_rows WHERE import_id = ?`).get(p.importId) as { n: number | null }).n ?? 0).toBeLessThanOrEqual(marker);
      expect(o.store.raw.inTransaction).toBe(false);
      expect(await o.clerk('exchange.history', {})).toMatchObject({ ok: true });
    }
  }, 120_000);
});

describe('the person index', () => {
  it('finds each active person and tells a differing name, names outside the BMP included', async () => {
    const o = await office();
    await registry(o);
    // A given name outside the Basic Multilingual Plane: one character for SQLite, two UTF-16 units for JavaScript.
    o.store.raw.prepare(`UPDATE members SET name = '王𠀀' WHERE id_number = ?`).run(HEAD);
    const persons = new PersonIndex(o.store.raw);
    const head = persons.find(HEAD), spouse = persons.find(SPOUSE);
    expect(head).toBeGreaterThanOrEqual(0);
    expect(spouse).toBeGreaterThanOrEqual(0);
    expect(persons.find(idFor('1999-09-09', 99))).toBe(-1);
    expect(persons.nameDiffers(head, '王𠀀')).toBe(false);
    expect(persons.nameDiffers(head, '王')).toBe(true);
    expect(persons.nameDiffers(spouse, '李秀英')).toBe(false);
    expect(persons.nameDiffers(spouse, '李秀')).toBe(true);
    // Handed to another thread as its parts, it answers the same.
    const copy = PersonIndex.from(structuredClone(persons.parts()));
    expect([copy.find(HEAD), copy.find(SPOUSE), copy.nameDiffers(spouse, '李秀英'), copy.nameDiffers(head, '王𠀀')]).toEqual([head, spouse, false, false]);
  });
});

describe('apply after a registry change', () => {
  /** Stages a small file of the head (named as in the registry) and the spouse (named otherwise), changes the registry, applies. */
  async function stagedThenChanged(change: (o: Office) => void) {
    const o = await office();
    await registry(o);
    const file = writeCsv(o.dir, 'm.csv', csvLines([['身份证号码', '姓名', '入院日期', '个人自付'], [HEAD, '王建国', '2026-10-01', '100'], [SPOUSE, '李某某', '2026-10-02', '100'], [STRANGER, '路人', '2026-10-03', '100']]));
    const p = await prepareImport(o.store.raw, { file, name: 'm.csv', bytes: fs.statSync(file).size }, 'medical_insurance', { fileDate: '2026-11-01' }, { username: 'clerk1' }, NOW);
    if (p.kind !== 'job') throw new Error('not a job');
    const tally: StageTally = { complete: false, accepted: 0, matched: 0, unknown: 0 };
    expect(await stageFile(o.store.raw, p.job, () => {}, () => false, tally)).toBe('staged');
    const flags = o.store.raw.prepare(`SELECT id_number, name_differs FROM exchange_rows WHERE import_id = ? ORDER BY row`).all(p.importId);
    expect(flags).toEqual([{ id_number: HEAD, name_differs: null }, { id_number: SPOUSE, name_differs: 1 }]);
    change(o);
    const summary = applyImport(o.store.raw, p.importId, { userId: null, username: 'clerk1' }, NOW, 'en', tally);
    const rules = (o.store.raw.prepare(`SELECT id_number, rule FROM warnings ORDER BY id_number`).all() as { id_number: string; rule: string }[]);
    return { summary, rules, persons: unknownPersons(o.store.raw, p.importId), listed: o.store.raw.prepare(`SELECT COUNT(*) FROM exchange_unknown_persons WHERE import_id = ?`).pluck().get(p.importId) };
  }

  it('with the registry unchanged, only the flagged name is compared and raises its warning', async () => {
    const { summary, rules, listed } = await stagedThenChanged(() => {});
    expect(rules).toEqual([{ id_number: SPOUSE, rule: 'name_mismatch' }]);
    expect(listed).toBe(1);
    expect(summary).toMatchObject({ accepted: 3, matchedPersons: 2, unknownPersons: 1 });
  });

  it('a member renamed after staging: every match is checked again against the registry as it is at apply', async () => {
    // The head's row carried the registry name when staged; the registry now says otherwise.
    const { rules } = await stagedThenChanged((o) => o.store.raw.prepare(`UPDATE members SET name = '王建民' WHERE id_number = ?`).run(HEAD));
    expect(rules).toEqual([{ id_number: HEAD, rule: 'name_mismatch' }, { id_number: SPOUSE, rule: 'name_mismatch' }].sort((a, b) => a.id_number.localeCompare(b.id_number)));
  });

  it('a member who left after staging is no longer a match: the row counts as an unknown person', async () => {
    const { summary, rules, persons, listed } = await stagedThenChanged((o) => o.store.raw.prepare(`UPDATE members SET active = 0 WHERE id_number = ?`).run(HEAD));
    expect(rules).toEqual([{ id_number: SPOUSE, rule: 'name_mismatch' }]);
    expect(summary).toMatchObject({ accepted: 3, matchedPersons: 1, unknownPersons: 2 });
    // The list written at staging (the stranger alone) no longer holds: the page groups the rows and finds the head too.
    expect(listed).toBe(0);
    expect(persons).toEqual({ total: 2, page: 1, pageSize: 100, items: [{ idNumber: HEAD, name: '王建国', firstRow: 2, rows: 1 }, { idNumber: STRANGER, name: '路人', firstRow: 4, rows: 1 }] });
  });

  it('saving a member without changing number, activity, name or household leaves the epoch as it was', async () => {
    const o = await office();
    await registry(o);
    const epoch = () => o.store.raw.prepare(`SELECT n FROM registry_epoch`).pluck().get();
    const before = epoch();
    o.store.raw.prepare(`UPDATE members SET name = name, active = active, relation = relation`).run();
    expect(epoch()).toBe(before);
    o.store.raw.prepare(`UPDATE members SET name = '王建民' WHERE id_number = ?`).run(HEAD);
    expect(epoch()).toBe((before as number) + 1);
  });
});
