/**
 * Facts with a past date (docs/rules/temporary-service-recovery.md §13): a death from the
 * public-security file, income or assets found later, a member who moved away. A death imported
 * for a household already paid for months after it is recorded here at the import's apply (the
 * overpayment flagged, docs/rules/assistance.md §4.2); the others a clerk records. A determination
 * proposed with a fact opens a recovery case when it is approved and ends or lowers the benefit.
 */
import { codeWords } from '../common/audit-labels';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { codeOf, RECOVERY_FACT_KINDS, type RecoveryFactKind } from '../common/codes';
import { isIsoDate, monthOf, todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { all, first, qb, run } from '../db/query';

export interface Fact {
  id: number;
  householdId: number;
  idNumber: string | null;
  personName: string | null;
  kind: RecoveryFactKind;
  factDate: string;
  source: 'import' | 'manual';
  importId: number | null;
  evidence: string;
  recordedBy: string;
  recordedAt: string;
  /** Closed months paid after the fact's month (what a determination from it may recover). */
  paidMonthsAfter: string[];
  /** Determinations proposed with it, and the case it opened, if any. */
  determinationIds: number[];
  caseId: number | null;
}

export const FACT_ZH: Readonly<Record<RecoveryFactKind, string>> = {
  death: '死亡',
  income: '发现收入',
  assets: '发现财产',
  moved_away: '成员迁出',
};

/** Closed months paid to the household after the month of `date`. */
export function paidMonthsAfter(raw: BetterSqlite3.Database, householdId: number, date: string): string[] {
  return all(
    raw,
    qb
      .selectFrom('payment_lines')
      .select('month')
      .where('household_id', '=', householdId)
      .where('month', '>', monthOf(date))
      .where('amount_fen', '>', 0)
      .orderBy('month'),
  ).map((r) => r.month);
}

export function listFacts(raw: BetterSqlite3.Database, householdId: number): Fact[] {
  const links = all(
    raw,
    qb
      .selectFrom('recovery_fact_links as l')
      .innerJoin('recovery_facts as f', 'f.id', 'l.fact_id')
      .select(['l.fact_id', 'l.determination_id'])
      .where('f.household_id', '=', householdId),
  );
  const cases = all(raw, qb.selectFrom('recovery_cases').select(['id', 'fact_id']).where('household_id', '=', householdId));
  return all(raw, qb.selectFrom('recovery_facts').selectAll().where('household_id', '=', householdId).orderBy('fact_date', 'desc')).map(
    (f) => ({
      id: f.id,
      householdId: f.household_id,
      idNumber: f.id_number,
      personName: f.person_name,
      kind: codeOf(RECOVERY_FACT_KINDS, f.kind),
      factDate: f.fact_date,
      source: f.source,
      importId: f.import_id,
      evidence: f.evidence,
      recordedBy: f.recorded_by,
      recordedAt: f.recorded_at,
      paidMonthsAfter: paidMonthsAfter(raw, f.household_id, f.fact_date),
      determinationIds: links.filter((l) => l.fact_id === f.id).map((l) => l.determination_id),
      caseId: cases.find((c) => c.fact_id === f.id)?.id ?? null,
    }),
  );
}

export interface FactInput {
  householdId: number;
  kind: RecoveryFactKind;
  factDate: string;
  idNumber?: string | null;
  evidence: string;
}

/** A fact a clerk found (income or assets found later, a member moved away, a death known otherwise). */
export function recordFact(raw: BetterSqlite3.Database, input: FactInput, actor: Actor, now: Date): number {
  if (!isIsoDate(input.factDate)) throw appError('invalid_input', 'Give the date as YYYY-MM-DD.', '日期格式应为 YYYY-MM-DD。', 'factDate');
  if (input.factDate > todayIso(now))
    throw appError('invalid_input', 'The fact’s date is after today.', '事实发生日期晚于今天。', 'factDate');
  if (input.evidence.trim().length < 2)
    throw appError('invalid_input', 'Say where the fact comes from.', '请说明事实依据（来源、凭证）。', 'evidence');
  return raw.transaction(() => {
    if (!first(raw, qb.selectFrom('households').select('id').where('id', '=', input.householdId)))
      throw appError(
        'not_found',
        `There is no household #${input.householdId}.`,
        `没有编号为 ${input.householdId} 的家庭。`,
        'householdId',
      );
    let personName: string | null = null;
    if (input.idNumber) {
      const m = first(
        raw,
        qb
          .selectFrom('members')
          .select('name')
          .where('household_id', '=', input.householdId)
          .where('id_number', '=', input.idNumber)
          .orderBy('active', 'desc'),
      );
      if (!m) throw appError('not_found', 'This person is not a member of the household.', '此人不是该户成员。', 'idNumber');
      personName = m.name;
    }
    if (input.kind === 'death' && !input.idNumber)
      throw appError('invalid_input', 'Name the person who died.', '请选择死亡人员。', 'idNumber');
    const at = now.toISOString();
    const r = run(
      raw,
      qb
        .insertInto('recovery_facts')
        .orIgnore()
        .values({
          household_id: input.householdId,
          id_number: input.idNumber ?? null,
          person_name: personName,
          kind: input.kind,
          fact_date: input.factDate,
          source: 'manual',
          import_id: null,
          evidence: input.evidence.trim(),
          recorded_by: actor.username,
          recorded_at: at,
        }),
    );
    if (r.changes === 0) throw appError('duplicate', 'This fact is recorded already.', '该事实已登记。', 'factDate');
    appendAudit(raw, {
      ...actor,
      action: 'record_fact',
      entity: 'household',
      entityId: input.householdId,
      summary: `${codeWords(input.kind)} on ${input.factDate}${personName ? ` (${personName})` : ''}: ${input.evidence.trim()}`,
      after: input,
      at,
    });
    return r.lastInsertRowid;
  })();
}

/**
 * The deaths of a public-security file just applied (the warnings it raised, inside the exchange's transaction), as facts
 * of the households already paid for a month after the death's month. A death seen before is not recorded twice.
 */
export function recordDeathFacts(raw: BetterSqlite3.Database, importId: number, actor: Actor, now: Date): number {
  const deaths = all(
    raw,
    qb
      .selectFrom('warnings')
      .select(['household_id', 'id_number', 'person_name', 'evidence_key', 'evidence'])
      .where('import_id', '=', importId)
      .where('rule', '=', 'death'),
  );
  let n = 0;
  for (const d of deaths) {
    const date = d.evidence_key.replace(/^death:/, '');
    if (!isIsoDate(date) || paidMonthsAfter(raw, d.household_id, date).length === 0) continue;
    n += run(
      raw,
      qb.insertInto('recovery_facts').orIgnore().values({
        household_id: d.household_id,
        id_number: d.id_number,
        person_name: d.person_name,
        kind: 'death',
        fact_date: date,
        source: 'import',
        import_id: importId,
        evidence: d.evidence,
        recorded_by: actor.username,
        recorded_at: now.toISOString(),
      }),
    ).changes;
  }
  return n;
}

/** A proposal made with a fact (decisions/determinations.ts): the fact is the household's. */
export function linkFact(raw: BetterSqlite3.Database, determinationId: number, factId: number, householdId: number): void {
  const f = first(raw, qb.selectFrom('recovery_facts').select(['household_id']).where('id', '=', factId));
  if (!f || f.household_id !== householdId)
    throw appError('not_found', `Fact #${factId} is not one of this household’s.`, `第 ${factId} 号事实不属于该户。`, 'factId');
  run(raw, qb.insertInto('recovery_fact_links').values({ determination_id: determinationId, fact_id: factId }));
}
