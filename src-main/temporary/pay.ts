/**
 * Paying a case: once, or in stages each with its own date, into the payments ledger of the
 * month paid (docs/rules/temporary-service-recovery.md §11.5) — from the township's standby fund
 * (小额快救 and 先行救助, §11.4) or by the county. On the household's assistance chain.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appendChainEvent } from '../chain/events';
import { isIsoDate, monthOf, todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { formatFen } from '../common/money';
import { qb, run } from '../db/query';
import { assertMonthOpen } from '../payments/one-off';
import { payFromFund } from './fund';
import { caseState, mustGetCase, type CaseRow } from './records';
import { BASIS_ZH, caseLabelZh } from './words';

/** Records one payment (a stage) of an approved case, inside the caller's transaction. */
export function recordPayment(
  raw: BetterSqlite3.Database,
  c: CaseRow,
  input: { paidOn: string; amountFen: number },
  actor: Actor,
  now: Date,
): { paymentId: number; stage: number } {
  if (!isIsoDate(input.paidOn)) throw appError('invalid_input', 'The payment date must be a real date.', '发放日期无效。', 'paidOn');
  if (input.paidOn > todayIso(now)) throw appError('invalid_input', 'The payment date is in the future.', '发放日期晚于今天。', 'paidOn');
  if (input.paidOn < c.requested_on)
    throw appError('invalid_input', 'The payment date is before the request.', '发放日期早于申请日期。', 'paidOn');
  if (!Number.isInteger(input.amountFen) || input.amountFen <= 0)
    throw appError('invalid_input', 'A payment is more than 0.', '发放金额应大于 0。', 'amountFen');
  const st = caseState(raw, c);
  if (st.status !== 'approved' || st.approvedFen === null)
    throw appError(
      'not_payable',
      `Case ${c.number} is ${st.status === 'paid' ? 'paid in full' : 'not approved'}: nothing to pay.`,
      `${c.number} ${st.status === 'paid' ? '已足额发放' : '尚未批准'}，不能发放。`,
      'amountFen',
    );
  const left = st.approvedFen - st.paidFen;
  if (input.amountFen > left)
    throw appError(
      'over_approved',
      `Only ${formatFen(left)} yuan of the ${formatFen(st.approvedFen)} approved is left to pay.`,
      `批准金额 ${formatFen(st.approvedFen)} 元，尚可发放 ${formatFen(left)} 元。`,
      'amountFen',
    );
  const month = monthOf(input.paidOn);
  assertMonthOpen(raw, month);
  const stage = st.payments.length + 1;
  const at = now.toISOString();
  const paymentId = run(
    raw,
    qb.insertInto('temporary_payments').values({
      case_id: c.id,
      stage,
      paid_on: input.paidOn,
      month,
      amount_fen: input.amountFen,
      paid_from: c.paid_from,
      township_id: c.township_id,
      recorded_by: actor.username,
      recorded_at: at,
    }),
  ).lastInsertRowid;
  if (c.paid_from === 'standby_fund')
    payFromFund(
      raw,
      { townshipId: c.township_id, paidOn: input.paidOn, amountFen: input.amountFen, caseId: c.id, caseNumber: c.number, paymentId },
      actor,
      now,
    );
  const whole = stage === 1 && input.amountFen === st.approvedFen;
  if (c.household_id !== null)
    appendChainEvent(raw, {
      householdId: c.household_id,
      idNumber: c.id_number,
      at: input.paidOn,
      kind: 'payment',
      department: 'civil_affairs',
      basis: BASIS_ZH,
      amountFen: input.amountFen,
      item: 'temporary',
      status: 'paid',
      refTable: 'temporary_cases',
      refId: c.id,
      summary: `${input.paidOn} 发放临时救助金 ${formatFen(input.amountFen)} 元（${c.number}，${caseLabelZh(c)}${whole ? '' : `，第 ${stage} 次`}，${c.paid_from === 'standby_fund' ? '乡镇备用金' : '县级'}支付）`,
      recordedBy: actor.username,
    });
  appendAudit(raw, {
    ...actor,
    action: 'pay',
    entity: 'temporary_case',
    entityId: c.number,
    summary: `${c.number} stage ${stage}: ${formatFen(input.amountFen)} yuan paid on ${input.paidOn} (${c.paid_from})`,
    after: { paymentId, stage, paidOn: input.paidOn, amountFen: input.amountFen, paidFrom: c.paid_from },
    at,
  });
  return { paymentId, stage };
}

/** A payment (or the next stage) of an approved case, in its own transaction. */
export function pay(raw: BetterSqlite3.Database, input: { id: number; paidOn: string; amountFen: number }, actor: Actor, now: Date) {
  return raw.transaction(() => {
    const c = mustGetCase(raw, input.id);
    const r = recordPayment(raw, c, input, actor, now);
    const st = caseState(raw, c);
    return { ...r, status: st.status, paidFen: st.paidFen };
  })();
}
