/**
 * Closing a month, adjustments, and the change list against the previous month.
 *
 * A manager closes a month: its computed lines are stored (append-only), one `payment` event
 * per household goes on the assistance chain, and the month is locked. Months close in
 * order. A correction of a closed month is an adjustment paid with the next open month, with
 * its reason; nothing closed is ever edited.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { all, first, qb, run } from '../db/query';
import { appendAudit } from '../audit/audit';
import { appendChainEvent } from '../chain/events';
import { appError } from '../common/errors';
import { addMonths, monthOf, todayIso } from '../common/dates';
import { formatFen } from '../common/money';
import { TIER_ZH } from '../common/labels';
import { BASIS_ZH } from '../referrals/codes';
import type { Actor } from '../audit/actor';
import { computeRoster, isClosed, lastClosedMonth, nextOpenMonth, rosterLines, type RosterLine, type RosterTier } from './roster';

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const LINES_PER_INSERT = 500;

export function closeMonth(
  raw: BetterSqlite3.Database,
  month: string,
  actor: Actor,
  now: Date,
  opts: { chainEvents?: boolean } = {},
): { recipients: number; totalFen: number } {
  if (!MONTH_RE.test(month)) throw appError('invalid_input', 'A month is written YYYY-MM.', '月份格式应为 YYYY-MM。', 'month');
  return raw.transaction(() => {
    if (isClosed(raw, month))
      throw appError(
        'month_closed',
        `${month} is closed already; corrections are adjustments in the next month.`,
        `${month} 已结账；如需更正，请在下月作调整。`,
        'month',
      );
    const last = lastClosedMonth(raw);
    if (last && month < last)
      throw appError('month_closed', `${month} is before the last closed month ${last}.`, `${month} 早于最后结账月份 ${last}。`, 'month');
    if (last && month !== addMonths(last, 1))
      throw appError(
        'month_order',
        `Close ${addMonths(last, 1)} first: months close in order.`,
        `请先结账 ${addMonths(last, 1)}，月份须依次结账。`,
        'month',
      );
    const limit = addMonths(monthOf(todayIso(now)), 1);
    if (month > limit)
      throw appError(
        'month_future',
        `${month} is too far ahead; the latest month that can be closed is ${limit}.`,
        `${month} 尚未到期，最晚可结账至 ${limit}。`,
        'month',
      );
    const lines = computeRoster(raw, month);
    const total = lines.reduce((s, l) => s + l.amountFen, 0);
    const at = now.toISOString();
    run(
      raw,
      qb
        .insertInto('payment_months')
        .values({ month, recipients: lines.length, total_fen: total, closed_at: at, closed_by: actor.username }),
    );
    // Many lines to an insert (15 values each, well under SQLite's 32,766 parameters): a county's month is some 20,000 lines.
    for (let i = 0; i < lines.length; i += LINES_PER_INSERT) {
      const values = lines.slice(i, i + LINES_PER_INSERT).map((l) => ({
        month,
        household_id: l.householdId,
        area_id: l.areaId,
        determination_id: l.determinationId,
        tier: l.tier,
        size: l.size,
        head_name: l.headName,
        head_id_number: l.headIdNumber,
        base_fen: l.baseFen,
        addon_fen: l.addonFen,
        care_fen: l.careFen,
        exit_fen: l.exitFen,
        adjust_fen: l.adjustFen,
        amount_fen: l.amountFen,
        note: l.note,
      }));
      run(raw, qb.insertInto('payment_lines').values(values));
    }
    for (const l of lines) {
      if (opts.chainEvents !== false) {
        appendChainEvent(raw, {
          householdId: l.householdId,
          at: `${month}-01`,
          kind: 'payment',
          department: 'civil_affairs',
          basis: BASIS_ZH[l.tier] ?? BASIS_ZH.dibao,
          amountFen: l.amountFen,
          item: l.tier,
          status: 'paid',
          refTable: 'payment_months',
          refId: null,
          summary: `${month} 发放${TIER_ZH[l.tier] ?? l.tier}救助金 ${formatFen(l.amountFen)} 元${l.note ? `（${l.note}）` : ''}`,
          recordedBy: actor.username,
        });
      }
    }
    appendAudit(raw, {
      ...actor,
      action: 'close',
      entity: 'payment_month',
      entityId: month,
      summary: `${month} closed: ${lines.length} recipients, ${formatFen(total)} yuan`,
      after: { recipients: lines.length, totalFen: total },
      at,
    });
    return { recipients: lines.length, totalFen: total };
  })();
}

export function addAdjustment(
  raw: BetterSqlite3.Database,
  input: { householdId: number; forMonth: string; amountFen: number; reason: string },
  actor: Actor,
  now: Date,
): { appliedMonth: string } {
  return raw.transaction(() => {
    if (!isClosed(raw, input.forMonth))
      throw appError(
        'month_open',
        `${input.forMonth} is not closed; change the determination instead of adjusting.`,
        `${input.forMonth} 尚未结账，无需调整，请更正认定。`,
        'forMonth',
      );
    if (!first(raw, qb.selectFrom('households').select('id').where('id', '=', input.householdId)))
      throw appError(
        'not_found',
        `There is no household #${input.householdId}.`,
        `没有编号为 ${input.householdId} 的家庭。`,
        'householdId',
      );
    if (input.amountFen === 0) throw appError('invalid_input', 'An adjustment is not zero.', '调整金额不能为 0。', 'amountFen');
    const applied = nextOpenMonth(raw, addMonths(input.forMonth, 1));
    const at = now.toISOString();
    const id = run(
      raw,
      qb.insertInto('payment_adjustments').values({
        household_id: input.householdId,
        for_month: input.forMonth,
        applied_month: applied,
        amount_fen: input.amountFen,
        reason: input.reason,
        created_at: at,
        created_by: actor.username,
      }),
    ).lastInsertRowid;
    appendChainEvent(raw, {
      householdId: input.householdId,
      at,
      kind: 'payment',
      department: 'civil_affairs',
      amountFen: input.amountFen,
      item: 'adjustment',
      status: 'adjustment',
      refTable: 'payment_adjustments',
      refId: id,
      summary: `更正 ${input.forMonth} 发放：${input.amountFen > 0 ? '补发' : '扣减'} ${formatFen(Math.abs(input.amountFen))} 元，随 ${applied} 发放；${input.reason}`,
      recordedBy: actor.username,
    });
    appendAudit(raw, {
      ...actor,
      action: 'adjust',
      entity: 'household',
      entityId: input.householdId,
      summary: `adjustment for ${input.forMonth} paid in ${applied}: ${input.amountFen} fen`,
      after: input,
      at,
    });
    return { appliedMonth: applied };
  })();
}

export interface MonthSummary {
  month: string;
  closed: boolean;
  recipients: number;
  totalFen: number;
  closedAt: string | null;
  closedBy: string | null;
}

export function listMonths(raw: BetterSqlite3.Database, now: Date): MonthSummary[] {
  const closed = all(
    raw,
    qb
      .selectFrom('payment_months as p')
      .leftJoin('users as u', 'u.username', 'p.closed_by')
      .selectAll('p')
      .select('u.display_name')
      .orderBy('p.month', 'desc'),
  ).map((r) => ({
    month: r.month ?? '',
    closed: true,
    recipients: r.recipients,
    totalFen: r.total_fen,
    closedAt: r.closed_at,
    // Who closed the month, by name (issue 21).
    closedBy: r.display_name ?? r.closed_by,
  }));
  const open = nextOpenMonth(raw, monthOf(todayIso(now)));
  const lines = computeRoster(raw, open);
  return [
    {
      month: open,
      closed: false,
      recipients: lines.length,
      totalFen: lines.reduce((s, l) => s + l.amountFen, 0),
      closedAt: null,
      closedBy: null,
    },
    ...closed,
  ];
}

export type ChangeKind = 'added' | 'removed' | 'changed';
export interface ChangeRow {
  kind: ChangeKind;
  householdId: number;
  township: string;
  village: string;
  headName: string;
  headIdNumber: string;
  previousTier: RosterTier | null;
  tier: RosterTier | null;
  previousFen: number;
  amountFen: number;
  differenceFen: number;
  reasons: string[];
}

function determinationText(raw: BetterSqlite3.Database, id: number): string {
  const d = first(
    raw,
    qb
      .selectFrom('determinations as d')
      .innerJoin('determination_decisions as dd', 'dd.determination_id', 'd.id')
      .select(['d.id', 'd.tier', 'd.monthly_benefit_fen', 'dd.effective_month', 'dd.reason'])
      .where('d.id', '=', id),
  );
  if (!d) return `第 ${id} 号认定`;
  return `第 ${d.id} 号认定自 ${d.effective_month} 起执行：${TIER_ZH[d.tier] ?? d.tier}，每月 ${formatFen(d.monthly_benefit_fen)} 元（${d.reason}）`;
}

/** Added, removed and changed households of `month` against the month before, each with its reasons. */
export function changeList(raw: BetterSqlite3.Database, month: string): { month: string; previousMonth: string; rows: ChangeRow[] } {
  const prevMonth = addMonths(month, -1);
  const cur = rosterLines(raw, month).lines;
  const prev = new Map(rosterLines(raw, prevMonth).lines.map((l) => [l.householdId, l]));
  const rows: ChangeRow[] = [];
  const stopped = (householdId: number) =>
    first(
      raw,
      qb
        .selectFrom('determinations as d')
        .innerJoin('determination_decisions as dd', (j) => j.onRef('dd.determination_id', '=', 'd.id').on('dd.decision', '=', 'approved'))
        .select('d.id')
        .where('d.household_id', '=', householdId)
        .where('dd.effective_month', '<=', month)
        .orderBy('dd.effective_month', 'desc')
        .orderBy('dd.id', 'desc')
        .limit(1),
    );
  const status = (householdId: number) => first(raw, qb.selectFrom('households').select('status').where('id', '=', householdId))?.status;
  const base = (l: RosterLine) => l.amountFen - l.adjustFen;
  for (const l of cur) {
    const p = prev.get(l.householdId);
    prev.delete(l.householdId);
    const reasons: string[] = [];
    if (!p) {
      if (l.determinationId !== null) reasons.push(determinationText(raw, l.determinationId));
      else if (l.adjustFen === l.amountFen) reasons.push('仅有更正调整');
      else reasons.push('沿用原有待遇（本系统尚无认定）');
      if (l.adjustFen !== 0 && l.note) reasons.push(l.note);
      rows.push({
        kind: 'added',
        householdId: l.householdId,
        township: l.township,
        village: l.village,
        headName: l.headName,
        headIdNumber: l.headIdNumber,
        previousTier: null,
        tier: l.tier,
        previousFen: 0,
        amountFen: l.amountFen,
        differenceFen: l.amountFen,
        reasons,
      });
      continue;
    }
    if (p.amountFen === l.amountFen && p.tier === l.tier) continue;
    if (p.determinationId !== l.determinationId && l.determinationId !== null) reasons.push(determinationText(raw, l.determinationId));
    else if (base(p) !== base(l) && l.exitFen !== p.exitFen && l.note) reasons.push(l.note);
    else if (base(p) !== base(l)) reasons.push('待遇金额变化');
    if (p.adjustFen !== l.adjustFen)
      reasons.push(l.adjustFen !== 0 ? (l.note ?? '更正调整') : `上月更正调整（${formatFen(p.adjustFen)} 元）不再发生`);
    rows.push({
      kind: 'changed',
      householdId: l.householdId,
      township: l.township,
      village: l.village,
      headName: l.headName,
      headIdNumber: l.headIdNumber,
      previousTier: p.tier,
      tier: l.tier,
      previousFen: p.amountFen,
      amountFen: l.amountFen,
      differenceFen: l.amountFen - p.amountFen,
      reasons,
    });
  }
  for (const p of prev.values()) {
    const reasons: string[] = [];
    const d = stopped(p.householdId);
    const st = status(p.householdId);
    if (st === 'closed') reasons.push('家庭档案已注销');
    else if (d && d.id !== p.determinationId) reasons.push(determinationText(raw, d.id));
    else if (p.exitFen > 0) reasons.push('渐退期满，停发');
    else if (p.adjustFen === p.amountFen) reasons.push('上月仅有更正调整');
    else reasons.push('本月无在册待遇');
    rows.push({
      kind: 'removed',
      householdId: p.householdId,
      township: p.township,
      village: p.village,
      headName: p.headName,
      headIdNumber: p.headIdNumber,
      previousTier: p.tier,
      tier: null,
      previousFen: p.amountFen,
      amountFen: 0,
      differenceFen: -p.amountFen,
      reasons,
    });
  }
  const order: Record<ChangeKind, number> = { added: 0, removed: 1, changed: 2 };
  rows.sort(
    (a, b) =>
      order[a.kind] - order[b.kind] ||
      a.township.localeCompare(b.township, 'zh') ||
      a.village.localeCompare(b.village, 'zh') ||
      a.householdId - b.householdId,
  );
  return { month, previousMonth: prevMonth, rows };
}
