/**
 * The household's verification report (核对, ASSISTANCE-RULES §6): every finding that an
 * applied departmental file holds on its members — category, amount, source, date — grouped
 * by category with totals, plus refused checks (no authorisation) and name differences.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { appError } from '../shared/errors';
import { maskIdNumber } from '../registry/id-number';
import { PROFILES, type Source } from '../exchange/profiles';

export const CATEGORY_ZH: Record<string, string> = {
  death: '死亡', prison: '服刑', missing: '失踪', vehicle: '车辆', property: '不动产', business: '市场主体', pension_start: '养老金', unemployment: '失业登记', employment: '就业登记',
  social_insurance: '社会保险', tax_income: '纳税收入', housing_fund: '住房公积金', financial_asset: '金融资产', hospital_stay: '住院费用', enrolment: '学籍', graduated: '毕业',
  disability_certificate: '残疾证', unstable: '脱贫不稳定户', edge: '边缘易致贫户', sudden_hardship: '突发严重困难户',
};

/** A household's findings: applied imports' matches, found by household (migration 09). */
export const FINDINGS_SQL = `SELECT r.*, i.source, i.file_name, i.file_date, i.applied_at, m.name AS reg_name FROM exchange_household_rows x
  JOIN exchange_rows r ON r.import_id = x.import_id AND r.row = x.row JOIN exchange_imports i ON i.id = r.import_id AND i.status = 'applied'
  LEFT JOIN members m ON m.id = r.member_id WHERE x.household_id = ? ORDER BY r.event_date DESC, r.import_id DESC, r.row`;

export function verificationReport(raw: BetterSqlite3.Database, householdId: number, mask = false) {
  if (!raw.prepare(`SELECT 1 FROM households WHERE id = ?`).get(householdId)) throw appError('not_found', `There is no household #${householdId}.`, `没有编号为 ${householdId} 的家庭。`);
  const rows = raw.prepare(FINDINGS_SQL).all(householdId) as any[];
  const findings = rows.map((r) => ({
    category: r.category, categoryText: CATEGORY_ZH[r.category] ?? r.category, amountFen: r.amount_fen, source: r.source as string, sourceText: PROFILES[r.source as Source]?.zh ?? r.source,
    date: r.event_date, fileDate: r.file_date, file: r.file_name, row: r.row, idNumber: mask ? maskIdNumber(r.id_number) : r.id_number, name: r.reg_name ?? r.name,
    nameInFile: r.name, nameDiffers: !!(r.name && r.reg_name && r.name.replace(/\s+/g, '') !== r.reg_name.replace(/\s+/g, '')), evidenceKey: r.evidence_key, detail: r.detail, refused: r.refused === 1,
  }));
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
