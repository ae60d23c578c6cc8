/**
 * The household's verification report (核对, docs/rules/assistance.md §6): every finding that an
 * applied departmental file holds on its members — category, amount, source, date — grouped
 * by category with totals, plus refused checks (no authorisation) and name differences.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { sql } from 'kysely';
import { all, first, qb } from '../db/query';
import { appError } from '../common/errors';
import { maskIdNumber } from '../common/id-number';
import { PROFILES } from '../exchange/profiles';
import { codeOf, SOURCES } from '../common/codes';
import { unpackPart, type MatchedRow } from '../exchange/packed';

export const CATEGORY_ZH: Record<string, string> = {
  death: '死亡',
  prison: '服刑',
  missing: '失踪',
  vehicle: '车辆',
  property: '不动产',
  business: '市场主体',
  pension_start: '养老金',
  unemployment: '失业登记',
  employment: '就业登记',
  social_insurance: '社会保险',
  tax_income: '纳税收入',
  housing_fund: '住房公积金',
  financial_asset: '金融资产',
  hospital_stay: '住院费用',
  enrolment: '学籍',
  graduated: '毕业',
  disability_certificate: '残疾证',
  unstable: '脱贫不稳定户',
  edge: '边缘易致贫户',
  sudden_hardship: '突发严重困难户',
};

/** A finding: the matched row of an applied import, with its file and the member's registered name. */
interface FindingRow {
  import_id: number;
  row: number;
  source: string;
  file_name: string;
  file_date: string;
  applied_at: string | null;
  id_number: string;
  name: string | null;
  member_id: number | null;
  category: string;
  event_date: string | null;
  evidence_key: string;
  amount_fen: number | null;
  detail: string | null;
  refused: number;
  reg_name: string | null;
}

/**
 * A household's findings: the matched rows of applied imports, found by household, each packed
 * in the part of its file that holds it (`exchange_row_parts`, found by its first row).
 */
const findings = (householdId: number) =>
  qb
    .selectFrom('exchange_household_rows as x')
    // sql.lit: a constant of the text, so that FINDINGS_SQL binds the household alone.
    .innerJoin('exchange_imports as i', (j) => j.onRef('i.id', '=', 'x.import_id').on('i.status', '=', sql.lit('applied')))
    .select(['x.import_id', 'x.row', 'i.source', 'i.file_name', 'i.file_date', 'i.applied_at'])
    .where('x.household_id', '=', householdId);

/** The part of an import that holds a row. */
const partOfRow = (importId: number, row: number) =>
  qb
    .selectFrom('exchange_row_parts')
    .select(['first_row', 'data'])
    .where('import_id', '=', importId)
    .where('first_row', '<=', row)
    .orderBy('first_row', 'desc')
    // sql.lit, as above: PART_OF_ROW_SQL binds the import and the row.
    .limit(sql.lit(1));

/** Their SQL, whose plans tests/integration/db/query-plans.test.ts checks. */
export const FINDINGS_SQL = findings(0).compile().sql;
export const PART_OF_ROW_SQL = partOfRow(0, 0).compile().sql;

function findingRows(raw: BetterSqlite3.Database, householdId: number): FindingRow[] {
  const keys = all(raw, findings(householdId));
  const regName = (memberId: number) => first(raw, qb.selectFrom('members').select('name').where('id', '=', memberId))?.name ?? null;
  // A household's rows of one file often share a part: each part is parsed once.
  const parsed = new Map<string, MatchedRow[]>();
  const rows: FindingRow[] = [];
  for (const k of keys) {
    const p = first(raw, partOfRow(k.import_id, k.row));
    if (!p) continue;
    const id = `${k.import_id}:${p.first_row}`;
    let packed = parsed.get(id);
    if (!packed) parsed.set(id, (packed = unpackPart(p.data)));
    const x = packed.find((q) => q.row === k.row);
    if (!x) continue;
    rows.push({
      ...k,
      id_number: x.idNumber,
      name: x.name,
      member_id: x.memberId,
      category: x.category,
      event_date: x.eventDate,
      evidence_key: x.evidenceKey,
      amount_fen: x.amountFen,
      detail: x.detail,
      refused: x.refused ? 1 : 0,
      reg_name: regName(x.memberId),
    });
  }
  // Newest first, as the list always read.
  return rows.sort((a, b) =>
    a.event_date === b.event_date ? b.import_id - a.import_id || a.row - b.row : (b.event_date ?? '') < (a.event_date ?? '') ? -1 : 1,
  );
}

export function verificationReport(raw: BetterSqlite3.Database, householdId: number, mask = false) {
  if (!first(raw, qb.selectFrom('households').select('id').where('id', '=', householdId)))
    throw appError('not_found', `There is no household #${householdId}.`, `没有编号为 ${householdId} 的家庭。`);
  const rows = findingRows(raw, householdId);
  const findings = rows.map((r) => {
    const source = codeOf(SOURCES, r.source);
    return {
      category: r.category,
      categoryText: CATEGORY_ZH[r.category] ?? r.category,
      amountFen: r.amount_fen,
      source,
      sourceText: PROFILES[source].zh,
      date: r.event_date,
      fileDate: r.file_date,
      file: r.file_name,
      row: r.row,
      idNumber: mask ? maskIdNumber(r.id_number) : r.id_number,
      name: r.reg_name ?? r.name,
      nameInFile: r.name,
      nameDiffers: !!(r.name && r.reg_name && r.name.replace(/\s+/g, '') !== r.reg_name.replace(/\s+/g, '')),
      evidenceKey: r.evidence_key,
      detail: r.detail,
      refused: r.refused === 1,
    };
  });
  const byCategory = new Map<string, { category: string; categoryText: string; count: number; amountFen: number }>();
  for (const f of findings) {
    if (f.refused) continue;
    const c = byCategory.get(f.category) ?? { category: f.category, categoryText: f.categoryText, count: 0, amountFen: 0 };
    c.count++;
    c.amountFen += f.amountFen ?? 0;
    byCategory.set(f.category, c);
  }
  return { householdId, findings, categories: [...byCategory.values()] };
}
