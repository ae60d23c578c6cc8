/**
 * What the staging tests share: a registry of one household, big files of hospital stays (strangers, registry members, one
 * under another name, defective, blank and full-width rows), an import job of a file, and what a staging run read and stored
 * in forms that compare across runs and offices.
 */
import fs from 'node:fs';
import { expect } from 'vitest';
import { listChain } from '../../../src-main/chain/events';
import { prepareImport } from '../../../src-main/exchange/imports';
import { unpackPart } from '../../../src-main/exchange/packed';
import { unpackUnknownPersons } from '../../../src-main/exchange/persons';
import { stageFile, type Staging } from '../../../src-main/exchange/stage';
import { READ_CHUNK } from '../../../src-main/exchange/tuning';
import { idFor } from '../../fixtures/builders';
import { office, registry as household, writeCsv, NOW, type Office } from './helpers';

export const HEAD = idFor('1960-03-01', 11),
  SPOUSE = idFor('1962-05-20', 12),
  STRANGER = idFor('1990-01-01', 77);
export const ACTOR = { userId: null, username: 'clerk1' };

/** The builders' household in dibao, no authorisation signed. */
export const registry = (o: Office) => household(o, { authorised: 0 });

/** ~6 MB per 120,000 rows: strangers, registry members (one under another name), defective and blank rows, full-width digits. */
export function bigLines(rows = 120_000, title = '示范县医疗保障局 住院结算（导出）'): string[] {
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
export const bigFile = (dir: string, rows = 120_000, name = 'big.csv') => writeCsv(dir, name, bigLines(rows).join('\n') + '\n');
/** The parts (one per READ_CHUNK of the file) that reading the first `rows` rows of a bigFile of 200,000 rows takes. */
export const partsOf = (file: string, rows: number) => Math.ceil((rows * fs.statSync(file).size) / 200_000 / READ_CHUNK);

/** Two offices with the same registry: one runs an import some way, the other in one go to compare with. */
export async function twoOffices(): Promise<[Office, Office]> {
  const a = await office(),
    b = await office();
  await registry(a);
  await registry(b);
  return [a, b];
}

/** An import of a 200,000-row file staged (read in threads or not) until about 140,000 rows, after its first commit, and cancelled. */
export async function cancelledRun(o: Office, threaded: boolean) {
  const file = bigFile(o.dir, 200_000);
  const p = await job(o, file);
  let parts = 0;
  expect(await stageFile(o.store.raw, p.job, { cancelled: () => ++parts >= partsOf(file, 140_000), inThread: threaded })).toBe('cancelled');
  return p;
}

export async function job(o: Office, file: string) {
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
export async function stage(o: Office, file: string, threaded: boolean) {
  const p = await job(o, file);
  const progress: number[] = [];
  const st = await stageFile(o.store.raw, p.job, { onProgress: (x) => progress.push(x.rowsRead), inThread: threaded });
  if (st === 'cancelled') throw new Error('cancelled');
  return { st, progress, ...stored(o, p.importId), ...read(st) };
}
export function stored(o: Office, importId: number) {
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
export function read(st: Staging) {
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

/** What an applied import left: its summary, its warnings and their lines in the chain, in forms that compare across offices. */
export function effects(o: Office, summary: unknown) {
  const raw = o.store.raw;
  return {
    summary,
    warnings: raw
      .prepare(
        `SELECT rule, severity, household_id, id_number, person_name, evidence_key, evidence, raised_on, due_on, status, department, raised_by FROM warnings ORDER BY id`,
      )
      .all(),
    // The chain shows each warning's raising from the warnings table.
    chain: (raw.prepare(`SELECT DISTINCT household_id FROM warnings ORDER BY household_id`).pluck().all() as number[]).flatMap((h) =>
      listChain(raw, { householdId: h })
        .filter((e) => e.kind === 'warning')
        .map((e) => [e.householdId, e.idNumber, e.item, e.status, e.department, e.recordedBy, e.summary]),
    ),
    householdIndex: raw.prepare(`SELECT household_id, row FROM exchange_household_rows ORDER BY household_id, row`).raw().all(),
  };
}
