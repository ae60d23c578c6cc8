/** The Cases list as XLSX (docs/rules/workstations.md: each case with its stage and days left), as filtered on the screen. */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { todayIso } from '../common/dates';
import type { Lang } from '../common/errors';
import { maskName } from '../common/id-number';
import { streamedXlsx } from '../shared/xlsx';
import { TIER_LABEL } from '../common/labels';
import { STAGE_LABEL } from './labels';
import { filterCases, type CaseFilter } from './list';
import { allCases } from './read';

export async function casesXlsx(raw: BetterSqlite3.Database, now: Date, f: CaseFilter, lang: Lang, mask: boolean) {
  const rows = filterCases(allCases(raw, todayIso(now), f.townshipId), f);
  const zh = lang === 'zh';
  const buffer = await streamedXlsx((wb) => {
    const ws = wb.addWorksheet(zh ? '申请办理' : 'Cases', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: zh ? '编号' : 'No.', key: 'id', width: 8 },
      { header: zh ? '申请人' : 'Applicant', key: 'head', width: 12 },
      { header: zh ? '乡镇' : 'Township', key: 'township', width: 12 },
      { header: zh ? '村（社区）' : 'Village', key: 'village', width: 14 },
      { header: zh ? '申请类别' : 'Tier applied for', key: 'tier', width: 12 },
      { header: zh ? '申请日期' : 'Received', key: 'received', width: 12 },
      { header: zh ? '环节' : 'Stage', key: 'stage', width: 10 },
      { header: zh ? '期限' : 'Due', key: 'due', width: 12 },
      { header: zh ? '剩余工作日' : 'Working days left', key: 'left', width: 10 },
      { header: zh ? '逾期' : 'Overdue', key: 'overdue', width: 8 },
      { header: zh ? '近亲属备案' : 'Relative of staff', key: 'relative', width: 10 },
      { header: zh ? '已用工作日' : 'Working days used', key: 'used', width: 10 },
    ];
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for (const r of rows)
      ws.addRow({
        id: r.id,
        head: mask ? maskName(r.headName) : r.headName,
        township: r.township,
        village: r.village,
        tier: TIER_LABEL[r.tierApplied][lang],
        received: r.receivedOn,
        stage: STAGE_LABEL[r.stage][lang],
        due: r.dueOn ?? '',
        left: r.daysLeft ?? '',
        overdue: r.overdue ? (zh ? '是' : 'yes') : '',
        relative: r.relativeOfStaff ? (zh ? '是' : 'yes') : '',
        used: r.workingDays,
      }).commit();
  });
  return { buffer, rows: rows.length };
}
