/**
 * The warning queue (docs/rules/assistance.md §4.2): filtered by area, severity, status, assignee, overdue; sorted by any of its
 * columns over all its pages (contract/lists.ts, shared/list-query.ts); paged; and exported to XLSX as shown. Area filters match
 * a village or a whole township. Overdue means open past its due date; age is in working days since raised. ID numbers and names
 * are shown in full only to roles that act on them (clerk, manager); §8 masks them otherwise.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { sql, type InferResult } from 'kysely';
import { all, qb } from '../db/query';
import { todayIso } from '../common/dates';
import { maskIdNumber, maskName } from '../common/id-number';
import type { Lang } from '../common/errors';
import { OUTCOME_ZH, RULES } from '../common/warning-rules';
import { codeOf, WARNING_OUTCOMES, WARNING_RULES, type WarningRuleId as RuleId } from '../common/codes';
import type { WARNING_SORT_KEYS } from '../contract/monitoring';
import { col, orderTerms, ordered, pageOf, rankOf, withZhKey, zhKey, type ListSort, type SortColumns } from '../shared/list-query';
import { listXlsx } from '../shared/list-xlsx';
import { zhSortKey } from '../shared/zh-sort';
import { officeOf } from '../office/office';
import { WorkCalendar } from './calendar';

export type WarningSort = ListSort<(typeof WARNING_SORT_KEYS)[number]>;

export interface QueueFilter {
  areaId?: number;
  severity?: 'urgent' | 'normal';
  status?: 'open' | 'closed' | 'all';
  assigneeId?: number | null;
  overdue?: boolean;
  householdId?: number;
  rule?: RuleId;
  sort?: WarningSort;
}

const outcomeOf = (o: string | null) => (o === null ? null : codeOf(WARNING_OUTCOMES, o));

/** The rules in the pinyin order of their names, as the queue shows them. */
let ruleOrder: RuleId[] | null = null;
const rulesByName = () =>
  (ruleOrder ??= [...WARNING_RULES].sort((a, b) => ((zhSortKey(RULES[a].zh) ?? '') < (zhSortKey(RULES[b].zh) ?? '') ? -1 : 1)));

const VISITS = sql<number>`(SELECT count(*) FROM warning_visits x WHERE x.warning_id = w.id)`;

/** What each column sorts by (a person by name, the area by township then village, the status open first). */
const columns = (): SortColumns<WarningSort['key']> => ({
  id: col('w.id'),
  severity: rankOf('w.severity', ['urgent', 'normal']),
  rule: rankOf('w.rule', rulesByName()),
  personName: zhKey('w.person_name'),
  area: [zhKey('t.name'), zhKey('v.name')],
  raisedOn: col('w.raised_on'),
  dueOn: col('w.due_on'),
  assigneeName: zhKey('u.display_name'),
  visits: VISITS,
  status: [rankOf('w.status', ['open', 'closed']), rankOf('w.outcome', WARNING_OUTCOMES)],
});

function filtered(f: QueueFilter, today: string) {
  const status = f.status ?? 'open';
  let q = qb
    .selectFrom('warnings as w')
    .innerJoin('areas as v', 'v.id', 'w.area_id')
    .innerJoin('areas as t', 't.id', 'v.parent_id')
    .leftJoin('users as u', 'u.id', 'w.assignee_id');
  if (status !== 'all') q = q.where('w.status', '=', status);
  if (f.severity) q = q.where('w.severity', '=', f.severity);
  const areaId = f.areaId;
  if (areaId !== undefined) q = q.where((eb) => eb.or([eb('w.area_id', '=', areaId), eb('v.parent_id', '=', areaId)]));
  if (f.assigneeId === null) q = q.where('w.assignee_id', 'is', null);
  else if (f.assigneeId !== undefined) q = q.where('w.assignee_id', '=', f.assigneeId);
  if (f.overdue) q = q.where('w.status', '=', 'open').where('w.due_on', '<', today);
  if (f.householdId !== undefined) q = q.where('w.household_id', '=', f.householdId);
  if (f.rule) q = q.where('w.rule', '=', f.rule);
  return q;
}

/** The queue's rows in the order shown: the sort asked for, else overdue first, then urgent, then by due date. */
function rows(f: QueueFilter, today: string) {
  const q = filtered(f, today)
    .selectAll('w')
    .select(['v.name as village', 't.name as township', 'u.display_name as assignee_name', VISITS.as('visits')]);
  return ordered(
    q,
    orderTerms(f.sort, columns(), 'w.id', [
      [sql`(w.status = 'open' AND w.due_on < ${today})`, 'desc'],
      [rankOf('w.severity', ['urgent']), 'asc'],
      [col('w.due_on'), 'asc'],
      [col('w.id'), 'asc'],
    ]),
  );
}

function item(r: InferResult<ReturnType<typeof rows>>[number], today: string, cal: WorkCalendar, mask: boolean) {
  const rule = codeOf(WARNING_RULES, r.rule);
  return {
    id: r.id,
    rule,
    ruleText: RULES[rule].zh,
    severity: r.severity,
    householdId: r.household_id,
    idNumber: mask ? maskIdNumber(r.id_number) : r.id_number,
    personName: r.person_name === null ? null : mask ? maskName(r.person_name) : r.person_name,
    township: r.township,
    village: r.village,
    evidence: r.evidence,
    source: r.source,
    raisedOn: r.raised_on,
    dueOn: r.due_on,
    ageWorkingDays: cal.workingDaysBetween(r.raised_on, today),
    overdue: r.status === 'open' && r.due_on < today,
    status: r.status,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name ?? null,
    visits: r.visits ?? 0,
    outcome: outcomeOf(r.outcome),
    closedAt: r.closed_at,
    determinationId: r.determination_id,
    referralId: r.referral_id,
  };
}

export function queue(raw: BetterSqlite3.Database, f: QueueFilter & { page?: number; pageSize?: number }, now: Date, mask = false) {
  const today = todayIso(now);
  withZhKey(raw);
  const size = Math.min(f.pageSize ?? 50, 500);
  const page = Math.max(1, f.page ?? 1);
  const cal = WorkCalendar.load(raw);
  const { total, found } = pageOf(
    raw,
    filtered(f, today).select((eb) => eb.fn.countAll<number>().as('n')),
    rows(f, today),
    page,
    size,
  );
  return { total, page, pageSize: size, items: found.map((r) => item(r, today, cal, mask)) };
}

const OUTCOME_EN = { no_change: 'No change', adjust: 'Adjust', new_assistance: 'New assistance', referral: 'Referral' } as const;
const SEVERITY = { urgent: { zh: '紧急', en: 'urgent' }, normal: { zh: '一般', en: 'normal' } } as const;

/** The queue as shown, every page, as XLSX: words for the rule, severity and status; masked as on the screen. */
export async function queueXlsx(raw: BetterSqlite3.Database, f: QueueFilter, now: Date, lang: Lang, mask: boolean) {
  const today = todayIso(now);
  withZhKey(raw);
  const cal = WorkCalendar.load(raw);
  const zh = lang === 'zh';
  return listXlsx({
    title: { zh: '动态监测预警清单', en: 'Monitoring warnings' },
    office: officeOf(raw)?.name ?? '',
    lang,
    read: (offset, limit) => all(raw, rows(f, today).limit(limit).offset(offset)).map((r) => item(r, today, cal, mask)),
    columns: [
      { header: { zh: '预警编号', en: 'No.' }, width: 9, value: (w) => w.id },
      { header: { zh: '紧急程度', en: 'Severity' }, width: 9, value: (w) => SEVERITY[w.severity][lang] },
      { header: { zh: '预警规则', en: 'Rule' }, width: 24, value: (w) => RULES[w.rule].zh },
      { header: { zh: '预警内容', en: 'Evidence' }, width: 40, value: (w) => w.evidence },
      { header: { zh: '姓名', en: 'Name' }, width: 10, value: (w) => w.personName ?? '' },
      { header: { zh: '身份证号码', en: 'ID number' }, width: 21, value: (w) => w.idNumber },
      { header: { zh: '乡镇', en: 'Township' }, width: 12, value: (w) => w.township },
      { header: { zh: '村（社区）', en: 'Village' }, width: 14, value: (w) => w.village },
      { header: { zh: '生成日期', en: 'Raised on' }, width: 12, value: (w) => w.raisedOn },
      { header: { zh: '核查期限', en: 'Due on' }, width: 12, value: (w) => w.dueOn },
      { header: { zh: '是否逾期', en: 'Overdue' }, width: 9, value: (w) => (w.overdue ? (zh ? '逾期' : 'overdue') : '') },
      { header: { zh: '经办人', en: 'Assignee' }, width: 10, value: (w) => w.assigneeName ?? '' },
      { header: { zh: '核查次数', en: 'Visits' }, width: 9, value: (w) => w.visits },
      {
        header: { zh: '状态', en: 'Status' },
        width: 12,
        value: (w) =>
          w.status === 'open'
            ? zh
              ? '待办'
              : 'Open'
            : w.outcome
              ? zh
                ? OUTCOME_ZH[w.outcome]
                : OUTCOME_EN[w.outcome]
              : zh
                ? '已办结'
                : 'Closed',
      },
    ],
  });
}
