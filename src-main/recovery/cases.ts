/**
 * Recovery cases (docs/rules/temporary-service-recovery.md §13). A determination proposed with a
 * fact of a past date, once approved, is compared with what was actually paid (the closed months'
 * payment lines): every paid month AFTER the month of the fact — that month itself is kept — is
 * overpaid by what was paid for it less what the new determination pays (0 when the tier ends).
 * If any is, a case opens: its months and amounts, the legal basis, the person liable (the head,
 * or the head's estate when the head died). Nothing here deducts anything (./entries.ts).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appendChainEvent } from '../chain/events';
import { monthOf } from '../common/dates';
import { appError } from '../common/errors';
import { formatFen } from '../common/money';
import { all, first, qb, run } from '../db/query';
import { FACT_ZH } from './facts';

/** §13 in the words of 《社会救助暂行办法》: a change of a household's people, income or assets increases, lowers or stops the benefit. */
export const RECOVERY_BASIS = '《社会救助暂行办法》第十三条（家庭人口、收入、财产状况发生变化的，应当及时告知并增发、减发或者停发救助金）';

export interface OverpaidMonth {
  month: string;
  paidFen: number;
  dueFen: number;
  overpaidFen: number;
}

/**
 * The overpaid months of a household after `factDate`'s month, against a monthly amount due: a month's payment is its line
 * less the adjustments paid with it (those belong to other months). `after` leaves out months up to it (a case's extension).
 */
export function overpaidMonths(
  raw: BetterSqlite3.Database,
  householdId: number,
  factDate: string,
  dueFen: number,
  after?: string,
): OverpaidMonth[] {
  const from = after && after > monthOf(factDate) ? after : monthOf(factDate);
  return all(
    raw,
    qb
      .selectFrom('payment_lines')
      .select(['month', 'amount_fen', 'adjust_fen'])
      .where('household_id', '=', householdId)
      .where('month', '>', from)
      .orderBy('month'),
  )
    .map((l) => ({ month: l.month, paidFen: l.amount_fen - l.adjust_fen, dueFen, overpaidFen: l.amount_fen - l.adjust_fen - dueFen }))
    .filter((m) => m.overpaidFen > 0);
}

function headOf(raw: BetterSqlite3.Database, householdId: number) {
  return first(
    raw,
    qb
      .selectFrom('members')
      .select(['name', 'id_number', 'status'])
      .where('household_id', '=', householdId)
      .orderBy((eb) => eb('relation', '<>', 'head'))
      .orderBy((eb) => eb('active', '<>', 1))
      .orderBy('position')
      .limit(1),
  );
}

/**
 * On approval of a determination proposed with a fact (decisions/determinations.ts, the manager's transaction): opens the
 * case when months were overpaid, and returns its id, or null.
 */
export function openOnApproval(raw: BetterSqlite3.Database, determinationId: number, actor: Actor, now: Date): number | null {
  const link = first(
    raw,
    qb
      .selectFrom('recovery_fact_links as l')
      .innerJoin('recovery_facts as f', 'f.id', 'l.fact_id')
      .innerJoin('determinations as d', 'd.id', 'l.determination_id')
      .select([
        'f.id as fact_id',
        'f.kind',
        'f.fact_date',
        'f.id_number',
        'f.person_name',
        'd.household_id',
        'd.tier',
        'd.monthly_benefit_fen',
      ])
      .where('l.determination_id', '=', determinationId),
  );
  if (!link) return null;
  const due = link.tier === 'none' ? 0 : link.monthly_benefit_fen;
  const months = overpaidMonths(raw, link.household_id, link.fact_date, due);
  if (months.length === 0) return null;
  const head = headOf(raw, link.household_id);
  const estate = link.kind === 'death' && !!head && head.id_number === link.id_number;
  const year = Number(now.toISOString().slice(0, 4));
  const seq =
    (first(
      raw,
      qb
        .selectFrom('recovery_cases')
        .select((eb) => eb.fn.max('seq').as('n'))
        .where('year', '=', year),
    )?.n ?? 0) + 1;
  const number = `追缴〔${year}〕${seq}号`;
  const at = now.toISOString();
  const id = run(
    raw,
    qb.insertInto('recovery_cases').values({
      number,
      year,
      seq,
      household_id: link.household_id,
      determination_id: determinationId,
      fact_id: link.fact_id,
      liable_kind: estate ? 'estate' : 'head',
      liable_name: head?.name ?? link.person_name ?? '',
      liable_id_number: head?.id_number ?? null,
      basis: RECOVERY_BASIS,
      new_benefit_fen: due,
      opened_by: actor.username,
      opened_at: at,
    }),
  ).lastInsertRowid;
  run(
    raw,
    qb.insertInto('recovery_months').values(
      months.map((m) => ({
        case_id: id,
        month: m.month,
        paid_fen: m.paidFen,
        due_fen: m.dueFen,
        overpaid_fen: m.overpaidFen,
        added_by: actor.username,
        added_at: at,
      })),
    ),
  );
  const total = months.reduce((s, m) => s + m.overpaidFen, 0);
  const fact = `${link.fact_date} ${link.person_name ?? ''}${FACT_ZH[link.kind]}`;
  appendChainEvent(raw, {
    householdId: link.household_id,
    idNumber: link.id_number,
    at,
    kind: 'payment',
    department: 'civil_affairs',
    basis: RECOVERY_BASIS,
    amountFen: total,
    item: 'recovery',
    status: 'recovery_opened',
    refTable: 'recovery_cases',
    refId: id,
    summary: `立案追缴 ${number}：${fact}后多发 ${months.length} 个月（${months[0].month} 至 ${months[months.length - 1].month}），共 ${formatFen(total)} 元`,
    recordedBy: actor.username,
  });
  appendAudit(raw, {
    ...actor,
    action: 'recovery_open',
    entity: 'household',
    entityId: link.household_id,
    summary: `recovery case ${number} from determination #${determinationId}: ${months.length} month(s), ${formatFen(total)} yuan`,
    after: { caseId: id, months, liable: estate ? 'estate' : 'head' },
    at,
  });
  return id;
}

/** Adds the months closed since the case opened that were also paid at the old amount (a manager's act). */
export function extendCase(raw: BetterSqlite3.Database, caseId: number, actor: Actor, now: Date): number {
  return raw.transaction(() => {
    const c = mustCase(raw, caseId);
    const fact = first(raw, qb.selectFrom('recovery_facts').select('fact_date').where('id', '=', c.fact_id))!; // a case's fact is never deleted
    const last = first(
      raw,
      qb
        .selectFrom('recovery_months')
        .select((eb) => eb.fn.max('month').as('m'))
        .where('case_id', '=', caseId),
    )?.m;
    const months = overpaidMonths(raw, c.household_id, fact.fact_date, c.new_benefit_fen, last ?? undefined);
    if (months.length === 0) return 0;
    const at = now.toISOString();
    run(
      raw,
      qb.insertInto('recovery_months').values(
        months.map((m) => ({
          case_id: caseId,
          month: m.month,
          paid_fen: m.paidFen,
          due_fen: m.dueFen,
          overpaid_fen: m.overpaidFen,
          added_by: actor.username,
          added_at: at,
        })),
      ),
    );
    const total = months.reduce((s, m) => s + m.overpaidFen, 0);
    appendChainEvent(raw, {
      householdId: c.household_id,
      at,
      kind: 'payment',
      department: 'civil_affairs',
      basis: c.basis,
      amountFen: total,
      item: 'recovery',
      status: 'recovery_extended',
      refTable: 'recovery_cases',
      refId: caseId,
      summary: `${c.number} 补列多发月份 ${months.map((m) => m.month).join('、')}，共 ${formatFen(total)} 元`,
      recordedBy: actor.username,
    });
    appendAudit(raw, {
      ...actor,
      action: 'recovery_extend',
      entity: 'household',
      entityId: c.household_id,
      summary: `${c.number}: ${months.length} more month(s), ${formatFen(total)} yuan`,
      after: { caseId, months },
      at,
    });
    return months.length;
  })();
}

export function mustCase(raw: BetterSqlite3.Database, caseId: number) {
  const c = first(raw, qb.selectFrom('recovery_cases').selectAll().where('id', '=', caseId));
  if (!c) throw appError('not_found', `There is no recovery case #${caseId}.`, `没有第 ${caseId} 号追缴案件。`, 'caseId');
  return c;
}
