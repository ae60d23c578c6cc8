/**
 * What happens to a recovery case (docs/rules/temporary-service-recovery.md §13): repayments with
 * their dates (a clerk records them), a manager's waiver of all or part with a written reason,
 * and — only by a manager's recorded decision — deductions from next payments, month by month:
 * each becomes an adjustment of that month's roster (payment_adjustments), so the roster shows
 * it, and counts as recovered once that month is closed. Every entry is a new row.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appendChainEvent } from '../chain/events';
import { isIsoDate, todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { formatFen } from '../common/money';
import { all, first, qb, run } from '../db/query';
import { computeRoster, isClosed, nextOpenMonth } from '../payments/roster';
import { mustCase } from './cases';
import { MONTH_RE } from '../payments/months';

export interface Balance {
  totalFen: number;
  repaidFen: number;
  waivedFen: number;
  /** Deductions in closed months: withheld from what was paid. */
  deductedFen: number;
  /** Deductions decided for months not closed yet. */
  scheduledFen: number;
  /** Still owed: total less repaid, waived and deducted (scheduled deductions are part of it). */
  balanceFen: number;
  /** What a new repayment, waiver or deduction may still cover: the balance less scheduled deductions. */
  openFen: number;
}

export function balanceOf(raw: BetterSqlite3.Database, caseId: number): Balance {
  const total =
    first(
      raw,
      qb
        .selectFrom('recovery_months')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('overpaid_fen'), eb.lit(0)).as('n'))
        .where('case_id', '=', caseId),
    )?.n ?? 0;
  let repaid = 0,
    waived = 0,
    deducted = 0,
    scheduled = 0;
  const closed = new Set(all(raw, qb.selectFrom('payment_months').select('month')).map((m) => m.month));
  for (const e of all(raw, qb.selectFrom('recovery_entries').select(['kind', 'amount_fen', 'month']).where('case_id', '=', caseId))) {
    if (e.kind === 'repayment') repaid += e.amount_fen;
    else if (e.kind === 'waiver') waived += e.amount_fen;
    else if (e.month !== null && closed.has(e.month)) deducted += e.amount_fen;
    else scheduled += e.amount_fen;
  }
  const balance = total - repaid - waived - deducted;
  return {
    totalFen: total,
    repaidFen: repaid,
    waivedFen: waived,
    deductedFen: deducted,
    scheduledFen: scheduled,
    balanceFen: balance,
    openFen: balance - scheduled,
  };
}

function mustCover(b: Balance, amountFen: number, field: string) {
  if (!Number.isInteger(amountFen) || amountFen <= 0) throw appError('invalid_input', 'The amount is above 0.', '金额应大于 0。', field);
  if (amountFen > b.openFen)
    throw appError(
      'over_balance',
      `${formatFen(amountFen)} yuan is more than the ${formatFen(b.openFen)} yuan still open on this case.`,
      `${formatFen(amountFen)} 元超过本案尚未处理的余额 ${formatFen(b.openFen)} 元。`,
      field,
    );
}

function entry(
  raw: BetterSqlite3.Database,
  caseId: number,
  e: {
    kind: 'repayment' | 'waiver' | 'deduction';
    onDate: string;
    month?: string;
    amountFen: number;
    reason: string;
    adjustmentId?: number;
  },
  actor: Actor,
  at: string,
): number {
  return run(
    raw,
    qb.insertInto('recovery_entries').values({
      case_id: caseId,
      kind: e.kind,
      on_date: e.onDate,
      month: e.month ?? null,
      amount_fen: e.amountFen,
      reason: e.reason,
      adjustment_id: e.adjustmentId ?? null,
      recorded_by: actor.username,
      recorded_at: at,
    }),
  ).lastInsertRowid;
}

const WORDS = { repayment: '退还', waiver: '减免', deduction: '抵扣' } as const;

function onChain(
  raw: BetterSqlite3.Database,
  c: { id: number; number: string; household_id: number; basis: string },
  what: string,
  fen: number,
  status: string,
  actor: Actor,
  at: string,
) {
  appendChainEvent(raw, {
    householdId: c.household_id,
    at,
    kind: 'payment',
    department: 'civil_affairs',
    basis: c.basis,
    amountFen: fen,
    item: 'recovery',
    status,
    refTable: 'recovery_cases',
    refId: c.id,
    summary: `${c.number} ${what}`,
    recordedBy: actor.username,
  });
}

/** A repayment, on the date it was made. */
export function repay(
  raw: BetterSqlite3.Database,
  input: { caseId: number; date: string; amountFen: number; note?: string | null },
  actor: Actor,
  now: Date,
): number {
  if (!isIsoDate(input.date)) throw appError('invalid_input', 'Give the date as YYYY-MM-DD.', '日期格式应为 YYYY-MM-DD。', 'date');
  if (input.date > todayIso(now)) throw appError('invalid_input', 'The repayment date is after today.', '退还日期晚于今天。', 'date');
  return raw.transaction(() => {
    const c = mustCase(raw, input.caseId);
    if (input.date < c.opened_at.slice(0, 10))
      throw appError('invalid_input', 'The repayment is dated before the case was opened.', '退还日期早于立案日期。', 'date');
    const b = balanceOf(raw, c.id);
    mustCover(b, input.amountFen, 'amountFen');
    const at = now.toISOString();
    const id = entry(
      raw,
      c.id,
      { kind: 'repayment', onDate: input.date, amountFen: input.amountFen, reason: input.note?.trim() || '退还' },
      actor,
      at,
    );
    onChain(
      raw,
      c,
      `${input.date} ${WORDS.repayment} ${formatFen(input.amountFen)} 元，余额 ${formatFen(b.balanceFen - input.amountFen)} 元`,
      input.amountFen,
      'repaid',
      actor,
      at,
    );
    appendAudit(raw, {
      ...actor,
      action: 'recovery_repay',
      entity: 'household',
      entityId: c.household_id,
      summary: `${c.number}: ${formatFen(input.amountFen)} yuan repaid on ${input.date}`,
      after: input,
      at,
    });
    return id;
  })();
}

/** A manager waives all or part of what is still open, with the reason written down. */
export function waive(
  raw: BetterSqlite3.Database,
  input: { caseId: number; amountFen: number; reason: string },
  actor: Actor,
  now: Date,
): number {
  if (input.reason.trim().length < 4) throw appError('invalid_input', 'Write the reason for the waiver.', '请写明减免理由。', 'reason');
  return raw.transaction(() => {
    const c = mustCase(raw, input.caseId);
    const b = balanceOf(raw, c.id);
    mustCover(b, input.amountFen, 'amountFen');
    const at = now.toISOString();
    const id = entry(
      raw,
      c.id,
      { kind: 'waiver', onDate: todayIso(now), amountFen: input.amountFen, reason: input.reason.trim() },
      actor,
      at,
    );
    onChain(raw, c, `${WORDS.waiver} ${formatFen(input.amountFen)} 元：${input.reason.trim()}`, input.amountFen, 'waived', actor, at);
    appendAudit(raw, {
      ...actor,
      action: 'recovery_waive',
      entity: 'household',
      entityId: c.household_id,
      summary: `${c.number}: ${formatFen(input.amountFen)} yuan waived: ${input.reason.trim()}`,
      after: input,
      at,
    });
    return id;
  })();
}

/**
 * A manager's decision to deduct from next payments, with the amount of each month. A month is one not closed yet, at or
 * after the next open month, and its deduction no more than the household's payment that month (nothing goes below zero).
 */
export function deduct(
  raw: BetterSqlite3.Database,
  input: { caseId: number; months: { month: string; amountFen: number }[]; reason: string },
  actor: Actor,
  now: Date,
): number[] {
  if (input.reason.trim().length < 4) throw appError('invalid_input', 'Write the decision’s reason.', '请写明抵扣决定的理由。', 'reason');
  if (input.months.length === 0) throw appError('invalid_input', 'Give at least one month.', '请至少填写一个月份。', 'months');
  const seen = new Set<string>();
  for (const m of input.months) {
    if (!MONTH_RE.test(m.month)) throw appError('invalid_input', 'A month is written YYYY-MM.', '月份格式应为 YYYY-MM。', 'months');
    if (seen.has(m.month)) throw appError('invalid_input', `${m.month} is given twice.`, `${m.month} 重复填写。`, 'months');
    seen.add(m.month);
  }
  return raw.transaction(() => {
    const c = mustCase(raw, input.caseId);
    const b = balanceOf(raw, c.id);
    mustCover(
      b,
      input.months.reduce((s, m) => s + m.amountFen, 0),
      'months',
    );
    const open = nextOpenMonth(raw, todayIso(now).slice(0, 7));
    const area = first(raw, qb.selectFrom('households').select('area_id').where('id', '=', c.household_id))!; // a case's household stays
    const last = first(
      raw,
      qb
        .selectFrom('recovery_months')
        .select((eb) => eb.fn.max('month').as('m'))
        .where('case_id', '=', c.id),
    )?.m;
    const at = now.toISOString();
    const ids: number[] = [];
    for (const m of [...input.months].sort((x, y) => x.month.localeCompare(y.month))) {
      if (m.month < open || isClosed(raw, m.month))
        throw appError(
          'month_closed',
          `${m.month} is closed or past; deduct from ${open} on.`,
          `${m.month} 已结账或已过，只能从 ${open} 起抵扣。`,
          'months',
        );
      if (!Number.isInteger(m.amountFen) || m.amountFen <= 0)
        throw appError('invalid_input', 'Each month’s deduction is above 0.', '每月抵扣金额应大于 0。', 'months');
      const line = computeRoster(raw, m.month, { villageId: area.area_id }).find((l) => l.householdId === c.household_id);
      if (!line || line.amountFen < m.amountFen)
        throw appError(
          'over_payment',
          `The household is paid ${formatFen(line?.amountFen ?? 0)} yuan in ${m.month}; a deduction cannot exceed it.`,
          `该户 ${m.month} 应发 ${formatFen(line?.amountFen ?? 0)} 元，抵扣不能超过该金额。`,
          'months',
        );
      const reason = `${c.number} 抵扣多发救助金：${input.reason.trim()}`;
      const adj = run(
        raw,
        qb.insertInto('payment_adjustments').values({
          household_id: c.household_id,
          for_month: last ?? m.month,
          applied_month: m.month,
          amount_fen: -m.amountFen,
          reason,
          created_at: at,
          created_by: actor.username,
        }),
      ).lastInsertRowid;
      ids.push(
        entry(
          raw,
          c.id,
          {
            kind: 'deduction',
            onDate: todayIso(now),
            month: m.month,
            amountFen: m.amountFen,
            reason: input.reason.trim(),
            adjustmentId: adj,
          },
          actor,
          at,
        ),
      );
    }
    const list = input.months.map((m) => `${m.month} ${formatFen(m.amountFen)} 元`).join('、');
    onChain(
      raw,
      c,
      `决定从发放中${WORDS.deduction}：${list}（${input.reason.trim()}）`,
      input.months.reduce((s, m) => s + m.amountFen, 0),
      'deduction',
      actor,
      at,
    );
    appendAudit(raw, {
      ...actor,
      action: 'recovery_deduct',
      entity: 'household',
      entityId: c.household_id,
      summary: `${c.number}: deduct ${list}`,
      after: input,
      at,
    });
    return ids;
  })();
}
