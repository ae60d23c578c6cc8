/**
 * The referrals list: filtered by department, status, household, charity organisation, area and overdue; sorted by any of its
 * columns over all its pages (contract/lists.ts, shared/list-query.ts); paged; exported to XLSX as shown, in the office's words.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { sql } from 'kysely';
import { all } from '../db/query';
import { todayIso } from '../common/dates';
import { ASSISTANCES, DEPARTMENTS, REFERRAL_RESULTS, REFERRAL_STATUSES, type DepartmentCode, type ReferralStatus } from '../common/codes';
import type { REFERRAL_SORT_KEYS } from '../contract/referrals';
import { col, orderTerms, ordered, pageOf, rankOf, withZhKey, zhKey, type ListSort, type SortColumns } from '../shared/list-query';
import { listXlsx } from '../shared/list-xlsx';
import { officeOf } from '../office/office';
import { maskName } from '../common/id-number';
import { ASSISTANCE_ZH, DEPARTMENT_ZH, RESULT_ZH, STATUS_ZH } from './codes';
import { referralsFrom, view, withView } from './referrals';

export type ReferralSort = ListSort<(typeof REFERRAL_SORT_KEYS)[number]>;

export interface ReferralFilter {
  department?: DepartmentCode;
  status?: ReferralStatus;
  householdId?: number;
  overdue?: boolean;
  organisationId?: number;
  townshipId?: number;
  villageId?: number;
  sort?: ReferralSort;
}

const HEAD = sql<string>`(SELECT m.name FROM members m WHERE m.household_id = r.household_id AND m.relation = 'head' AND m.active = 1 LIMIT 1)`;
const PERSON = sql<string>`(SELECT m.name FROM members m WHERE m.household_id = r.household_id AND m.id_number = r.id_number ORDER BY m.active DESC LIMIT 1)`;

/** What each column sorts by: names in pinyin order, the household by its head then village, codes in the order of their lists. */
const COLUMNS: SortColumns<ReferralSort['key']> = {
  number: col('r.number'),
  household: [sql`zh_key(${HEAD})`, zhKey('v.name')],
  personName: sql`zh_key(${PERSON})`,
  assistance: rankOf('r.assistance', ASSISTANCES),
  department: rankOf('r.department', DEPARTMENTS),
  status: rankOf('r.status', REFERRAL_STATUSES),
  dueDate: col('r.due_date'),
  result: rankOf('r.result', REFERRAL_RESULTS),
};

function filtered(f: ReferralFilter, today: string) {
  let q = referralsFrom();
  if (f.department) q = q.where('r.department', '=', f.department);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.householdId !== undefined) q = q.where('r.household_id', '=', f.householdId);
  if (f.organisationId !== undefined) q = q.where('o.id', '=', f.organisationId);
  if (f.overdue) q = q.where('r.status', 'in', ['pushed', 'acknowledged']).where('r.due_date', '<', today);
  // A village, or every village of a township (the household's area is its village).
  const townshipId = f.townshipId;
  if (f.villageId !== undefined) q = q.where('h.area_id', '=', f.villageId);
  else if (townshipId !== undefined)
    q = q.where('h.area_id', 'in', (eb) => eb.selectFrom('areas').select('id').where('parent_id', '=', townshipId));
  return q;
}

const rows = (f: ReferralFilter, today: string) =>
  ordered(withView(filtered(f, today)), orderTerms(f.sort, COLUMNS, 'r.id', [[col('r.id'), 'desc']]));

export function listReferrals(raw: BetterSqlite3.Database, f: ReferralFilter & { page?: number; pageSize?: number }, now: Date) {
  const today = todayIso(now);
  withZhKey(raw);
  const pageSize = f.pageSize ?? 50;
  const page = f.page ?? 1;
  const { total, found } = pageOf(
    raw,
    filtered(f, today).select((eb) => eb.fn.countAll<number>().as('n')),
    rows(f, today),
    page,
    pageSize,
  );
  return { rows: found.map((r) => view(r, today)), total, page, pageSize };
}

/** The sheet is in the office's language whatever the screen's (as the push list and the printed forms). */
const zh = (text: string) => ({ zh: text, en: text });

/** The list as shown, every page, as XLSX in the office's words (the push list's words, ./codes.ts): no code reaches the sheet. */
export async function referralsXlsx(raw: BetterSqlite3.Database, f: ReferralFilter, now: Date, mask: boolean) {
  const name = (s: string) => (mask ? maskName(s) : s);
  const today = todayIso(now);
  withZhKey(raw);
  return listXlsx({
    title: zh('需求推送清单'),
    office: officeOf(raw)?.name ?? '',
    lang: 'zh',
    read: (offset, limit) => all(raw, rows(f, today).limit(limit).offset(offset)).map((r) => view(r, today)),
    columns: [
      { header: zh('转介编号'), width: 16, value: (r) => r.number },
      { header: zh('户主'), width: 10, value: (r) => name(r.headName) },
      { header: zh('乡镇'), width: 12, value: (r) => r.township },
      { header: zh('村（社区）'), width: 14, value: (r) => r.village },
      { header: zh('救助对象'), width: 10, value: (r) => (r.personName === null ? '全户' : name(r.personName)) },
      { header: zh('救助类型'), width: 10, value: (r) => ASSISTANCE_ZH[r.assistance] },
      {
        header: zh('部门'),
        width: 18,
        value: (r) =>
          r.department === 'charity' && r.organisationName
            ? `${r.organisationName} ${r.programmeName ?? ''}`.trim()
            : DEPARTMENT_ZH[r.department],
      },
      { header: zh('转介事由'), width: 30, value: (r) => r.reason },
      { header: zh('状态'), width: 10, value: (r) => `${STATUS_ZH[r.status]}${r.overdue ? '（逾期）' : ''}` },
      { header: zh('反馈期限'), width: 12, value: (r) => r.dueDate ?? '' },
      { header: zh('办理结果'), width: 12, value: (r) => (r.result ? RESULT_ZH[r.result] : '') },
      { header: zh('救助金额（元）'), width: 14, money: true, value: (r) => (r.amountFen === null ? null : r.amountFen / 100) },
      { header: zh('结果日期'), width: 12, value: (r) => r.resultDate ?? '' },
    ],
  });
}
