/**
 * Deciding a case (docs/rules/temporary-service-recovery.md §11.3). The band says who may: 小额快救 a
 * township or county clerk; ≤ 3 × S the township (when delegated) or a county manager; ≤ 10 × S a
 * county manager; 一事一议 two different county managers, the second being neither the first nor the
 * one who asked. Where the decision is taken (county or township) is recorded with it; until the
 * township stations come (docs/rules/workstations.md) it is the county unless said otherwise.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import { appendChainEvent } from '../chain/events';
import type { DecidingLevel } from '../common/codes';
import { appError } from '../common/errors';
import { formatFen } from '../common/money';
import { todayIso } from '../common/dates';
import { qb, run } from '../db/query';
import { temporaryRulesOn } from './parameters';
import { caseState, mustGetCase, type CaseActor, type CaseRow } from './records';
import { BAND_ZH, BASIS_ZH, caseLabelZh } from './words';

export interface DecisionInput {
  step: 'approve' | 'confirm' | 'refuse';
  amountFen: number | null;
  level: DecidingLevel;
  reason: string;
}

/** Appends a decision (and, when it settles the case, its chain entry), inside the caller's transaction. */
export function recordDecision(raw: BetterSqlite3.Database, c: CaseRow, d: DecisionInput, actor: CaseActor, now: Date): void {
  const at = now.toISOString();
  run(
    raw,
    qb.insertInto('temporary_decisions').values({
      case_id: c.id,
      step: d.step,
      amount_fen: d.amountFen,
      band: c.band,
      level: d.level,
      reason: d.reason,
      user_id: actor.userId,
      username: actor.username,
      role: actor.role,
      decided_at: at,
    }),
  );
  const st = caseState(raw, c);
  const settled = d.step === 'refuse' || st.status === 'approved' || st.status === 'paid';
  if (settled && c.household_id !== null)
    appendChainEvent(raw, {
      householdId: c.household_id,
      idNumber: c.id_number,
      at,
      kind: 'determination',
      department: 'civil_affairs',
      basis: BASIS_ZH,
      amountFen: d.step === 'refuse' ? null : st.approvedFen,
      item: 'temporary',
      status: d.step === 'refuse' ? 'refused' : 'approved',
      refTable: 'temporary_cases',
      refId: c.id,
      summary:
        d.step === 'refuse'
          ? `临时救助 ${c.number}（${caseLabelZh(c)}）不予救助：${d.reason}`
          : `临时救助 ${c.number}（${caseLabelZh(c)}）批准 ${formatFen(st.approvedFen ?? 0)} 元，${BAND_ZH[c.band]}权限，${st.decidedBy.join('、')}决定：${d.reason}`,
      recordedBy: actor.username,
    });
  appendAudit(raw, {
    ...actor,
    action: d.step,
    entity: 'temporary_case',
    entityId: c.number,
    summary: `${c.number} ${d.step}${d.amountFen !== null ? ` ${formatFen(d.amountFen)} yuan` : ''} (${c.band}, ${d.level}) by ${actor.username}`,
    after: { ...d, status: st.status },
    at,
  });
}

const no = (code: string, en: string, zh: string, field = 'decision') => appError(code, en, zh, field);

/** Why `actor` may not take this step on this case now, or null when they may (the screen shows it before any input). */
export function whyNot(
  c: CaseRow,
  actor: CaseActor,
  step: 'approve' | 'refuse',
  raw: BetterSqlite3.Database,
  now: Date,
): { en: string; zh: string } | null {
  const st = caseState(raw, c);
  if (st.status !== 'pending' && st.status !== 'awaiting_second')
    return { en: `Case ${c.number} is decided already.`, zh: `${c.number} 已经决定。` };
  if (c.band !== 'quick' && actor.role !== 'manager')
    return {
      en: 'A manager decides this band; a clerk decides small quick assistance only.',
      zh: '该权限须由审核人员决定，经办人员仅可决定小额快救。',
    };
  if (c.band === 'quick' && actor.role !== 'manager' && actor.role !== 'clerk')
    return { en: 'A clerk or a manager decides.', zh: '须由经办或审核人员决定。' };
  if (c.band === 'quick' && actor.role === 'clerk') {
    // §11.1: a clerk's 小额快救 is decided within 3 days of the request; later, a manager decides.
    const limit = temporaryRulesOn(raw, c.requested_on)['temporary.quickDecisionDays'];
    const days = (Date.parse(`${todayIso(now)}T00:00:00Z`) - Date.parse(`${c.requested_on}T00:00:00Z`)) / 86_400_000;
    if (days > limit)
      return {
        en: `Small quick assistance is decided within ${limit} days of the request (${c.requested_on}); after that a manager decides.`,
        zh: `小额快救须在申请（${c.requested_on}）后 ${limit} 日内决定，逾期须由审核人员决定。`,
      };
  }
  if (step === 'approve' && st.status === 'awaiting_second' && st.firstApproval) {
    if (st.firstApproval.user_id === actor.userId)
      return { en: 'You gave the first approval: a second, different manager confirms.', zh: '您已作第一人审批，须由另一名审核人员确认。' };
    if (c.created_by_id === actor.userId)
      return { en: 'You asked for this case: a manager other than the asker confirms.', zh: '本申请由您提出，须由其他审核人员确认。' };
  }
  return null;
}

export function decide(
  raw: BetterSqlite3.Database,
  input: { id: number; decision: 'approve' | 'refuse'; amountFen?: number | null; reason: string; level?: DecidingLevel },
  actor: CaseActor,
  now: Date,
) {
  return raw.transaction(() => {
    const c = mustGetCase(raw, input.id);
    const why = whyNot(c, actor, input.decision, raw, now);
    if (why) throw no(c.band === 'quick' || actor.role === 'manager' ? 'not_allowed' : 'forbidden', why.en, why.zh);
    const st = caseState(raw, c);
    const level = input.level ?? 'county';
    // §11.3: a township decides (when delegated) up to 3 × S; the county and 一事一议 bands are the county's.
    if (level === 'township' && c.band !== 'quick' && c.band !== 'township')
      throw no(
        'not_allowed',
        `The ${c.band === 'county' ? 'county' : 'case-by-case'} band is decided at the county, not at a township.`,
        `${BAND_ZH[c.band]}权限的案件须由县级决定，不能在乡镇决定。`,
        'level',
      );
    if (input.decision === 'refuse') {
      recordDecision(raw, c, { step: 'refuse', amountFen: null, level, reason: input.reason }, actor, now);
      return { status: caseState(raw, c).status, approvedFen: null };
    }
    if (st.status === 'awaiting_second' && st.firstApproval) {
      // The second manager confirms the first one's amount: 一事一议 is one decision by two people.
      if (input.amountFen != null && input.amountFen !== st.firstApproval.amount_fen)
        throw no(
          'amount_differs',
          `The first manager approved ${formatFen(st.firstApproval.amount_fen ?? 0)} yuan; confirm that amount, or refuse.`,
          `第一人审批金额为 ${formatFen(st.firstApproval.amount_fen ?? 0)} 元，请确认该金额或不予救助。`,
          'amountFen',
        );
      recordDecision(raw, c, { step: 'confirm', amountFen: st.firstApproval.amount_fen, level, reason: input.reason }, actor, now);
      const after = caseState(raw, c);
      return { status: after.status, approvedFen: after.approvedFen };
    }
    // The most that may be approved: the proposal, or for 一事一议 the computed need up to 30 × S.
    const a = JSON.parse(c.assessment_json) as { maxFen: number; computedFen: number | null }; // written by createCase from an Assessment
    const most = c.band === 'case_by_case' ? Math.min(c.computed_fen ?? c.requested_fen ?? c.proposed_fen, a.maxFen) : c.proposed_fen;
    const amount = input.amountFen ?? c.proposed_fen;
    if (!Number.isInteger(amount) || amount <= 0 || amount > most)
      throw no(
        'over_band',
        `The amount is between 0.01 and ${formatFen(most)} yuan for this case.`,
        `本案批准金额应在 0.01 至 ${formatFen(most)} 元之间。`,
        'amountFen',
      );
    recordDecision(raw, c, { step: 'approve', amountFen: amount, level, reason: input.reason }, actor, now);
    const after = caseState(raw, c);
    return { status: after.status, approvedFen: after.approvedFen };
  })();
}
