/**
 * Referrals ("push according to needs"): drafted → pushed → acknowledged → completed /
 * declined; every change dated and attributed (referral_events) and written on the
 * household's assistance chain. Pushed referrals not answered by their due date escalate to
 * the manager.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { appendAudit } from '../audit/audit';
import { appendChainEvent } from '../chain/events';
import { appError } from '../common/errors';
import { todayIso } from '../common/dates';
import type { Entitlement } from '../policy/types';
import { createReferral, findOpenReferral, recordResult } from './records';
import type { Actor } from '../audit/actor';
import { ASSISTANCE_ZH, BASIS_ZH, DEPARTMENT_OF, DEPARTMENT_ZH, REFERRAL_DUE_DAYS, STATUS_ZH, addDays, type ReferralResult } from './codes';

export interface ReferralView {
  id: number;
  number: string;
  householdId: number;
  idNumber: string | null;
  personName: string | null;
  headName: string;
  township: string;
  village: string;
  assistance: string;
  department: string;
  programmeId: number | null;
  programmeName: string | null;
  organisationName: string | null;
  reason: string;
  source: string;
  sourceId: number | null;
  status: string;
  dueDate: string | null;
  overdue: boolean;
  escalatedAt: string | null;
  result: string | null;
  amountFen: number | null;
  item: string | null;
  resultDate: string | null;
  resultReason: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

const VIEW_SQL = `SELECT r.*, t.name AS township, v.name AS village,
    (SELECT name FROM members m WHERE m.household_id = r.household_id AND m.relation = 'head' AND m.active = 1 LIMIT 1) AS head_name,
    (SELECT name FROM members m WHERE m.household_id = r.household_id AND m.id_number = r.id_number ORDER BY m.active DESC LIMIT 1) AS person_name,
    p.name AS programme_name, o.name AS organisation_name
  FROM referrals r JOIN households h ON h.id = r.household_id JOIN areas v ON v.id = h.area_id JOIN areas t ON t.id = v.parent_id
  LEFT JOIN charity_programmes p ON p.id = r.programme_id LEFT JOIN charity_organisations o ON o.id = p.organisation_id`;

function view(r: any, today: string): ReferralView {
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
    assistance: r.assistance,
    department: r.department,
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

export interface ReferralFilter {
  department?: string;
  status?: string;
  householdId?: number;
  overdue?: boolean;
  organisationId?: number;
  townshipId?: number;
  villageId?: number;
  page?: number;
  pageSize?: number;
}

export function listReferrals(raw: BetterSqlite3.Database, f: ReferralFilter, now: Date): { rows: ReferralView[]; total: number } {
  const today = todayIso(now);
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.department) {
    where.push('r.department = ?');
    args.push(f.department);
  }
  if (f.status) {
    where.push('r.status = ?');
    args.push(f.status);
  }
  if (f.householdId !== undefined) {
    where.push('r.household_id = ?');
    args.push(f.householdId);
  }
  if (f.organisationId !== undefined) {
    where.push('o.id = ?');
    args.push(f.organisationId);
  }
  if (f.overdue) {
    where.push(`r.status IN ('pushed','acknowledged') AND r.due_date < ?`);
    args.push(today);
  }
  // A village, or every village of a township (the household's area is its village).
  if (f.villageId !== undefined) {
    where.push('h.area_id = ?');
    args.push(f.villageId);
  } else if (f.townshipId !== undefined) {
    where.push('h.area_id IN (SELECT id FROM areas WHERE parent_id = ?)');
    args.push(f.townshipId);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (
    raw
      .prepare(
        `SELECT COUNT(*) AS n FROM referrals r JOIN households h ON h.id = r.household_id
    LEFT JOIN charity_programmes p ON p.id = r.programme_id LEFT JOIN charity_organisations o ON o.id = p.organisation_id ${w}`,
      )
      .get(...args) as { n: number }
  ).n;
  const size = f.pageSize ?? 50;
  const page = f.page ?? 1;
  const rows = (raw.prepare(`${VIEW_SQL} ${w} ORDER BY r.id DESC LIMIT ? OFFSET ?`).all(...args, size, (page - 1) * size) as any[]).map(
    (r) => view(r, today),
  );
  return { rows, total };
}

export function getReferral(raw: BetterSqlite3.Database, id: number, now: Date) {
  const r = raw.prepare(`${VIEW_SQL} WHERE r.id = ?`).get(id);
  if (!r) throw appError('not_found', `There is no referral #${id}.`, `没有第 ${id} 号转介。`);
  const events = raw.prepare(`SELECT status, at, by, note FROM referral_events WHERE referral_id = ? ORDER BY id`).all(id) as {
    status: string;
    at: string;
    by: string;
    note: string | null;
  }[];
  return { ...view(r, todayIso(now)), events };
}

function loadForChange(raw: BetterSqlite3.Database, id: number) {
  const r = raw.prepare(`SELECT * FROM referrals WHERE id = ?`).get(id) as any;
  if (!r) throw appError('not_found', `There is no referral #${id}.`, `没有第 ${id} 号转介。`);
  return r;
}

function statusChange(
  raw: BetterSqlite3.Database,
  r: any,
  status: string,
  actor: Actor,
  now: Date,
  note: string | null,
  batchId: number | null = null,
) {
  const at = now.toISOString();
  raw
    .prepare(`INSERT INTO referral_events (referral_id, status, at, by, note, batch_id) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(r.id, status, at, actor.username, note, batchId);
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
  const upd = raw.prepare(
    `UPDATE referrals SET status = 'pushed', due_date = ?, push_batch_id = ?, updated_at = ? WHERE id = ? AND status = 'drafted'`,
  );
  for (const id of ids) {
    const r = loadForChange(raw, id);
    if (r.status !== 'drafted') continue;
    upd.run(due, batchId, now.toISOString(), id);
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
    raw.prepare(`UPDATE referrals SET status = 'acknowledged', updated_at = ? WHERE id = ?`).run(now.toISOString(), id);
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
    const rows = raw
      .prepare(`SELECT * FROM referrals WHERE status IN ('pushed','acknowledged') AND due_date < ? AND escalated_at IS NULL`)
      .all(today) as any[];
    const upd = raw.prepare(`UPDATE referrals SET escalated_at = ?, updated_at = ? WHERE id = ?`);
    for (const r of rows) {
      upd.run(now.toISOString(), now.toISOString(), r.id);
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
  const d = raw
    .prepare(
      `SELECT d.id, d.tier, d.monthly_benefit_fen, d.result_json FROM determinations d JOIN determination_decisions dd ON dd.determination_id = d.id AND dd.decision = 'approved'
    WHERE d.household_id = ? ORDER BY d.id DESC LIMIT 1`,
    )
    .get(householdId) as { id: number; tier: string; monthly_benefit_fen: number; result_json: string } | undefined;
  if (!d) return null;
  const result = JSON.parse(d.result_json) as { entitlements?: Entitlement[] };
  return { determinationId: d.id, tier: d.tier, monthlyBenefitFen: d.monthly_benefit_fen, entitlements: result.entitlements ?? [] };
}

const ENTITLEMENT_REASON: Record<string, string> = {
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
    const done = raw.prepare(
      `SELECT id FROM referrals WHERE household_id = ? AND id_number IS ? AND assistance = ? AND source = 'entitlement' AND source_id = ? LIMIT 1`,
    );
    const seen = new Set<string>();
    for (const e of cur.entitlements) {
      const key = `${e.assistance}|${e.idNumber ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const department = DEPARTMENT_OF[e.assistance];
      if (findOpenReferral(raw, { householdId, idNumber: e.idNumber, assistance: e.assistance, department }) !== null) continue;
      if (done.get(householdId, e.idNumber, e.assistance, cur.determinationId)) continue;
      ids.push(
        createReferral(
          raw,
          {
            householdId,
            idNumber: e.idNumber,
            assistance: e.assistance,
            department,
            reason: ENTITLEMENT_REASON[e.assistance] ?? ASSISTANCE_ZH[e.assistance],
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
