/** A scan's results, filtered by kind and area, for the page, the XLSX export and the CLI. */
import type BetterSqlite3 from 'better-sqlite3';
import { renderReason } from '../policy/engine';
import { decodeReasons } from './reasons-codec';
import type { Lang } from '../common/errors';
import { SCAN_KIND_LABEL, TIER_LABEL } from '../common/labels';
import { forEachPaged } from '../shared/pages';
import { streamedXlsx } from '../shared/xlsx';

export interface ResultFilter {
  id: number;
  kind?: string;
  townshipId?: number;
  villageId?: number;
}

function where(f: ResultFilter): { sql: string; args: unknown[] } {
  const w = ['r.scan_id = ?'];
  const args: unknown[] = [f.id];
  if (f.kind) {
    w.push('r.kind = ?');
    args.push(f.kind);
  }
  if (f.villageId !== undefined) {
    w.push('r.area_id = ?');
    args.push(f.villageId);
  } else if (f.townshipId !== undefined) {
    w.push('r.area_id IN (SELECT id FROM areas WHERE parent_id = ?)');
    args.push(f.townshipId);
  }
  return { sql: w.join(' AND '), args };
}

const SELECT = `SELECT r.*, v.name AS village, t.name AS township,
  COALESCE((SELECT hm.name FROM members hm WHERE hm.household_id = r.household_id AND hm.relation = 'head' AND hm.active = 1), '') AS head_name
  FROM scan_results r JOIN areas v ON v.id = r.area_id JOIN areas t ON t.id = v.parent_id`;

function row(r: any, lang: Lang) {
  return {
    id: r.id,
    householdId: r.household_id,
    headName: r.head_name,
    township: r.township,
    village: r.village,
    kind: r.kind,
    oldTier: r.old_tier,
    newTier: r.new_tier,
    oldBenefitFen: r.old_benefit_fen,
    newBenefitFen: r.new_benefit_fen,
    reasons: decodeReasons(r.reasons_json).map((x) => renderReason(x, lang)),
  };
}

export function scanResults(raw: BetterSqlite3.Database, f: ResultFilter & { page: number; pageSize: number }, lang: Lang) {
  const w = where(f);
  const total = (raw.prepare(`SELECT COUNT(*) AS n FROM scan_results r WHERE ${w.sql}`).get(...w.args) as { n: number }).n;
  const rows = (
    raw.prepare(`${SELECT} WHERE ${w.sql} ORDER BY r.id LIMIT ? OFFSET ?`).all(...w.args, f.pageSize, (f.page - 1) * f.pageSize) as any[]
  ).map((r) => row(r, lang));
  return { rows, total, page: f.page, pageSize: f.pageSize };
}

/**
 * The results as an XLSX workbook, through exceljs's streaming writer: each row is written and
 * released as it is read, a page at a time with the app's other calls answered in between. A
 * county scan's 90,000 changes with their reasons as worksheet objects took 1.3 GB and 12 s
 * in the app's main process, which answered nothing else meanwhile.
 */
export async function scanResultsXlsx(raw: BetterSqlite3.Database, f: ResultFilter, lang: Lang): Promise<{ buffer: Buffer; rows: number }> {
  const w = where(f);
  let n = 0;
  const buffer = await streamedXlsx(async (wb) => {
    const ws = wb.addWorksheet(lang === 'zh' ? '主动发现' : 'Proactive scan', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: lang === 'zh' ? '家庭编号' : 'Household', key: 'id', width: 10 },
      { header: lang === 'zh' ? '户主' : 'Head', key: 'head', width: 12 },
      { header: lang === 'zh' ? '乡镇' : 'Township', key: 'township', width: 12 },
      { header: lang === 'zh' ? '村（社区）' : 'Village', key: 'village', width: 14 },
      { header: lang === 'zh' ? '类别' : 'Kind', key: 'kind', width: 12 },
      { header: lang === 'zh' ? '原档次' : 'Old tier', key: 'oldTier', width: 12 },
      { header: lang === 'zh' ? '新档次' : 'New tier', key: 'newTier', width: 12 },
      { header: lang === 'zh' ? '原金额（元/月）' : 'Old (yuan/month)', key: 'old', width: 14, style: { numFmt: '#,##0.00' } },
      { header: lang === 'zh' ? '新金额（元/月）' : 'New (yuan/month)', key: 'new', width: 14, style: { numFmt: '#,##0.00' } },
      { header: lang === 'zh' ? '理由' : 'Reasons', key: 'reasons', width: 80 },
    ];
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    await forEachPaged<any>(
      raw.prepare(`${SELECT} WHERE ${w.sql} AND r.id > ? ORDER BY r.id LIMIT ?`),
      w.args,
      (r) => r.id,
      (r) => {
        const x = row(r, lang);
        ws.addRow({
          id: x.householdId,
          head: x.headName,
          township: x.township,
          village: x.village,
          kind: SCAN_KIND_LABEL[x.kind][lang],
          oldTier: TIER_LABEL[x.oldTier ?? 'none'][lang],
          newTier: TIER_LABEL[x.newTier][lang],
          old: x.oldBenefitFen / 100,
          new: x.newBenefitFen / 100,
          reasons: x.reasons.join('\n'),
        }).commit();
        n++;
      },
    );
    ws.commit();
  });
  return { buffer, rows: n };
}
