/**
 * Department results on referrals (docs/rules/assistance.md §7): one recorded by hand, or the
 * rows of a department's feedback file, which the exchange reads (source `referral_feedback`)
 * and hands on here. Each result completes or declines its referral, dates it in the
 * referral's history and writes a `department_result` event on the household's chain.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { InferResult } from 'kysely';
import { all, qb, run } from '../db/query';
import { appendAudit } from '../audit/audit';
import { appendChainEvent } from '../chain/events';
import { formatFen } from '../common/money';
import { isIsoDate, todayIso } from '../common/dates';
import { maskIdNumber } from '../common/id-number';
import { REFERRAL_RESULTS, type ReferralResult } from '../common/codes';
import { ASSISTANCE_ZH, BASIS_ZH, DEPARTMENT_ZH, RESULT_ZH } from './codes';
import type { Actor } from '../audit/actor';

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
  rejected: { row: number; column: string; reason: string; reasonEn: string }[];
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
  run(
    raw,
    qb
      .updateTable('referrals')
      .set({
        status,
        result: res.result,
        amount_fen: res.amountFen,
        item: res.item,
        result_date: res.date,
        result_reason: res.reason,
        updated_at: at,
      })
      .where('id', '=', ref.id),
  );
  run(
    raw,
    qb.insertInto('referral_events').values({
      referral_id: ref.id,
      status,
      at,
      by: actor.username,
      note: `${res.result}${res.reason ? `: ${res.reason}` : ''}`,
      batch_id: batchId,
    }),
  );
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

/** Referrals by number, with the head's ID number (the person of a household's referral). */
const referralQuery = (numbers: string[]) =>
  qb
    .selectFrom('referrals as r')
    .select((eb) => [
      'r.id',
      'r.number',
      'r.household_id',
      'r.id_number',
      'r.assistance',
      'r.department',
      'r.status',
      'r.result',
      eb
        .selectFrom('members as m')
        .select('m.id_number')
        .whereRef('m.household_id', '=', 'r.household_id')
        .where('m.relation', '=', 'head')
        .where('m.active', '=', 1)
        .limit(1)
        .as('head_id'),
    ])
    .where('r.number', 'in', numbers);

/** The referrals a feedback file names, by number: 500 numbers to a query. */
function referralsByNumber(raw: BetterSqlite3.Database, numbers: string[]): Map<string, FeedbackReferral> {
  const unique = [...new Set(numbers)];
  const by = new Map<string, FeedbackReferral>();
  for (let i = 0; i < unique.length; i += 500) for (const r of all(raw, referralQuery(unique.slice(i, i + 500)))) by.set(r.number, r);
  return by;
}
type FeedbackReferral = InferResult<ReturnType<typeof referralQuery>>[number];

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
    const refs = referralsByNumber(raw, rows.map((row) => (row.referralNumber ?? '').trim().toUpperCase()).filter(Boolean));
    const today = todayIso(now);
    const ok: { row: FeedbackRow; ref: FeedbackReferral }[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      const num = (row.referralNumber ?? '').trim().toUpperCase();
      const ref = num ? refs.get(num) : undefined;
      if (!ref) {
        rejected.push({
          row: row.row,
          column: 'referralNumber',
          reason: `转介编号 ${row.referralNumber || '（空）'} 不存在`,
          reasonEn: `unknown referral number ${row.referralNumber || '(empty)'}`,
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
          reason: `身份证号码与转介 ${ref.number} 的记录不一致`,
          reasonEn: `ID number does not match referral ${ref.number}`,
        });
        continue;
      }
      // The exchange hands on what the file said: checked here.
      if (!REFERRAL_RESULTS.some((x) => x === row.result)) {
        rejected.push({
          row: row.row,
          column: 'result',
          reason: '结果应为 assisted（已救助）、declined（拒绝）或 not_eligible（不符合条件）',
          reasonEn: 'result must be assisted, declined or not_eligible',
        });
        continue;
      }
      if (!isIsoDate(row.date) || row.date > today) {
        rejected.push({ row: row.row, column: 'date', reason: '日期无效或晚于今天', reasonEn: 'not a real date, or in the future' });
        continue;
      }
      if (row.amountFen !== null && (!Number.isInteger(row.amountFen) || row.amountFen < 0)) {
        rejected.push({
          row: row.row,
          column: 'amount',
          reason: '金额应为不小于 0 的元数',
          reasonEn: 'amount must be a non-negative sum in yuan',
        });
        continue;
      }
      if (seen.has(ref.number)) {
        rejected.push({
          row: row.row,
          column: 'referralNumber',
          reason: `转介 ${ref.number} 在文件中重复出现`,
          reasonEn: `referral ${ref.number} appears twice in the file`,
        });
        continue;
      }
      if (ref.status === 'completed' || ref.status === 'declined') {
        rejected.push({
          row: row.row,
          column: 'referralNumber',
          reason: `转介 ${ref.number} 已记录结果（${RESULT_ZH[ref.result ?? ''] ?? ref.result}）`,
          reasonEn: `result of ${ref.number} already recorded (${ref.result})`,
        });
        continue;
      }
      if (ref.status === 'drafted') {
        rejected.push({
          row: row.row,
          column: 'referralNumber',
          reason: `转介 ${ref.number} 尚未推送`,
          reasonEn: `${ref.number} has not been pushed yet`,
        });
        continue;
      }
      seen.add(ref.number);
      ok.push({ row, ref });
    }
    const at = now.toISOString();
    const batchId = run(
      raw,
      qb.insertInto('referral_batches').values({
        kind: 'feedback',
        department: null,
        file_name: file.name,
        sha256: file.sha256,
        rows: ok.length,
        rejected: rejected.length,
        created_at: at,
        created_by: actor.username,
      }),
    ).lastInsertRowid;
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
