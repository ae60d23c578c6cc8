/**
 * Determinations, maker-checker: a clerk proposes (the engine's result with the input
 * snapshot and the exact parameter values used), a different user with the manager role
 * approves or rejects with a reason. Both are append-only rows, so any past decision can be
 * re-explained exactly. An approval takes effect from the next month and becomes the
 * household's determination in force.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { appendAudit } from '../audit/audit';
import { appendChainEvent } from '../chain/events';
import { appError } from '../common/errors';
import { addMonths, monthOf, todayIso } from '../common/dates';
import { evaluate, toScreenOutput, type Determination } from '../policy/engine';
import { loadHousehold } from '../registry/households';
import { parametersOn } from '../policy/parameter-store';
import type { Lang } from '../common/errors';
import { TIER_ZH } from '../common/labels';

import type { StaffActor as Actor } from '../audit/actor';

const SUMMARY_SQL = `SELECT d.*, pu.username AS proposed_by_name, dd.decision, dd.reason AS decision_reason, du.username AS decided_by_name, dd.decided_at, dd.effective_month,
  COALESCE(hm.name, '') AS head_name, v.name AS village, t.name AS township,
  (SELECT p.tier FROM determinations p JOIN determination_decisions pd ON pd.determination_id = p.id AND pd.decision = 'approved' WHERE p.household_id = d.household_id AND p.id < d.id ORDER BY p.id DESC LIMIT 1) AS prev_tier,
  (SELECT p.monthly_benefit_fen FROM determinations p JOIN determination_decisions pd ON pd.determination_id = p.id AND pd.decision = 'approved' WHERE p.household_id = d.household_id AND p.id < d.id ORDER BY p.id DESC LIMIT 1) AS prev_benefit,
  h.current_tier AS registry_tier, h.current_benefit_fen AS registry_benefit
  FROM determinations d
  JOIN users pu ON pu.id = d.proposed_by
  JOIN households h ON h.id = d.household_id
  JOIN areas v ON v.id = h.area_id JOIN areas t ON t.id = v.parent_id
  LEFT JOIN members hm ON hm.household_id = h.id AND hm.relation = 'head' AND hm.active = 1
  LEFT JOIN determination_decisions dd ON dd.determination_id = d.id
  LEFT JOIN users du ON du.id = dd.decided_by`;

function summary(r: any) {
  const decided = r.decision !== null && r.decision !== undefined;
  return {
    id: r.id,
    householdId: r.household_id,
    headName: r.head_name,
    village: r.village,
    township: r.township,
    referenceDate: r.reference_date,
    parameterSet: r.parameter_set,
    tier: r.tier,
    monthlyBenefitFen: r.monthly_benefit_fen,
    reviewClass: r.review_class,
    source: r.source,
    note: r.note,
    proposedBy: r.proposed_by_name,
    proposedAt: r.proposed_at,
    decision: r.decision ?? null,
    decisionReason: r.decision_reason ?? null,
    decidedBy: r.decided_by_name ?? null,
    decidedAt: r.decided_at ?? null,
    effectiveMonth: r.effective_month ?? null,
    // What the proposal would replace: the last approved determination, else the registry's record.
    previousTier: r.prev_tier ?? (decided ? null : r.registry_tier) ?? null,
    previousBenefitFen: r.prev_benefit ?? (decided ? null : r.registry_benefit) ?? null,
  };
}

export function evaluateStored(raw: BetterSqlite3.Database, householdId: number, referenceDate: string) {
  const h = loadHousehold(raw, householdId);
  if (!h) throw appError('not_found', `There is no household #${householdId}.`, `没有编号为 ${householdId} 的家庭。`);
  const params = parametersOn(raw, referenceDate);
  return { household: h.data, params, determination: evaluate(h.data, params, referenceDate) };
}

export function propose(
  raw: BetterSqlite3.Database,
  input: { householdId: number; referenceDate?: string; note?: string; source: 'screening' | 'scan' | 'warning'; scanId?: number },
  actor: Actor,
  now: Date,
): number {
  return raw.transaction(() => {
    const pending = raw
      .prepare(
        `SELECT d.id FROM determinations d LEFT JOIN determination_decisions dd ON dd.determination_id = d.id WHERE d.household_id = ? AND dd.id IS NULL`,
      )
      .get(input.householdId) as { id: number } | undefined;
    if (pending)
      throw appError(
        'proposal_pending',
        `Proposal #${pending.id} for this household is still awaiting a decision.`,
        `该户的第 ${pending.id} 号申报仍在等待审批。`,
      );
    const ref = input.referenceDate ?? todayIso(now);
    const { household, params, determination: d } = evaluateStored(raw, input.householdId, ref);
    const id = Number(
      raw
        .prepare(
          `INSERT INTO determinations (household_id, reference_date, parameter_set, parameters_json, input_json, result_json, tier, monthly_benefit_fen, review_class, source, scan_id, note, proposed_by, proposed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.householdId,
          ref,
          params.id,
          JSON.stringify(params),
          JSON.stringify(household),
          JSON.stringify(d),
          d.tier,
          d.monthlyBenefitFen,
          d.reviewClass,
          input.source,
          input.scanId ?? null,
          input.note ?? null,
          actor.userId,
          now.toISOString(),
        ).lastInsertRowid,
    );
    appendChainEvent(raw, {
      householdId: input.householdId,
      at: now.toISOString(),
      kind: 'determination',
      department: 'civil_affairs',
      basis: '《社会救助暂行办法》',
      amountFen: d.monthlyBenefitFen,
      item: d.tier,
      status: 'proposed',
      refTable: 'determinations',
      refId: id,
      summary: `申报认定（第 ${id} 号）：${TIER_ZH[d.tier]}，每月 ${d.monthlyBenefitFen / 100} 元`,
      recordedBy: actor.username,
    });
    appendAudit(raw, {
      ...actor,
      action: 'propose',
      entity: 'household',
      entityId: input.householdId,
      summary: `determination #${id}: ${d.tier}, ${d.monthlyBenefitFen / 100} yuan/month`,
      after: { determination: id, tier: d.tier, monthlyBenefitFen: d.monthlyBenefitFen, parameterSet: params.id },
      at: now.toISOString(),
    });
    return id;
  })();
}

export function decide(
  raw: BetterSqlite3.Database,
  input: { id: number; decision: 'approved' | 'rejected'; reason: string },
  actor: Actor,
  now: Date,
): { effectiveMonth: string | null } {
  return raw.transaction(() => {
    const d = raw
      .prepare(
        `SELECT d.*, dd.id AS decided FROM determinations d LEFT JOIN determination_decisions dd ON dd.determination_id = d.id WHERE d.id = ?`,
      )
      .get(input.id) as any;
    if (!d) throw appError('not_found', `There is no proposal #${input.id}.`, `没有第 ${input.id} 号申报。`);
    if (d.decided) throw appError('already_decided', `Proposal #${input.id} has already been decided.`, `第 ${input.id} 号申报已审批。`);
    if (d.proposed_by === actor.userId)
      throw appError(
        'maker_checker',
        'You proposed this determination; a different manager must decide it.',
        '本申报由您提出，须由另一名审核人员审批。',
      );
    // The office's calendar month (local time), not UTC's: a late-evening approval on the 31st belongs to that month.
    const effectiveMonth = input.decision === 'approved' ? addMonths(monthOf(todayIso(now)), 1) : null;
    raw
      .prepare(
        `INSERT INTO determination_decisions (determination_id, decision, reason, effective_month, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(input.id, input.decision, input.reason, effectiveMonth, actor.userId, now.toISOString());
    if (input.decision === 'approved') {
      const before = raw
        .prepare(`SELECT current_tier, current_benefit_fen, gradual_exit_since FROM households WHERE id = ?`)
        .get(d.household_id) as any;
      const result = JSON.parse(d.result_json) as Determination;
      const tier = d.tier === 'none' ? null : d.tier;
      const exitSince = result.gradualExit ? (before.gradual_exit_since ?? monthOf(d.reference_date)) : null;
      raw
        .prepare(
          `UPDATE households SET current_tier = ?, current_benefit_fen = ?, gradual_exit_since = ?, version = version + 1, updated_at = ? WHERE id = ?`,
        )
        .run(tier, d.monthly_benefit_fen, exitSince, now.toISOString(), d.household_id);
      appendChainEvent(raw, {
        householdId: d.household_id,
        at: now.toISOString(),
        kind: 'determination',
        department: 'civil_affairs',
        basis: '《社会救助暂行办法》',
        amountFen: d.monthly_benefit_fen,
        item: d.tier,
        status: 'approved',
        refTable: 'determinations',
        refId: input.id,
        summary: `审批同意第 ${input.id} 号认定，自 ${effectiveMonth} 起执行：${input.reason}`,
        recordedBy: actor.username,
      });
      if ((before.current_tier ?? 'none') !== d.tier) {
        appendChainEvent(raw, {
          householdId: d.household_id,
          at: now.toISOString(),
          kind: 'tier_change',
          department: 'civil_affairs',
          basis: '《社会救助暂行办法》',
          amountFen: d.monthly_benefit_fen,
          item: d.tier,
          status: 'in_force',
          refTable: 'determinations',
          refId: input.id,
          summary: `档次变更：${TIER_ZH[before.current_tier ?? 'none']} → ${TIER_ZH[d.tier]}（自 ${effectiveMonth}）`,
          recordedBy: actor.username,
        });
      }
      appendAudit(raw, {
        ...actor,
        action: 'approve',
        entity: 'household',
        entityId: d.household_id,
        summary: `determination #${input.id} approved from ${effectiveMonth}: ${input.reason}`,
        before,
        after: { current_tier: tier, current_benefit_fen: d.monthly_benefit_fen, gradual_exit_since: exitSince },
        at: now.toISOString(),
      });
    } else {
      appendChainEvent(raw, {
        householdId: d.household_id,
        at: now.toISOString(),
        kind: 'determination',
        department: 'civil_affairs',
        item: d.tier,
        status: 'rejected',
        refTable: 'determinations',
        refId: input.id,
        summary: `不予批准第 ${input.id} 号认定：${input.reason}`,
        recordedBy: actor.username,
      });
      appendAudit(raw, {
        ...actor,
        action: 'reject',
        entity: 'household',
        entityId: d.household_id,
        summary: `determination #${input.id} rejected: ${input.reason}`,
        at: now.toISOString(),
      });
    }
    return { effectiveMonth };
  })();
}

export function pending(raw: BetterSqlite3.Database) {
  return (raw.prepare(`${SUMMARY_SQL} WHERE dd.id IS NULL ORDER BY d.id`).all() as any[]).map(summary);
}

export function history(raw: BetterSqlite3.Database, householdId: number) {
  return (raw.prepare(`${SUMMARY_SQL} WHERE d.household_id = ? ORDER BY d.id DESC`).all(householdId) as any[]).map(summary);
}

/** A stored determination, re-explained from its own snapshot in the reader's language. */
export function getDetermination(raw: BetterSqlite3.Database, id: number, lang: Lang) {
  const r = raw.prepare(`${SUMMARY_SQL} WHERE d.id = ?`).get(id) as any;
  if (!r) throw appError('not_found', `There is no determination #${id}.`, `没有第 ${id} 号认定。`);
  const determination = JSON.parse(r.result_json);
  return {
    ...summary(r),
    output: toScreenOutput(determination, lang),
    determination,
    input: JSON.parse(r.input_json),
    parameters: JSON.parse(r.parameters_json),
  };
}
