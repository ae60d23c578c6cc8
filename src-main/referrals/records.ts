/**
 * The referrals module's entry points used by other modules (monitoring closes a warning
 * with outcome "referral"; the exchange imports a department's feedback file).
 * Implemented here in referrals/; the signatures are the contract with those callers.
 *
 * Both run inside the caller's transaction (better-sqlite3 nests `raw.transaction` as a
 * savepoint), write the referral's dated status event, the household's assistance-chain event
 * and an audit entry.
 */
import { codeWords } from '../common/audit-labels';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { first, qb, run } from '../db/query';
import { appendAudit } from '../audit/audit';
import { appendChainEvent } from '../chain/events';
import { appError } from '../common/errors';
import { maskIdNumber } from '../common/id-number';
import { ASSISTANCES, DEPARTMENTS } from '../common/codes';
import { ASSISTANCE_ZH, BASIS_ZH, DEPARTMENT_ZH, STATUS_ZH } from './codes';
import type { Actor } from '../audit/actor';

export interface NewReferral {
  householdId: number;
  /** The person the need concerns, or null for the household. */
  idNumber: string | null;
  /** medical | education | housing | employment | temporary | charity */
  assistance: string;
  /** medical_insurance | education | housing | hrss | civil_affairs | charity */
  department: string;
  reason: string;
  /** Where the need was found: 'entitlement' | 'warning' | 'manual'. */
  source: 'entitlement' | 'warning' | 'manual';
  sourceId?: number | null;
  /** For charity: the organisation's programme id. */
  programmeId?: number | null;
}

/** The open referral for the same need (household, person, assistance, department), if any. */
export function findOpenReferral(
  raw: BetterSqlite3.Database,
  r: Pick<NewReferral, 'householdId' | 'idNumber' | 'assistance' | 'department'>,
): number | null {
  const row = first(
    raw,
    qb
      .selectFrom('referrals')
      .select('id')
      .where('household_id', '=', r.householdId)
      .where('id_number', 'is', r.idNumber)
      .where('assistance', '=', r.assistance)
      .where('department', '=', r.department)
      .where('status', 'in', ['drafted', 'pushed', 'acknowledged'])
      .orderBy('id')
      .limit(1),
  );
  return row?.id ?? null;
}

function validate(raw: BetterSqlite3.Database, r: NewReferral): void {
  if (!ASSISTANCES.some((a) => a === r.assistance))
    throw appError('invalid_referral', `Unknown kind of assistance: ${r.assistance}.`, `未知的救助类型：${r.assistance}。`, 'assistance');
  if (!DEPARTMENTS.some((d) => d === r.department))
    throw appError('invalid_referral', `Unknown department: ${r.department}.`, `未知的部门：${r.department}。`, 'department');
  if (!r.reason || r.reason.trim().length < 2)
    throw appError('invalid_referral', 'Give the reason for the referral.', '请填写转介原因。', 'reason');
  const h = first(raw, qb.selectFrom('households').select(['id', 'status']).where('id', '=', r.householdId));
  if (!h) throw appError('not_found', `There is no household #${r.householdId}.`, `没有编号为 ${r.householdId} 的家庭。`, 'householdId');
  if (r.idNumber !== null) {
    const m = first(
      raw,
      qb
        .selectFrom('members')
        .select('id')
        .where('household_id', '=', r.householdId)
        .where('id_number', '=', r.idNumber)
        .where('active', '=', 1),
    );
    if (!m)
      throw appError(
        'invalid_referral',
        `${maskIdNumber(r.idNumber)} is not a member of household #${r.householdId}.`,
        `${maskIdNumber(r.idNumber)} 不是第 ${r.householdId} 号家庭的成员。`,
        'idNumber',
      );
  }
  if (r.department === 'charity' || r.assistance === 'charity') {
    if (r.department !== 'charity')
      throw appError('invalid_referral', 'Charity assistance is referred to a charity.', '慈善帮扶应转介至慈善组织。', 'department');
    if (!r.programmeId) throw appError('invalid_referral', 'Choose the charity programme.', '请选择慈善项目。', 'programmeId');
    const p = first(
      raw,
      qb
        .selectFrom('charity_programmes as p')
        .innerJoin('charity_organisations as o', 'o.id', 'p.organisation_id')
        .select(['p.active as programmeActive', 'o.active as organisationActive'])
        .where('p.id', '=', r.programmeId),
    );
    if (!p)
      throw appError(
        'not_found',
        `There is no charity programme #${r.programmeId}.`,
        `没有第 ${r.programmeId} 号慈善项目。`,
        'programmeId',
      );
    if (!p.programmeActive || !p.organisationActive)
      throw appError('invalid_referral', 'This charity programme is no longer active.', '该慈善项目已停止。', 'programmeId');
  } else if (r.programmeId) {
    throw appError('invalid_referral', 'Only a charity referral names a programme.', '只有慈善转介需要选择项目。', 'programmeId');
  }
}

/** `ZJ-2026-000123`: per-year sequence. */
export function referralNumber(year: number, seq: number): string {
  return `ZJ-${year}-${String(seq).padStart(6, '0')}`;
}

/**
 * Creates a referral in status `drafted` (inside the caller's transaction); returns its id.
 * Idempotent on the need: when an open referral for the same household, person, assistance
 * and department exists, its id is returned and nothing is written (a warning and an
 * entitlement that find the same need make one referral).
 */
export function createReferral(raw: BetterSqlite3.Database, r: NewReferral, actor: Actor, now: Date): number {
  validate(raw, r);
  return raw.transaction(() => {
    const existing = findOpenReferral(raw, r);
    if (existing !== null) return existing;
    const at = now.toISOString();
    const year = now.getFullYear();
    const seq =
      (first(
        raw,
        qb
          .selectFrom('referrals')
          .select((eb) => eb.fn.max('seq').as('s'))
          .where('year', '=', year),
      )?.s ?? 0) + 1;
    const number = referralNumber(year, seq);
    const id = run(
      raw,
      qb.insertInto('referrals').values({
        number,
        year,
        seq,
        household_id: r.householdId,
        id_number: r.idNumber,
        assistance: r.assistance,
        department: r.department,
        programme_id: r.programmeId ?? null,
        reason: r.reason.trim(),
        source: r.source,
        source_id: r.sourceId ?? null,
        status: 'drafted',
        created_at: at,
        created_by: actor.username,
        updated_at: at,
      }),
    ).lastInsertRowid;
    run(
      raw,
      qb.insertInto('referral_events').values({ referral_id: id, status: 'drafted', at, by: actor.username, note: r.reason.trim() }),
    );
    appendChainEvent(raw, {
      householdId: r.householdId,
      idNumber: r.idNumber,
      at,
      kind: 'referral',
      department: r.department,
      basis: BASIS_ZH[r.assistance] ?? null,
      item: r.assistance,
      status: 'drafted',
      refTable: 'referrals',
      refId: id,
      summary: `需求转介 ${number}：${ASSISTANCE_ZH[r.assistance]} → ${DEPARTMENT_ZH[r.department]}（${STATUS_ZH.drafted}）：${r.reason.trim()}`,
      recordedBy: actor.username,
    });
    appendAudit(raw, {
      ...actor,
      action: 'create',
      entity: 'referral',
      entityId: id,
      summary: `${number}: ${codeWords(r.assistance)} → ${codeWords(r.department)} (${codeWords(r.source)})`,
      after: { ...r },
      at,
    });
    return id;
  })();
}

/** A referral a person asked for by hand: refused while the same need is still open. */
export function createManualReferral(
  raw: BetterSqlite3.Database,
  r: Pick<NewReferral, 'householdId' | 'idNumber' | 'assistance' | 'department' | 'reason' | 'programmeId'>,
  actor: Actor,
  now: Date,
): { id: number; number: string } {
  const numberOf = (id: number) => first(raw, qb.selectFrom('referrals').select('number').where('id', '=', id))?.number ?? '';
  const open = findOpenReferral(raw, r);
  if (open !== null) {
    const n = numberOf(open);
    throw appError('referral_exists', `Referral ${n} for the same need is still open.`, `同一需求的转介 ${n} 尚未办结。`);
  }
  const id = createReferral(raw, { ...r, source: 'manual', programmeId: r.programmeId ?? null }, actor, now);
  return { id, number: numberOf(id) };
}

// exchange/apply.ts and demo/history.ts take these from here.
export { applyReferralFeedback, recordResult, type FeedbackOutcome, type FeedbackRow } from './results';
