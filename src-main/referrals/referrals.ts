/**
 * Referrals ("push according to needs"): drafted → pushed → acknowledged → completed /
 * declined; every change dated and attributed (referral_events) and written on the
 * household's assistance chain. Pushed referrals not answered by their due date escalate to
 * the manager.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { InferResult } from 'kysely';
import { all, first, qb, run } from '../db/query';
import { appendAudit } from '../audit/audit';
import { appendChainEvent } from '../chain/events';
import { appError } from '../common/errors';
import { todayIso } from '../common/dates';
import type { Entitlement } from '../policy/types';
import { createReferral, findOpenReferral } from './records';
import { recordResult } from './results';
import type { Actor } from '../audit/actor';
import { ASSISTANCES, codeOf, DEPARTMENT_OF, DEPARTMENTS, type ReferralResult, type ReferralStatus } from '../common/codes';
import { ASSISTANCE_ZH, BASIS_ZH, DEPARTMENT_ZH, REFERRAL_DUE_DAYS, STATUS_ZH, addDays, eventNote } from './codes';

export type ReferralView = ReturnType<typeof view>;

/** Referrals with their household; the filters of a list apply to these tables (its count joins no more). */
export const referralsFrom = () =>
  qb
    .selectFrom('referrals as r')
    .innerJoin('households as h', 'h.id', 'r.household_id')
    .leftJoin('charity_programmes as p', 'p.id', 'r.programme_id')
    .leftJoin('charity_organisations as o', 'o.id', 'p.organisation_id');

/** What a referral shows: its row, its village and township, the head's and the person's names, the charity programme. */
export const withView = (q: ReturnType<typeof referralsFrom>) =>
  q
    .innerJoin('areas as v', 'v.id', 'h.area_id')
    .innerJoin('areas as t', 't.id', 'v.parent_id')
    .selectAll('r')
    .select((eb) => [
      't.name as township',
      'v.name as village',
      eb
        .selectFrom('members as m')
        .select('m.name')
        .whereRef('m.household_id', '=', 'r.household_id')
        .where('m.relation', '=', 'head')
        .where('m.active', '=', 1)
        .limit(1)
        .as('head_name'),
      eb
        .selectFrom('members as m')
        .select('m.name')
        .whereRef('m.household_id', '=', 'r.household_id')
        .whereRef('m.id_number', '=', 'r.id_number')
        .orderBy('m.active', 'desc')
        .limit(1)
        .as('person_name'),
      'p.name as programme_name',
      'o.name as organisation_name',
    ]);

export function view(r: InferResult<ReturnType<typeof withView>>[number], today: string) {
  const open = r.status === 'pushed' || r.status === 'acknowledged';
  return {
    id: r.id,
    number: r.number,
    householdId: r.household_id,
    idNumber: r.id_number,
    personName: r.person_name ?? null,
    headName: r.head_name ?? '',
    township: r.township,
    village: r.village,
    assistance: codeOf(ASSISTANCES, r.assistance),
    department: codeOf(DEPARTMENTS, r.department),
    programmeId: r.programme_id,
    programmeName: r.programme_name ?? null,
    organisationName: r.organisation_name ?? null,
    reason: r.reason,
    source: r.source,
    sourceId: r.source_id,
    status: r.status,
    dueDate: r.due_date,
    overdue: open && r.due_date !== null && r.due_date < today,
    escalatedAt: r.escalated_at,
    result: r.result,
    amountFen: r.amount_fen,
    item: r.item,
    resultDate: r.result_date,
    resultReason: r.result_reason,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
  };
}

/** A referral with its history: who acted by name, and the office's own notes in the reader's language. */
export function getReferral(raw: BetterSqlite3.Database, id: number, now: Date, lang: 'zh' | 'en' = 'zh') {
  const r = first(raw, withView(referralsFrom()).where('r.id', '=', id));
  if (!r) throw appError('not_found', `There is no referral #${id}.`, `没有第 ${id} 号转介。`);
  const events = all(
    raw,
    qb
      .selectFrom('referral_events as e')
      .leftJoin('users as u', 'u.username', 'e.by')
      .select(['e.status', 'e.at', 'e.by', 'e.note', 'u.display_name'])
      .where('e.referral_id', '=', id)
      .orderBy('e.id'),
  ).map((e) => ({ status: e.status, at: e.at, by: e.display_name ?? e.by, note: eventNote(e.note, lang) }));
  return { ...view(r, todayIso(now)), events };
}

function loadForChange(raw: BetterSqlite3.Database, id: number) {
  const r = first(raw, qb.selectFrom('referrals').selectAll().where('id', '=', id));
  if (!r) throw appError('not_found', `There is no referral #${id}.`, `没有第 ${id} 号转介。`);
  return r;
}

function statusChange(
  raw: BetterSqlite3.Database,
  r: Pick<ReturnType<typeof loadForChange>, 'id' | 'number' | 'household_id' | 'id_number' | 'assistance' | 'department'>,
  status: ReferralStatus | 'escalated',
  actor: Actor,
  now: Date,
  note: string | null,
  batchId: number | null = null,
) {
  const at = now.toISOString();
  run(raw, qb.insertInto('referral_events').values({ referral_id: r.id, status, at, by: actor.username, note, batch_id: batchId }));
  appendChainEvent(raw, {
    householdId: r.household_id,
    idNumber: r.id_number,
    at,
    kind: 'referral',
    department: r.department,
    basis: BASIS_ZH[r.assistance] ?? null,
    item: r.assistance,
    status,
    refTable: 'referrals',
    refId: r.id,
    summary: `需求转介 ${r.number}：${ASSISTANCE_ZH[r.assistance]} → ${DEPARTMENT_ZH[r.department]}（${STATUS_ZH[status] ?? status}）${note ? `：${note}` : ''}`,
    recordedBy: actor.username,
  });
}

/** drafted → pushed, with the due date; used by the push-list export (one batch per file). */
export function markPushed(raw: BetterSqlite3.Database, ids: number[], actor: Actor, now: Date, batchId: number | null): void {
  const due = addDays(todayIso(now), REFERRAL_DUE_DAYS);
  for (const id of ids) {
    const r = loadForChange(raw, id);
    if (r.status !== 'drafted') continue;
    run(
      raw,
      qb
        .updateTable('referrals')
        .set({ status: 'pushed', due_date: due, push_batch_id: batchId, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'drafted'),
    );
    statusChange(raw, r, 'pushed', actor, now, `答复期限 ${due}`, batchId);
  }
}

export function acknowledgeReferral(raw: BetterSqlite3.Database, id: number, actor: Actor, now: Date, note?: string): void {
  raw.transaction(() => {
    const r = loadForChange(raw, id);
    if (r.status !== 'pushed')
      throw appError(
        'bad_status',
        `Referral ${r.number} is ${r.status}; only a pushed referral can be acknowledged.`,
        `转介 ${r.number} 当前为“${STATUS_ZH[r.status]}”，只有已推送的转介可以签收。`,
      );
    run(raw, qb.updateTable('referrals').set({ status: 'acknowledged', updated_at: now.toISOString() }).where('id', '=', id));
    statusChange(raw, r, 'acknowledged', actor, now, note ?? null);
    appendAudit(raw, {
      ...actor,
      action: 'acknowledge',
      entity: 'referral',
      entityId: id,
      summary: `${r.number} acknowledged by the department`,
      at: now.toISOString(),
    });
  })();
}

/** A result recorded by hand (the department answered by letter or phone). */
export function recordResultManually(
  raw: BetterSqlite3.Database,
  id: number,
  res: { result: ReferralResult; amountFen: number | null; item: string | null; date: string; reason: string | null },
  actor: Actor,
  now: Date,
): void {
  raw.transaction(() => {
    const r = loadForChange(raw, id);
    if (r.status !== 'pushed' && r.status !== 'acknowledged') {
      throw appError(
        'bad_status',
        `Referral ${r.number} is ${r.status}; a result is recorded on a pushed referral.`,
        `转介 ${r.number} 当前为“${STATUS_ZH[r.status]}”，只有已推送的转介可以记录结果。`,
      );
    }
    if (res.date > todayIso(now)) throw appError('invalid_input', 'The date of the result is in the future.', '结果日期晚于今天。', 'date');
    recordResult(raw, r, res, actor, now, null);
    appendAudit(raw, {
      ...actor,
      action: 'result',
      entity: 'referral',
      entityId: id,
      summary: `${r.number}: ${res.result}`,
      after: res,
      at: now.toISOString(),
    });
  })();
}

/** Pushed referrals past their due date are escalated to the manager once. Returns how many. */
export function escalateOverdue(raw: BetterSqlite3.Database, actor: Actor, now: Date): number {
  return raw.transaction(() => {
    const today = todayIso(now);
    const rows = all(
      raw,
      qb
        .selectFrom('referrals')
        .selectAll()
        .where('status', 'in', ['pushed', 'acknowledged'])
        .where('due_date', '<', today)
        .where('escalated_at', 'is', null),
    );
    for (const r of rows) {
      run(raw, qb.updateTable('referrals').set({ escalated_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', r.id));
      statusChange(raw, r, 'escalated', actor, now, `超过答复期限 ${r.due_date}，已上报审核人员`);
    }
    if (rows.length)
      appendAudit(raw, {
        ...actor,
        action: 'escalate',
        entity: 'referral',
        entityId: null,
        summary: `${rows.length} overdue referral(s) escalated to the manager`,
        after: rows.map((r) => r.number),
        at: now.toISOString(),
      });
    return rows.length;
  })();
}

/** The entitlements of the determination in force (latest approved) of a household. */
export function currentEntitlements(
  raw: BetterSqlite3.Database,
  householdId: number,
): { determinationId: number; tier: string; monthlyBenefitFen: number; entitlements: Entitlement[] } | null {
  const d = first(
    raw,
    qb
      .selectFrom('determinations as d')
      .innerJoin('determination_decisions as dd', (j) => j.onRef('dd.determination_id', '=', 'd.id').on('dd.decision', '=', 'approved'))
      .select(['d.id', 'd.tier', 'd.monthly_benefit_fen', 'd.result_json'])
      .where('d.household_id', '=', householdId)
      .orderBy('d.id', 'desc')
      .limit(1),
  );
  if (!d) return null;
  const result = JSON.parse(d.result_json) as { entitlements?: Entitlement[] }; // the engine's Determination (policy/types), as it wrote it
  return { determinationId: d.id, tier: d.tier, monthlyBenefitFen: d.monthly_benefit_fen, entitlements: result.entitlements ?? [] };
}

/** A service assessment is made by the office itself (docs/rules/temporary-service-recovery.md §12), never pushed to a department. */
const ENTITLEMENT_REASON: Record<Exclude<Entitlement['assistance'], 'service_assessment'>, string> = {
  medical: '认定结果列明医疗救助（资助参保或住院自付费用救助）',
  education: '认定结果列明教育救助（在校学生）',
  housing: '认定结果列明住房救助（危房或无自有住房）',
  employment: '认定结果列明就业救助（有劳动能力的失业成员）',
  temporary: '认定结果列明临时救助',
};

/** Drafts a referral for every entitlement of the determination in force that has none open or done. */
export function referralsFromEntitlements(raw: BetterSqlite3.Database, householdId: number, actor: Actor, now: Date): number[] {
  return raw.transaction(() => {
    const cur = currentEntitlements(raw, householdId);
    if (!cur)
      throw appError(
        'no_determination',
        'This household has no approved determination; its entitlements are not known yet.',
        '该户尚无经审批的认定结果，无法确定其可享救助。',
      );
    const ids: number[] = [];
    const done = (e: Entitlement) =>
      first(
        raw,
        qb
          .selectFrom('referrals')
          .select('id')
          .where('household_id', '=', householdId)
          .where('id_number', 'is', e.idNumber)
          .where('assistance', '=', e.assistance)
          .where('source', '=', 'entitlement')
          .where('source_id', '=', cur.determinationId)
          .limit(1),
      );
    const seen = new Set<string>();
    for (const e of cur.entitlements) {
      if (e.assistance === 'service_assessment') continue;
      const key = `${e.assistance}|${e.idNumber ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const department = DEPARTMENT_OF[e.assistance];
      if (findOpenReferral(raw, { householdId, idNumber: e.idNumber, assistance: e.assistance, department }) !== null) continue;
      if (done(e)) continue;
      ids.push(
        createReferral(
          raw,
          {
            householdId,
            idNumber: e.idNumber,
            assistance: e.assistance,
            department,
            reason: ENTITLEMENT_REASON[e.assistance],
            source: 'entitlement',
            sourceId: cur.determinationId,
          },
          actor,
          now,
        ),
      );
    }
    return ids;
  })();
}
