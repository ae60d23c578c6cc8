/**
 * The townships' standby funds (备用金, docs/rules/temporary-service-recovery.md §11.4): each township
 * receives a yearly allocation (the dated parameter `temporary.standbyFund` in force on 1 January),
 * pays 小额快救 and 先行救助 from it, and the county tops it up with an allocation entry. The ledger
 * is append-only; a payment larger than the balance is refused (here, and by the database).
 * The balance is kept per calendar year: what is left at the year's end does not carry over (design).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appError } from '../common/errors';
import { formatFen } from '../common/money';
import { all, first, qb, run } from '../db/query';
import { township } from './context';
import { temporaryRulesOn } from './parameters';

export interface FundEntry {
  id: number | null;
  kind: 'allocation' | 'top_up' | 'payment';
  amountFen: number;
  onDate: string;
  caseId: number | null;
  caseNumber: string | null;
  note: string | null;
  recordedBy: string | null;
  balanceFen: number;
}

const yearlyFen = (raw: BetterSqlite3.Database, year: number) => temporaryRulesOn(raw, `${year}-01-01`)['temporary.standbyFund'];

/** The year's allocation of a township, written once, when the fund is first used or topped up that year. */
export function ensureAllocation(raw: BetterSqlite3.Database, townshipId: number, year: number, actor: Actor, now: Date): void {
  const has = first(
    raw,
    qb
      .selectFrom('temporary_fund_entries')
      .select('id')
      .where('township_id', '=', townshipId)
      .where('year', '=', year)
      .where('kind', '=', 'allocation'),
  );
  if (has) return;
  run(
    raw,
    qb.insertInto('temporary_fund_entries').values({
      township_id: townshipId,
      year,
      kind: 'allocation',
      amount_fen: yearlyFen(raw, year),
      on_date: `${year}-01-01`,
      note: '年度备用金',
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
    }),
  );
}

export function fundBalance(raw: BetterSqlite3.Database, townshipId: number, year: number): number {
  const r = first(
    raw,
    qb
      .selectFrom('temporary_fund_entries')
      .select((eb) => eb.fn.sum<number | null>('amount_fen').as('s'))
      .where('township_id', '=', townshipId)
      .where('year', '=', year),
  );
  return r?.s ?? 0;
}

/** A payment from the fund, in the caller's transaction: refused when it is larger than the balance. */
export function payFromFund(
  raw: BetterSqlite3.Database,
  p: { townshipId: number; paidOn: string; amountFen: number; caseId: number; caseNumber: string; paymentId: number },
  actor: Actor,
  now: Date,
): void {
  const year = Number(p.paidOn.slice(0, 4));
  ensureAllocation(raw, p.townshipId, year, actor, now);
  const balance = fundBalance(raw, p.townshipId, year);
  if (p.amountFen > balance) {
    const t = township(raw, p.townshipId).name;
    throw appError(
      'fund_insufficient',
      `${t}'s standby fund has ${formatFen(balance)} yuan left for ${year}, less than ${formatFen(p.amountFen)}: the county tops it up first, or pays from the county.`,
      `${t}${year} 年备用金余额 ${formatFen(balance)} 元，不足支付 ${formatFen(p.amountFen)} 元：请县级先行补充备用金，或改由县级支付。`,
      'paidFrom',
    );
  }
  run(
    raw,
    qb.insertInto('temporary_fund_entries').values({
      township_id: p.townshipId,
      year,
      kind: 'payment',
      amount_fen: -p.amountFen,
      on_date: p.paidOn,
      case_id: p.caseId,
      payment_id: p.paymentId,
      note: p.caseNumber,
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
    }),
  );
}

/** The county tops a township's fund up (an allocation entry of its own). */
export function topUp(
  raw: BetterSqlite3.Database,
  input: { townshipId: number; year: number; amountFen: number; onDate: string; note: string },
  actor: Actor,
  now: Date,
): { balanceFen: number } {
  if (input.amountFen <= 0) throw appError('invalid_input', 'A top-up is more than 0.', '补充金额应大于 0。', 'amountFen');
  if (Number(input.onDate.slice(0, 4)) !== input.year)
    throw appError('invalid_input', `The date is not in ${input.year}.`, `日期不在 ${input.year} 年内。`, 'onDate');
  return raw.transaction(() => {
    const t = township(raw, input.townshipId);
    ensureAllocation(raw, t.id, input.year, actor, now);
    run(
      raw,
      qb.insertInto('temporary_fund_entries').values({
        township_id: t.id,
        year: input.year,
        kind: 'top_up',
        amount_fen: input.amountFen,
        on_date: input.onDate,
        note: input.note,
        recorded_by: actor.username,
        recorded_at: now.toISOString(),
      }),
    );
    const balanceFen = fundBalance(raw, t.id, input.year);
    appendAudit(raw, {
      ...actor,
      action: 'top_up',
      entity: 'standby_fund',
      entityId: `${t.id}/${input.year}`,
      summary: `${t.name} ${input.year} standby fund topped up by ${formatFen(input.amountFen)} yuan: balance ${formatFen(balanceFen)}`,
      after: { ...input, balanceFen },
      at: now.toISOString(),
    });
    return { balanceFen };
  })();
}

/**
 * A township's ledger for a year, oldest first, with the running balance. Before the fund is first used that year, the
 * allocation it will receive is shown as it stands (id null): reading never writes.
 */
export function fundLedger(raw: BetterSqlite3.Database, townshipId: number, year: number) {
  const t = township(raw, townshipId);
  const rows = all(
    raw,
    qb
      .selectFrom('temporary_fund_entries as f')
      .leftJoin('temporary_cases as c', 'c.id', 'f.case_id')
      .select(['f.id', 'f.kind', 'f.amount_fen', 'f.on_date', 'f.case_id', 'c.number', 'f.note', 'f.recorded_by'])
      .where('f.township_id', '=', townshipId)
      .where('f.year', '=', year)
      .orderBy('f.on_date')
      .orderBy('f.id'),
  );
  const entries: FundEntry[] = [];
  let balance = 0;
  if (!rows.some((r) => r.kind === 'allocation')) {
    balance = yearlyFen(raw, year);
    entries.push({
      id: null,
      kind: 'allocation',
      amountFen: balance,
      onDate: `${year}-01-01`,
      caseId: null,
      caseNumber: null,
      note: '年度备用金',
      recordedBy: null,
      balanceFen: balance,
    });
  }
  for (const r of rows) {
    balance += r.amount_fen;
    entries.push({
      id: r.id,
      kind: r.kind,
      amountFen: r.amount_fen,
      onDate: r.on_date,
      caseId: r.case_id,
      caseNumber: r.number,
      note: r.note,
      recordedBy: r.recorded_by,
      balanceFen: balance,
    });
  }
  const sum = (k: FundEntry['kind']) => entries.filter((e) => e.kind === k).reduce((s, e) => s + e.amountFen, 0);
  return {
    townshipId,
    township: t.name,
    year,
    allocatedFen: sum('allocation') + sum('top_up'),
    paidFen: 0 - sum('payment'),
    balanceFen: balance,
    entries,
  };
}
