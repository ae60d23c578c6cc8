/**
 * The import wizard's steps on the main side: preview (first rows, detected
 * encoding, header row, automatic mapping), validation report, and preparing an import —
 * SHA-256 first: an applied file is a duplicate and adds nothing; an unfinished one resumes.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appError } from '../common/errors';
import { todayIso, isIsoDate } from '../common/dates';
import { detectEncoding, detectFormat, firstRows, readTable, type Encoding, type Format } from './read-table';
import { autoMap, detectHeaderRow, resolveMapping, savedMapping, storedMapping, type Mapping } from './mapping';
import { profileOf, type Source } from './profiles';
import { checkIdCell, halfWidth } from './normalize';
import { sha256File } from './file-input';
import { csvText } from '../shared/csv-out';
import type { StageJob } from './stage';
import { PersonIndex, unpackUnknownPersons } from './persons';
import { storedSummary, type ImportSummary } from './summary';
import { UNKNOWN_PER_CHUNK } from './tuning';
import { all, first, qb, run } from '../db/query';

export interface FileInfo {
  file: string;
  name: string;
  bytes: number;
}

export interface Layout {
  format: Format;
  encoding: Encoding | null;
  /** 1-based row number of the header. */
  headerRow: number;
  header: string[];
  mapping: Mapping;
  index: Record<string, number>;
  missing: string[];
}

async function layoutOf(
  raw: BetterSqlite3.Database,
  f: FileInfo,
  source: Source,
  opts: { mapping?: Mapping; headerRow?: number },
): Promise<Layout & { sample: string[][]; sampleRows: number[] }> {
  const p = profileOf(source);
  const format = detectFormat(f.file, f.name);
  const encoding = format === 'csv' ? detectEncoding(f.file) : null;
  const first = await firstRows(f.file, format, encoding, 40);
  if (first.rows.length === 0) throw appError('file_empty', `${f.name} has no rows.`, `${f.name} 没有数据行。`, 'file');
  const saved = savedMapping(raw, source);
  const hi =
    opts.headerRow !== undefined ? first.rowNumbers.indexOf(opts.headerRow) : detectHeaderRow(p, first.rows, opts.mapping ?? saved);
  if (hi < 0)
    throw appError(
      'invalid_input',
      `Row ${opts.headerRow} is not among the first rows.`,
      `第 ${opts.headerRow} 行不在文件开头部分。`,
      'headerRow',
    );
  const header = first.rows[hi].map((h) => halfWidth(h));
  const mapping = opts.mapping ?? autoMap(p, header, saved);
  const r = resolveMapping(p, header, mapping);
  return {
    format,
    encoding,
    headerRow: first.rowNumbers[hi],
    header,
    mapping,
    index: r.index,
    missing: r.missing,
    sample: first.rows.slice(hi + 1),
    sampleRows: first.rowNumbers.slice(hi + 1),
  };
}

export async function preview(
  raw: BetterSqlite3.Database,
  f: FileInfo,
  source: Source,
  opts: { mapping?: Mapping; headerRow?: number; rows?: number } = {},
) {
  const p = profileOf(source);
  const l = await layoutOf(raw, f, source, opts);
  const n = Math.min(opts.rows ?? 20, 40);
  return {
    file: f.name,
    bytes: f.bytes,
    source,
    format: l.format,
    encoding: l.encoding,
    headerRow: l.headerRow,
    header: l.header,
    mapping: l.mapping,
    missing: l.missing,
    savedMapping: savedMapping(raw, source) !== null,
    needsAuthorisation: p.needsAuthorisation,
    fields: p.fields.map((x) => ({ key: x.key, label: x.zh, required: x.required, type: x.type })),
    rows: l.sample.slice(0, n).map((cells, i) => ({ row: l.sampleRows[i], cells })),
  };
}

const REPORT_LIMIT = 10_000;

/** Dry run over the whole file: every row problem (row, column, problem), counts, matches. Nothing is written. */
export async function validate(
  raw: BetterSqlite3.Database,
  f: FileInfo,
  source: Source,
  opts: { mapping?: Mapping; headerRow?: number; fileDate?: string },
  now: Date,
  lang: 'zh' | 'en',
) {
  const p = profileOf(source);
  const l = await layoutOf(raw, f, source, opts);
  if (l.missing.length)
    missingError(
      p.fields.filter((x) => l.missing.includes(x.key)).map((x) => x.zh),
      l.missing,
    );
  const today = todayIso(now);
  const persons = new PersonIndex(raw);
  const problems: { row: number; column: string; problem: string }[] = [];
  let rowsRead = 0,
    valid = 0,
    invalid = 0,
    matched = 0,
    unknown = 0;
  const fields = Object.entries(l.index).filter(([k]) => k !== 'idNumber');
  await readTable(f.file, l.format, l.encoding, (b) => {
    for (let i = 0; i < b.rows.length; i++) {
      const rowNo = b.rowNumbers ? b.rowNumbers[i] : b.firstRow + i;
      const cells = b.rows[i];
      if (rowNo <= l.headerRow || cells.every((c) => c.trim() === '')) continue;
      rowsRead++;
      const id = checkIdCell(cells[l.index.idNumber] ?? '', today, b.numeric?.[i]?.[l.index.idNumber] === true);
      let problem: { column: string; text: string } | null = null;
      const bad = b.bad?.[i];
      if (bad) problem = { column: bad.column < 0 ? '' : (l.header[bad.column] ?? `#${bad.column + 1}`), text: bad[lang] };
      else if (!id.ok) problem = { column: l.header[l.index.idNumber], text: id.problem[lang] };
      else {
        const v: Record<string, string> = {};
        for (const [k, c] of fields) v[k] = halfWidth(cells[c] ?? '');
        const s = p.stage(v);
        if ('field' in s) problem = { column: l.header[l.index[s.field]] ?? s.field, text: s[lang] };
      }
      if (problem) {
        invalid++;
        if (problems.length < REPORT_LIMIT) problems.push({ row: rowNo, column: problem.column, problem: problem.text });
      } else {
        valid++;
        if (id.ok && persons.find(id.id) >= 0) matched++;
        else unknown++;
      }
    }
  });
  const csv = csvText([
    lang === 'zh' ? ['行', '列', '问题'] : ['row', 'column', 'problem'],
    ...problems.map((x) => [x.row, x.column, x.problem]),
  ]);
  return {
    file: f.name,
    source,
    encoding: l.encoding,
    format: l.format,
    headerRow: l.headerRow,
    mapping: l.mapping,
    rowsRead,
    valid,
    invalid,
    matchedRows: matched,
    unknownRows: unknown,
    problems,
    truncated: invalid > problems.length,
    reportCsvBase64: Buffer.from(csv, 'utf8').toString('base64'),
  };
}

function missingError(labels: string[], keys: string[]): never {
  throw appError(
    'mapping_incomplete',
    `Map these required columns first: ${keys.join(', ')}.`,
    `请先为以下必填字段指定列：${labels.join('、')}。`,
    'mapping',
  );
}

export type Prepared =
  | { kind: 'duplicate'; importId: number; summary: ImportSummary }
  | { kind: 'job'; importId: number; resumed: boolean; job: StageJob; sha256: string };

/** Hashes the file and creates (or finds) its import row; the caller then stages and applies it. */
export async function prepareImport(
  raw: BetterSqlite3.Database,
  f: FileInfo,
  source: Source,
  opts: { mapping?: Mapping; headerRow?: number; fileDate?: string },
  actor: { username: string },
  now: Date,
): Promise<Prepared> {
  const p = profileOf(source);
  const fileDate = opts.fileDate ?? todayIso(now);
  if (!isIsoDate(fileDate)) throw appError('invalid_input', 'The file date must be YYYY-MM-DD.', '文件日期须为 YYYY-MM-DD。', 'fileDate');
  const sha256 = await sha256File(f.file);
  const existing = first(raw, qb.selectFrom('exchange_imports').selectAll().where('sha256', '=', sha256));
  if (existing?.status === 'applied' && existing.summary_json) {
    const s = storedSummary(existing.summary_json);
    return { kind: 'duplicate', importId: existing.id, summary: { ...s, file: f.name, warningsRaised: 0, duplicateFile: true } };
  }
  const l = await layoutOf(
    raw,
    f,
    source,
    existing && !opts.mapping && opts.headerRow === undefined
      ? { mapping: storedMapping(existing.mapping_json), headerRow: existing.header_row }
      : opts,
  );
  if (l.missing.length)
    missingError(
      p.fields.filter((x) => l.missing.includes(x.key)).map((x) => x.zh),
      l.missing,
    );
  const today = todayIso(now);
  let importId: number;
  let resumed = false;
  if (existing) {
    importId = existing.id;
    const same =
      existing.source === source &&
      existing.mapping_json === JSON.stringify(l.mapping) &&
      existing.header_row === l.headerRow &&
      existing.file_date === fileDate;
    raw.transaction(() => {
      if (!same) {
        // Another mapping or source: what was staged no longer holds; start the staging over.
        for (const t of ['exchange_row_parts', 'exchange_unknown_persons', 'exchange_rejects'] as const)
          run(raw, qb.deleteFrom(t).where('import_id', '=', importId));
        const layout = {
          source,
          mapping_json: JSON.stringify(l.mapping),
          header_row: l.headerRow,
          file_date: fileDate,
          staged_rows: 0,
          rows_read: 0,
        };
        run(raw, qb.updateTable('exchange_imports').set(layout).where('id', '=', importId));
      }
      // Read again in any case (apply works from what the reading keeps in memory); the parts already stored are not written twice.
      run(raw, qb.updateTable('exchange_imports').set({ status: 'staging', file_name: f.name, error: null }).where('id', '=', importId));
    })();
    resumed = same;
  } else {
    const row = {
      sha256,
      file_name: f.name,
      source,
      format: l.format,
      encoding: l.encoding,
      header_row: l.headerRow,
      mapping_json: JSON.stringify(l.mapping),
      file_date: fileDate,
      bytes: f.bytes,
      status: 'staging' as const,
      started_by: actor.username,
      started_at: now.toISOString(),
    };
    importId = run(raw, qb.insertInto('exchange_imports').values(row)).lastInsertRowid;
  }
  return {
    kind: 'job',
    importId,
    resumed,
    sha256,
    job: {
      importId,
      file: f.file,
      format: l.format,
      encoding: l.encoding,
      source,
      headerRow: l.headerRow,
      header: l.header,
      index: l.index,
      today,
    },
  };
}

/** Every file ever imported, newest first, with its hash and counts. */
export function history(raw: BetterSqlite3.Database, opts: { source?: string; page?: number; pageSize?: number } = {}) {
  const size = Math.min(opts.pageSize ?? 50, 500),
    page = Math.max(1, opts.page ?? 1);
  const scope = opts.source ? qb.selectFrom('exchange_imports').where('source', '=', opts.source) : qb.selectFrom('exchange_imports');
  const total = first(
    raw,
    scope.select((eb) => eb.fn.countAll<number>().as('n')),
  )!.n;
  const rows = all(
    raw,
    scope
      .selectAll()
      .orderBy('id', 'desc')
      .limit(size)
      .offset((page - 1) * size),
  );
  return {
    total,
    page,
    pageSize: size,
    items: rows.map((r) => {
      const s = r.summary_json ? storedSummary(r.summary_json) : null;
      return {
        id: r.id,
        file: r.file_name,
        sha256: r.sha256,
        source: r.source,
        format: r.format,
        encoding: r.encoding,
        fileDate: r.file_date,
        bytes: r.bytes,
        status: r.status,
        rowsRead: r.rows_read,
        accepted: s?.accepted ?? null,
        rejected: s ? s.rejected.length : null,
        matchedPersons: s?.matchedPersons ?? null,
        unknownPersons: s?.unknownPersons ?? null,
        warningsRaised: s?.warningsRaised ?? null,
        startedBy: r.started_by,
        startedAt: r.started_at,
        appliedAt: r.applied_at,
        error: r.error,
      };
    }),
  };
}

/**
 * The unknown persons of an import (counted in the summary, listed here), paged, in the order
 * of their first row, each with the name on that row and its number of rows: from the list
 * written at apply, a thousand persons to a record.
 */
export function unknownPersons(raw: BetterSqlite3.Database, importId: number, opts: { page?: number; pageSize?: number } = {}) {
  const size = Math.min(opts.pageSize ?? 100, 1000),
    page = Math.max(1, opts.page ?? 1);
  const offset = (page - 1) * size;
  const ofImport = qb.selectFrom('exchange_unknown_persons').where('import_id', '=', importId);
  const total = first(
    raw,
    ofImport.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('total')),
  )!.total;
  const from = Math.floor(offset / UNKNOWN_PER_CHUNK);
  const to = Math.floor((offset + size - 1) / UNKNOWN_PER_CHUNK);
  const chunks = all(raw, ofImport.select('data').where('chunk', '>=', from).where('chunk', '<=', to).orderBy('chunk'));
  const skip = offset - from * UNKNOWN_PER_CHUNK;
  const items = chunks.flatMap((c) => unpackUnknownPersons(c.data)).slice(skip, skip + size);
  return { total, page, pageSize: size, items };
}
