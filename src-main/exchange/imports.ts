/**
 * The import wizard's steps on the main side (issue 4 §1): preview (first rows, detected
 * encoding, header row, automatic mapping), validation report, and preparing an import —
 * SHA-256 first: an applied file is a duplicate and adds nothing; an unfinished one resumes.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { appError } from '../common/errors';
import { todayIso, isIsoDate } from '../common/dates';
import { detectEncoding, detectFormat, firstRows, readTable, type Encoding, type Format } from './read-table';
import { autoMap, detectHeaderRow, resolveMapping, savedMapping, type Mapping } from './mapping';
import { profileOf, type Source } from './profiles';
import { checkIdCell, halfWidth } from './normalize';
import { sha256File } from './file-input';
import type { StageJob } from './stage';
import { PersonIndex, UNKNOWN_PER_CHUNK, unpackUnknownPersons } from './persons';
import { UNKNOWN_IDS_SQL, type ImportSummary } from './apply';

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
      if (!id.ok) problem = { column: l.header[l.index.idNumber], text: id.problem[lang] };
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
        if (persons.find((id as { id: string }).id) >= 0) matched++;
        else unknown++;
      }
    }
  });
  const csv =
    '\uFEFF' +
    [lang === 'zh' ? '行,列,问题' : 'row,column,problem', ...problems.map((x) => [x.row, x.column, x.problem].map(csvCell).join(','))].join(
      '\r\n',
    ) +
    '\r\n';
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

export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
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
  const existing = raw.prepare(`SELECT * FROM exchange_imports WHERE sha256 = ?`).get(sha256) as any;
  if (existing?.status === 'applied') {
    const s = JSON.parse(existing.summary_json) as ImportSummary;
    return { kind: 'duplicate', importId: existing.id, summary: { ...s, file: f.name, warningsRaised: 0, duplicateFile: true } };
  }
  const l = await layoutOf(
    raw,
    f,
    source,
    existing && !opts.mapping && opts.headerRow === undefined
      ? { mapping: JSON.parse(existing.mapping_json), headerRow: existing.header_row }
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
        raw.prepare(`DELETE FROM exchange_row_parts WHERE import_id = ?`).run(importId);
        raw.prepare(`DELETE FROM exchange_unknown_persons WHERE import_id = ?`).run(importId);
        raw.prepare(`DELETE FROM exchange_rejects WHERE import_id = ?`).run(importId);
        raw
          .prepare(
            `UPDATE exchange_imports SET source = ?, mapping_json = ?, header_row = ?, file_date = ?, staged_rows = 0, rows_read = 0 WHERE id = ?`,
          )
          .run(source, JSON.stringify(l.mapping), l.headerRow, fileDate, importId);
      }
      // Read again in any case (apply works from what the reading keeps in memory); the parts already stored are not written twice.
      raw.prepare(`UPDATE exchange_imports SET status = 'staging', file_name = ?, error = NULL WHERE id = ?`).run(f.name, importId);
    })();
    resumed = same;
  } else {
    importId = Number(
      raw
        .prepare(
          `INSERT INTO exchange_imports (sha256, file_name, source, format, encoding, header_row, mapping_json, file_date, bytes, status, started_by, started_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'staging', ?, ?)`,
        )
        .run(
          sha256,
          f.name,
          source,
          l.format,
          l.encoding,
          l.headerRow,
          JSON.stringify(l.mapping),
          fileDate,
          f.bytes,
          actor.username,
          now.toISOString(),
        ).lastInsertRowid,
    );
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
  const where = opts.source ? 'WHERE source = ?' : '';
  const args = opts.source ? [opts.source] : [];
  const total = (raw.prepare(`SELECT COUNT(*) AS n FROM exchange_imports ${where}`).get(...args) as { n: number }).n;
  const rows = raw
    .prepare(`SELECT * FROM exchange_imports ${where} ORDER BY id DESC LIMIT ? OFFSET ?`)
    .all(...args, size, (page - 1) * size) as any[];
  return {
    total,
    page,
    pageSize: size,
    items: rows.map((r) => {
      const s = r.summary_json ? JSON.parse(r.summary_json) : null;
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
 * written at apply (migration 10), or, for an import applied before there was one, grouped from
 * its stored rows.
 */
export function unknownPersons(raw: BetterSqlite3.Database, importId: number, opts: { page?: number; pageSize?: number } = {}) {
  const size = Math.min(opts.pageSize ?? 100, 1000),
    page = Math.max(1, opts.page ?? 1);
  const offset = (page - 1) * size;
  const listed = raw
    .prepare(`SELECT COALESCE(SUM(n), 0) AS total, COUNT(*) AS chunks FROM exchange_unknown_persons WHERE import_id = ?`)
    .get(importId) as { total: number; chunks: number };
  if (listed.chunks > 0) {
    const from = Math.floor(offset / UNKNOWN_PER_CHUNK);
    const chunks = raw
      .prepare(`SELECT data FROM exchange_unknown_persons WHERE import_id = ? AND chunk >= ? AND chunk <= ? ORDER BY chunk`)
      .pluck()
      .all(importId, from, Math.floor((offset + size - 1) / UNKNOWN_PER_CHUNK)) as (string | Uint8Array)[];
    const persons = chunks
      .flatMap((c) => unpackUnknownPersons(c))
      .slice(offset - from * UNKNOWN_PER_CHUNK, offset - from * UNKNOWN_PER_CHUNK + size);
    return {
      total: listed.total,
      page,
      pageSize: size,
      items: persons.map(([idNumber, name, firstRow, rows]) => ({ idNumber, name, firstRow, rows })),
    };
  }
  // One pass over the packed rows gives the page and the total (a window over the grouped persons).
  // With MIN(row) the only MIN or MAX, SQLite takes the bare `name` from the first row, as the list written at staging does.
  const rows = raw
    .prepare(
      `WITH u AS (SELECT id_number, name, row FROM exchange_rows WHERE import_id = @imp AND member_id IS NULL
      UNION ALL SELECT j.value->>1, j.value->>2, j.value->>0 FROM exchange_unknown_rows c, json_each(c.data) j WHERE c.import_id = @imp)
    SELECT id_number AS idNumber, name, MIN(row) AS firstRow, COUNT(*) AS rows, COUNT(*) OVER () AS total FROM u GROUP BY id_number
    ORDER BY firstRow LIMIT @limit OFFSET @offset`,
    )
    .all({ imp: importId, limit: size, offset }) as {
    idNumber: string;
    name: string | null;
    firstRow: number;
    rows: number;
    total: number;
  }[];
  const total =
    rows.length > 0
      ? rows[0].total
      : page === 1
        ? 0
        : (raw.prepare(`SELECT COUNT(*) AS n FROM (${UNKNOWN_IDS_SQL})`).get({ imp: importId }) as { n: number }).n;
  const items = rows.map(({ total: _, ...r }) => r);
  return { total, page, pageSize: size, items };
}
