/**
 * The referrals module's entry points used by other modules (monitoring closes a warning
 * with outcome "referral"; the exchange imports a department's feedback file).
 * Implemented by the closed-loop module; the signatures are the contract between them.
 *
 * Both run inside the caller's transaction (better-sqlite3 nests `raw.transaction` as a
 * savepoint), write the referral's dated status event, the household's assistance-chain event
 * and an audit entry.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { appendAudit } from '../audit/audit';
import { appendChainEvent } from '../chain/events';
import { appError } from '../common/errors';
import { formatFen } from '../common/money';
import { isIsoDate, todayIso } from '../common/dates';
import { maskIdNumber } from '../common/id-number';
import { ASSISTANCES, ASSISTANCE_ZH, BASIS_ZH, DEPARTMENTS, DEPARTMENT_ZH, RESULT_ZH, STATUS_ZH, type ReferralResult } from './codes';
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
  const row = raw
    .prepare(
      `SELECT id FROM referrals WHERE household_id = ? AND id_number IS ? AND assistance = ? AND department = ? AND status IN ('drafted','pushed','acknowledged') ORDER BY id LIMIT 1`,
    )
    .get(r.householdId, r.idNumber, r.assistance, r.department) as { id: number } | undefined;
  return row?.id ?? null;
}

function validate(raw: BetterSqlite3.Database, r: NewReferral): void {
  if (!(ASSISTANCES as readonly string[]).includes(r.assistance))
    throw appError('invalid_referral', `Unknown kind of assistance: ${r.assistance}.`, `未知的救助类型：${r.assistance}。`, 'assistance');
  if (!(DEPARTMENTS as readonly string[]).includes(r.department))
    throw appError('invalid_referral', `Unknown department: ${r.department}.`, `未知的部门：${r.department}。`, 'department');
  if (!r.reason || r.reason.trim().length < 2)
    throw appError('invalid_referral', 'Give the reason for the referral.', '请填写转介原因。', 'reason');
  const h = raw.prepare(`SELECT id, status FROM households WHERE id = ?`).get(r.householdId) as { id: number; status: string } | undefined;
  if (!h) throw appError('not_found', `There is no household #${r.householdId}.`, `没有编号为 ${r.householdId} 的家庭。`, 'householdId');
  if (r.idNumber !== null) {
    const m = raw.prepare(`SELECT id FROM members WHERE household_id = ? AND id_number = ? AND active = 1`).get(r.householdId, r.idNumber);
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
    const p = raw
      .prepare(
        `SELECT p.active AND o.active AS ok FROM charity_programmes p JOIN charity_organisations o ON o.id = p.organisation_id WHERE p.id = ?`,
      )
      .get(r.programmeId) as { ok: number } | undefined;
    if (!p)
      throw appError(
        'not_found',
        `There is no charity programme #${r.programmeId}.`,
        `没有第 ${r.programmeId} 号慈善项目。`,
        'programmeId',
      );
    if (!p.ok) throw appError('invalid_referral', 'This charity programme is no longer active.', '该慈善项目已停止。', 'programmeId');
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
    const seq = ((raw.prepare(`SELECT MAX(seq) AS s FROM referrals WHERE year = ?`).get(year) as { s: number | null }).s ?? 0) + 1;
    const number = referralNumber(year, seq);
    const id = Number(
      raw
        .prepare(
          `INSERT INTO referrals (number, year, seq, household_id, id_number, assistance, department, programme_id, reason, source, source_id, status, created_at, created_by, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'drafted', ?, ?, ?)`,
        )
        .run(
          number,
          year,
          seq,
          r.householdId,
          r.idNumber,
          r.assistance,
          r.department,
          r.programmeId ?? null,
          r.reason.trim(),
          r.source,
          r.sourceId ?? null,
          at,
          actor.username,
          at,
        ).lastInsertRowid,
    );
    raw
      .prepare(`INSERT INTO referral_events (referral_id, status, at, by, note) VALUES (?, 'drafted', ?, ?, ?)`)
      .run(id, at, actor.username, r.reason.trim());
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
      summary: `${number}: ${r.assistance} → ${r.department} (${r.source})`,
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
  const numberOf = (id: number) => (raw.prepare(`SELECT number FROM referrals WHERE id = ?`).get(id) as { number: string }).number;
  const open = findOpenReferral(raw, r);
  if (open !== null) {
    const n = numberOf(open);
    throw appError('referral_exists', `Referral ${n} for the same need is still open.`, `同一需求的转介 ${n} 尚未办结。`);
  }
  const id = createReferral(raw, { ...r, source: 'manual', programmeId: r.programmeId ?? null }, actor, now);
  return { id, number: numberOf(id) };
}

export interface FeedbackRow {
  /** 1-based row number in the file, for the validation report. */
  row: number;
  referralNumber: string;
  idNumber: string;
  result: 'assisted' | 'declined' | 'not_eligible';
  amountFen: number | null;
  item: string | null;
  date: string;
  reason: string | null;
}

export interface FeedbackOutcome {
  applied: number;
  /** Rows that could not be applied, with the reason (unknown referral, ID mismatch, already recorded…). */
  rejected: { row: number; column: string; reason: string }[];
}

interface ReferralRow {
  id: number;
  number: string;
  household_id: number;
  id_number: string | null;
  assistance: string;
  department: string;
  status: string;
  result: string | null;
  head_id: string | null;
}

/**
 * Records one department result on a pushed (or acknowledged) referral: status completed
 * (assisted) or declined (declined / not_eligible), the referral's status event, and a
 * `department_result` event on the household's chain. The caller holds the transaction.
 */
export function recordResult(
  raw: BetterSqlite3.Database,
  ref: { id: number; number: string; household_id: number; id_number: string | null; assistance: string; department: string },
  res: { result: ReferralResult; amountFen: number | null; item: string | null; date: string; reason: string | null },
  actor: Actor,
  now: Date,
  batchId: number | null,
): void {
  const at = now.toISOString();
  const status = res.result === 'assisted' ? 'completed' : 'declined';
  raw
    .prepare(
      `UPDATE referrals SET status = ?, result = ?, amount_fen = ?, item = ?, result_date = ?, result_reason = ?, updated_at = ? WHERE id = ?`,
    )
    .run(status, res.result, res.amountFen, res.item, res.date, res.reason, at, ref.id);
  raw
    .prepare(`INSERT INTO referral_events (referral_id, status, at, by, note, batch_id) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(ref.id, status, at, actor.username, `${res.result}${res.reason ? `: ${res.reason}` : ''}`, batchId);
  const what = [res.amountFen !== null ? `${formatFen(res.amountFen)} 元` : null, res.item].filter(Boolean).join('，');
  appendChainEvent(raw, {
    householdId: ref.household_id,
    idNumber: ref.id_number,
    at: res.date,
    kind: 'department_result',
    department: ref.department,
    basis: BASIS_ZH[ref.assistance] ?? null,
    amountFen: res.amountFen,
    item: res.item ?? ref.assistance,
    status: res.result,
    refTable: 'referrals',
    refId: ref.id,
    summary: `${DEPARTMENT_ZH[ref.department]}反馈 ${ref.number}（${ASSISTANCE_ZH[ref.assistance]}）：${RESULT_ZH[res.result]}${what ? `，${what}` : ''}${res.reason ? `；${res.reason}` : ''}`,
    recordedBy: actor.username,
  });
}

/** Records department results on referrals and households (inside the caller's transaction). */
export function applyReferralFeedback(
  raw: BetterSqlite3.Database,
  rows: FeedbackRow[],
  actor: Actor,
  now: Date,
  file: { name: string; sha256: string },
): FeedbackOutcome {
  return raw.transaction((): FeedbackOutcome => {
    const rejected: FeedbackOutcome['rejected'] = [];
    const get = raw.prepare(`SELECT r.id, r.number, r.household_id, r.id_number, r.assistance, r.department, r.status, r.result,
        (SELECT m.id_number FROM members m WHERE m.household_id = r.household_id AND m.relation = 'head' AND m.active = 1 LIMIT 1) AS head_id
      FROM referrals r WHERE r.number = ?`);
    const today = todayIso(now);
    const ok: { row: FeedbackRow; ref: ReferralRow }[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      const num = (row.referralNumber ?? '').trim().toUpperCase();
      const ref = num ? (get.get(num) as ReferralRow | undefined) : undefined;
      if (!ref) {
        rejected.push({
          row: row.row,
          column: 'referralNumber',
          reason: `unknown referral number ${row.referralNumber || '(empty)'} / 转介编号不存在`,
        });
        continue;
      }
      const who = ref.id_number ?? ref.head_id ?? '';
      const given = (row.idNumber ?? '').trim().toUpperCase();
      // Charity lists carry the masked number (§8); their feedback may return it masked.
      if (given !== who && !(ref.department === 'charity' && given === maskIdNumber(who))) {
        rejected.push({
          row: row.row,
          column: 'idNumber',
          reason: `ID number does not match referral ${ref.number} / 身份证号码与转介记录不一致`,
        });
        continue;
      }
      if (!(['assisted', 'declined', 'not_eligible'] as string[]).includes(row.result)) {
        rejected.push({
          row: row.row,
          column: 'result',
          reason: 'result must be assisted, declined or not_eligible / 结果应为 assisted、declined 或 not_eligible',
        });
        continue;
      }
      if (!isIsoDate(row.date) || row.date > today) {
        rejected.push({ row: row.row, column: 'date', reason: 'not a real date, or in the future / 日期无效或晚于今天' });
        continue;
      }
      if (row.amountFen !== null && (!Number.isInteger(row.amountFen) || row.amountFen < 0)) {
        rejected.push({ row: row.row, column: 'amount', reason: 'amount must be a non-negative sum in yuan / 金额应为不小于 0 的元数' });
        continue;
      }
      if (seen.has(ref.number)) {
        rejected.push({
          row: row.row,
          column: 'referralNumber',
          reason: `referral ${ref.number} appears twice in the file / 同一转介编号在文件中重复`,
        });
        continue;
      }
      if (ref.status === 'completed' || ref.status === 'declined') {
        rejected.push({
          row: row.row,
          column: 'referralNumber',
          reason: `result of ${ref.number} already recorded (${ref.result}) / 该转介已记录结果`,
        });
        continue;
      }
      if (ref.status === 'drafted') {
        rejected.push({ row: row.row, column: 'referralNumber', reason: `${ref.number} has not been pushed yet / 该转介尚未推送` });
        continue;
      }
      seen.add(ref.number);
      ok.push({ row, ref });
    }
    const at = now.toISOString();
    const batchId = Number(
      raw
        .prepare(
          `INSERT INTO referral_batches (kind, department, file_name, sha256, rows, rejected, created_at, created_by) VALUES ('feedback', NULL, ?, ?, ?, ?, ?, ?)`,
        )
        .run(file.name, file.sha256, ok.length, rejected.length, at, actor.username).lastInsertRowid,
    );
    for (const { row, ref } of ok) {
      recordResult(
        raw,
        ref,
        {
          result: row.result,
          amountFen: row.amountFen,
          item: row.item?.trim() || null,
          date: row.date,
          reason: row.reason?.trim() || null,
        },
        actor,
        now,
        batchId,
      );
    }
    appendAudit(raw, {
      ...actor,
      action: 'feedback',
      entity: 'referral',
      entityId: null,
      summary: `referral feedback ${file.name}: ${ok.length} applied, ${rejected.length} rejected`,
      after: { file: file.name, sha256: file.sha256, batch: batchId, applied: ok.map((o) => o.ref.number), rejected: rejected.length },
      at,
    });
    return { applied: ok.length, rejected };
  })();
}
