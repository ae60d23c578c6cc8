/** The demo history's approved determinations, each with its chain events, and the registry's record of the one in force. */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendChainEvent } from '../chain/events';
import { addMonths } from '../common/dates';
import type { HouseholdData } from '../common/household-file';
import { TIER_ZH } from '../common/labels';
import { formatFen } from '../common/money';
import { qb, run } from '../db/query';
import type { Determination } from '../policy/types';

/** A moment of a month, in UTC (the demo's history is written at office hours). */
export function at(month: string, day: number, hour = 9): Date {
  return new Date(`${month}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`);
}

/** Who the demo's determinations are proposed and decided by, on which date, with which parameters. */
export interface Recording {
  clerk: { id: number; username: string };
  manager: { id: number; username: string };
  refDate: string;
  paramsJson: string;
}

/**
 * A determination proposed by the clerk on the 10th of the month before `effective` and approved
 * by the manager on the 25th, with its chain events (and a tier change when the tier moves).
 */
export function recordDetermination(
  raw: BetterSqlite3.Database,
  { clerk, manager, refDate, paramsJson }: Recording,
  hid: number,
  data: HouseholdData,
  d: Determination,
  effective: string,
  note: string,
  reason: string,
  prevTier: string | null,
): number {
  const decided = at(addMonths(effective, -1), 25, 10);
  const proposed = at(addMonths(effective, -1), 10, 9);
  const detId = run(
    raw,
    qb.insertInto('determinations').values({
      household_id: hid,
      reference_date: refDate,
      parameter_set: d.parameterSet,
      parameters_json: paramsJson,
      input_json: JSON.stringify(data),
      result_json: JSON.stringify(d),
      tier: d.tier,
      monthly_benefit_fen: d.monthlyBenefitFen,
      review_class: d.reviewClass,
      source: 'screening',
      scan_id: null,
      note,
      proposed_by: clerk.id,
      proposed_at: proposed.toISOString(),
    }),
  ).lastInsertRowid;
  run(
    raw,
    qb.insertInto('determination_decisions').values({
      determination_id: detId,
      decision: 'approved',
      reason,
      effective_month: effective,
      decided_by: manager.id,
      decided_at: decided.toISOString(),
    }),
  );
  appendChainEvent(raw, {
    householdId: hid,
    at: proposed.toISOString(),
    kind: 'determination',
    department: 'civil_affairs',
    basis: '《社会救助暂行办法》',
    amountFen: d.monthlyBenefitFen,
    item: d.tier,
    status: 'proposed',
    refTable: 'determinations',
    refId: detId,
    summary: `申报认定（第 ${detId} 号）：${TIER_ZH[d.tier]}，每月 ${formatFen(d.monthlyBenefitFen)} 元`,
    recordedBy: clerk.username,
  });
  appendChainEvent(raw, {
    householdId: hid,
    at: decided.toISOString(),
    kind: 'determination',
    department: 'civil_affairs',
    basis: '《社会救助暂行办法》',
    amountFen: d.monthlyBenefitFen,
    item: d.tier,
    status: 'approved',
    refTable: 'determinations',
    refId: detId,
    summary: `审批同意第 ${detId} 号认定，自 ${effective} 起执行：${reason}`,
    recordedBy: manager.username,
  });
  if ((prevTier ?? 'none') !== d.tier) {
    appendChainEvent(raw, {
      householdId: hid,
      at: decided.toISOString(),
      kind: 'tier_change',
      department: 'civil_affairs',
      basis: '《社会救助暂行办法》',
      amountFen: d.monthlyBenefitFen,
      item: d.tier,
      status: 'in_force',
      refTable: 'determinations',
      refId: detId,
      summary: `档次变更：${TIER_ZH[prevTier ?? 'none']} → ${TIER_ZH[d.tier]}（自 ${effective}）`,
      recordedBy: manager.username,
    });
  }
  return detId;
}

/** The household's determination in force, as an approval sets it. */
export function setInForce(raw: BetterSqlite3.Database, id: number, tier: string | null, benefitFen: number, exitSince: string | null) {
  run(
    raw,
    qb
      .updateTable('households')
      .set((eb) => ({ current_tier: tier, current_benefit_fen: benefitFen, gradual_exit_since: exitSince, version: eb('version', '+', 1) }))
      .where('id', '=', id),
  );
}
