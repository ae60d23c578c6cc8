/**
 * Determinations, maker-checker: a clerk proposes (the engine's result with the input
 * snapshot and the exact parameter values used), a different user with the manager role
 * approves or rejects with a reason. Both are append-only rows, so any past decision can be
 * re-explained exactly. An approval takes effect from the next month and becomes the
 * household's determination in force.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { InferResult } from 'kysely';
import { appendAudit } from '../audit/audit';
import { appendChainEvent } from '../chain/events';
import { appError } from '../common/errors';
import { addMonths, monthOf, todayIso } from '../common/dates';
import { evaluate, peopleOf, toScreenOutput, type Determination } from '../policy/engine';
import type { HouseholdTier, ReviewClass } from '../policy/types';
import type { HouseholdData, Tier } from '../common/household-file';
import type { ParameterSet } from '../common/parameters';
import { all, first, qb, run } from '../db/query';
import { loadHousehold } from '../registry/households';
import { parametersOn } from '../policy/parameter-store';
import type { Lang } from '../common/errors';
import { TIER_ZH } from '../common/labels';
import { linkFact } from '../recovery/facts';
import { openOnApproval } from '../recovery/cases';

import type { StaffActor as Actor } from '../audit/actor';

/** Determinations with what a list shows of each: the household, who proposed and decided, and what it would replace. */
/** Determinations with their household, proposer, decision and what they would replace (the approvals queue reads them: ./queue.ts). */
export function summaries() {
  return (
    qb
      .selectFrom('determinations as d')
      .innerJoin('users as pu', 'pu.id', 'd.proposed_by')
      .innerJoin('households as h', 'h.id', 'd.household_id')
      .innerJoin('areas as v', 'v.id', 'h.area_id')
      .innerJoin('areas as t', 't.id', 'v.parent_id')
      .leftJoin('members as hm', (j) => j.onRef('hm.household_id', '=', 'h.id').on('hm.relation', '=', 'head').on('hm.active', '=', 1))
      .leftJoin('determination_decisions as dd', 'dd.determination_id', 'd.id')
      .leftJoin('users as du', 'du.id', 'dd.decided_by')
      .select((eb) => {
        // The household's last approved determination before this one.
        const previous = () =>
          eb
            .selectFrom('determinations as p')
            .innerJoin('determination_decisions as pd', (j) =>
              j.onRef('pd.determination_id', '=', 'p.id').on('pd.decision', '=', 'approved'),
            )
            .whereRef('p.household_id', '=', 'd.household_id')
            .whereRef('p.id', '<', 'd.id')
            .orderBy('p.id', 'desc')
            .limit(1);
        return [
          'd.id',
          'd.household_id',
          'd.reference_date',
          'd.parameter_set',
          'd.tier',
          'd.monthly_benefit_fen',
          'd.review_class',
          'd.source',
          'd.note',
          'd.proposed_at',
          'pu.username as proposed_by_name',
          'pu.display_name as proposed_by_display',
          'dd.decision',
          'dd.reason as decision_reason',
          'du.username as decided_by_name',
          'du.display_name as decided_by_display',
          'dd.decided_at',
          'dd.effective_month',
          eb.fn.coalesce('hm.name', eb.val('')).as('head_name'),
          'v.name as village',
          't.name as township',
          previous().select('p.tier').as('prev_tier'),
          previous().select('p.monthly_benefit_fen').as('prev_benefit'),
          'h.current_tier as registry_tier',
          'h.current_benefit_fen as registry_benefit',
        ];
      })
      // The tiers are the engine's codes and review classes its A/B/C, as propose() and decide() write them (db/schema.ts types them as text).
      .$narrowType<{ tier: HouseholdTier; review_class: ReviewClass | null; prev_tier: HouseholdTier | null; registry_tier: Tier | null }>()
  );
}

type SummaryRow = InferResult<ReturnType<typeof summaries>>[number];

export function summary(r: SummaryRow) {
  const decided = r.decision !== null;
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
    // People are named by name on screens (issue 21); the username stays for the four-eyes check.
    proposedByName: r.proposed_by_display,
    proposedAt: r.proposed_at,
    decision: r.decision,
    decisionReason: r.decision_reason,
    decidedBy: r.decided_by_name,
    decidedByName: r.decided_by_display,
    decidedAt: r.decided_at,
    effectiveMonth: r.effective_month,
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
  input: {
    householdId: number;
    referenceDate?: string;
    note?: string;
    source: 'screening' | 'scan' | 'warning';
    scanId?: number;
    /** A fact with a past date it is proposed for (docs/rules/temporary-service-recovery.md §13): its approval may open a recovery case. */
    factId?: number;
  },
  actor: Actor,
  now: Date,
): number {
  return raw.transaction(() => {
    const pending = first(
      raw,
      qb
        .selectFrom('determinations as d')
        .leftJoin('determination_decisions as dd', 'dd.determination_id', 'd.id')
        .select('d.id')
        .where('d.household_id', '=', input.householdId)
        .where('dd.id', 'is', null),
    );
    if (pending)
      throw appError(
        'proposal_pending',
        `Proposal #${pending.id} for this household is still awaiting a decision.`,
        `该户的第 ${pending.id} 号申报仍在等待审批。`,
      );
    const ref = input.referenceDate ?? todayIso(now);
    const { household, params, determination: d } = evaluateStored(raw, input.householdId, ref);
    const id = run(
      raw,
      qb.insertInto('determinations').values({
        household_id: input.householdId,
        reference_date: ref,
        parameter_set: params.id,
        parameters_json: JSON.stringify(params),
        input_json: JSON.stringify(household),
        result_json: JSON.stringify(d),
        tier: d.tier,
        monthly_benefit_fen: d.monthlyBenefitFen,
        review_class: d.reviewClass,
        source: input.source,
        scan_id: input.scanId ?? null,
        note: input.note ?? null,
        proposed_by: actor.userId,
        proposed_at: now.toISOString(),
      }),
    ).lastInsertRowid;
    if (input.factId !== undefined) linkFact(raw, id, input.factId, input.householdId);
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
  /** Runs inside the decision's transaction: the caller closes the household's case (cases/ imports monitoring, which imports this). */
  onApproved?: (householdId: number, granted: boolean) => void,
): { effectiveMonth: string | null } {
  return raw.transaction(() => {
    const d = first(
      raw,
      qb
        .selectFrom('determinations as d')
        .leftJoin('determination_decisions as dd', 'dd.determination_id', 'd.id')
        .selectAll('d')
        .select('dd.id as decided')
        .where('d.id', '=', input.id),
    );
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
    run(
      raw,
      qb.insertInto('determination_decisions').values({
        determination_id: input.id,
        decision: input.decision,
        reason: input.reason,
        effective_month: effectiveMonth,
        decided_by: actor.userId,
        decided_at: now.toISOString(),
      }),
    );
    if (input.decision === 'approved') {
      const household = qb.selectFrom('households').where('id', '=', d.household_id);
      // A determination's household is never deleted (households close, they are not removed).
      const before = first(raw, household.select(['current_tier', 'current_benefit_fen', 'gradual_exit_since']))!;
      const result: Determination = JSON.parse(d.result_json);
      const tier = d.tier === 'none' ? null : d.tier;
      const exitSince = result.gradualExit ? (before.gradual_exit_since ?? monthOf(d.reference_date)) : null;
      run(
        raw,
        qb
          .updateTable('households')
          .set((eb) => ({
            current_tier: tier,
            current_benefit_fen: d.monthly_benefit_fen,
            gradual_exit_since: exitSince,
            version: eb('version', '+', 1),
            updated_at: now.toISOString(),
          }))
          .where('id', '=', d.household_id),
      );
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
      // Ended or lowered by a fact with a past date: the months paid since are recovered (temporary-service-recovery.md §13).
      openOnApproval(raw, input.id, actor, now);
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
    // An approved determination ends the household's application (docs/rules/workstations.md, time limits); a rejected
    // proposal leaves it open for another.
    if (input.decision === 'approved') onApproved?.(d.household_id, d.tier !== 'none');
    return { effectiveMonth };
  })();
}

export function pending(raw: BetterSqlite3.Database) {
  return all(raw, summaries().where('dd.id', 'is', null).orderBy('d.id')).map(summary);
}

export function history(raw: BetterSqlite3.Database, householdId: number) {
  return all(raw, summaries().where('d.household_id', '=', householdId).orderBy('d.id', 'desc')).map(summary);
}

/** A stored determination, re-explained from its own snapshot in the reader's language. */
export function getDetermination(raw: BetterSqlite3.Database, id: number, lang: Lang) {
  const r = first(raw, summaries().select(['d.result_json', 'd.input_json', 'd.parameters_json']).where('d.id', '=', id));
  if (!r) throw appError('not_found', `There is no determination #${id}.`, `没有第 ${id} 号认定。`);
  // The snapshots propose() wrote: JSON.stringify of the engine's result, the household it read and the parameters it used.
  const determination: Determination = JSON.parse(r.result_json);
  const input: HouseholdData = JSON.parse(r.input_json);
  const parameters: ParameterSet = JSON.parse(r.parameters_json);
  return { ...summary(r), output: toScreenOutput(determination, lang, peopleOf(input)), determination, input, parameters };
}
