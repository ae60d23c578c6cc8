/**
 * The approvals queue as a list (UX.md "Approvals", "Habits"): the proposals awaiting a decision, filtered by area, proposed tier
 * and source, sorted by any of its columns over all its pages (contract/lists.ts, shared/list-query.ts), paged, and exported to
 * XLSX as shown in the office's words.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { all } from '../db/query';
import { HOUSEHOLD_TIERS, type HouseholdTier } from '../common/determination';
import { TIER_LABEL } from '../common/labels';
import type { Lang } from '../common/errors';
import type { PENDING_SORT_KEYS, PROPOSAL_SOURCES } from '../contract/determinations';
import { col, orderTerms, ordered, pageOf, rankOf, withZhKey, zhKey, type ListSort, type SortColumns } from '../shared/list-query';
import { listXlsx } from '../shared/list-xlsx';
import { officeOf } from '../office/office';
import { maskName } from '../common/id-number';
import { summaries, summary } from './determinations';

export type PendingSort = ListSort<(typeof PENDING_SORT_KEYS)[number]>;
export interface PendingFilter {
  townshipId?: number;
  villageId?: number;
  tier?: HouseholdTier;
  source?: (typeof PROPOSAL_SOURCES)[number];
  sort?: PendingSort;
}

/** What each column sorts by: the household by its head then village, the proposed tier in the regulations' order, names by pinyin. */
const COLUMNS: SortColumns<PendingSort['key']> = {
  id: col('d.id'),
  headName: [zhKey('hm.name'), zhKey('v.name')],
  tier: rankOf('d.tier', HOUSEHOLD_TIERS),
  monthlyBenefitFen: col('d.monthly_benefit_fen'),
  proposedBy: zhKey('pu.display_name'),
};

function filtered(f: PendingFilter) {
  let q = summaries().where('dd.id', 'is', null);
  if (f.villageId !== undefined) q = q.where('h.area_id', '=', f.villageId);
  else if (f.townshipId !== undefined) q = q.where('v.parent_id', '=', f.townshipId);
  if (f.tier) q = q.where('d.tier', '=', f.tier);
  if (f.source) q = q.where('d.source', '=', f.source);
  return q;
}
const rows = (f: PendingFilter) => ordered(filtered(f), orderTerms(f.sort, COLUMNS, 'd.id', [[col('d.id'), 'asc']]));

export function pendingQueue(raw: BetterSqlite3.Database, f: PendingFilter & { page: number; pageSize: number }) {
  withZhKey(raw);
  const { total, found } = pageOf(
    raw,
    filtered(f)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n')),
    rows(f),
    f.page,
    f.pageSize,
  );
  return { rows: found.map(summary), total, page: f.page, pageSize: f.pageSize };
}

const SOURCE = {
  screening: { zh: '政策匹配', en: 'Screening' },
  scan: { zh: '主动发现', en: 'Proactive scan' },
  warning: { zh: '预警', en: 'Warning' },
} as const;

export async function pendingXlsx(raw: BetterSqlite3.Database, f: PendingFilter, lang: Lang, mask: boolean) {
  withZhKey(raw);
  return listXlsx({
    title: { zh: '待审批认定清单', en: 'Proposals awaiting approval' },
    office: officeOf(raw)?.name ?? '',
    lang,
    read: (offset, limit) => all(raw, rows(f).limit(limit).offset(offset)).map(summary),
    columns: [
      { header: { zh: '编号', en: 'No.' }, width: 8, value: (r) => r.id },
      { header: { zh: '户主', en: 'Head' }, width: 10, value: (r) => (mask ? maskName(r.headName) : r.headName) },
      { header: { zh: '乡镇', en: 'Township' }, width: 12, value: (r) => r.township },
      { header: { zh: '村（社区）', en: 'Village' }, width: 14, value: (r) => r.village },
      { header: { zh: '原类别', en: 'Tier now' }, width: 14, value: (r) => TIER_LABEL[r.previousTier ?? 'none'][lang] },
      { header: { zh: '拟认定类别', en: 'Proposed tier' }, width: 14, value: (r) => TIER_LABEL[r.tier][lang] },
      {
        header: { zh: '原月救助金（元）', en: 'Benefit now (yuan)' },
        width: 14,
        money: true,
        value: (r) => (r.previousBenefitFen ?? 0) / 100,
      },
      {
        header: { zh: '拟月救助金（元）', en: 'Proposed benefit (yuan)' },
        width: 14,
        money: true,
        value: (r) => r.monthlyBenefitFen / 100,
      },
      { header: { zh: '提出人', en: 'Proposed by' }, width: 10, value: (r) => r.proposedByName },
      { header: { zh: '来源', en: 'Source' }, width: 10, value: (r) => SOURCE[r.source][lang] },
      { header: { zh: '提出时间', en: 'Proposed at' }, width: 12, value: (r) => r.proposedAt.slice(0, 10) },
    ],
  });
}
