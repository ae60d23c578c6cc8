/**
 * Delegation (docs/rules/workstations.md, "Delegation"): a dated county setting — whether townships decide 低保 and 特困
 * themselves, and their band for temporary assistance. Append-only; the setting in force on a date is the latest from on or before it.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Actor } from '../audit/actor';
import { appendAudit } from '../audit/audit';
import { all, first, qb, run } from '../db/query';

export interface Delegation {
  effectiveFrom: string;
  townshipsDecideDibao: boolean;
  townshipsDecideTekun: boolean;
  temporaryBandFen: number;
}

const rows = () =>
  qb
    .selectFrom('case_delegation')
    .select(['effective_from', 'townships_decide_dibao', 'townships_decide_tekun', 'temporary_band_fen', 'recorded_by', 'recorded_at']);

const toDelegation = (r: {
  effective_from: string;
  townships_decide_dibao: number;
  townships_decide_tekun: number;
  temporary_band_fen: number;
}) => ({
  effectiveFrom: r.effective_from,
  townshipsDecideDibao: r.townships_decide_dibao === 1,
  townshipsDecideTekun: r.townships_decide_tekun === 1,
  temporaryBandFen: r.temporary_band_fen,
});

export function delegationOn(raw: BetterSqlite3.Database, date: string): Delegation | null {
  const r = first(raw, rows().where('effective_from', '<=', date).orderBy('effective_from', 'desc').orderBy('id', 'desc'));
  return r ? toDelegation(r) : null;
}

export function delegationHistory(raw: BetterSqlite3.Database) {
  return all(raw, rows().orderBy('effective_from', 'desc').orderBy('id', 'desc')).map((r) => ({
    ...toDelegation(r),
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  }));
}

export function setDelegation(raw: BetterSqlite3.Database, d: Delegation, actor: Actor, now: Date): void {
  raw.transaction(() => {
    run(
      raw,
      qb.insertInto('case_delegation').values({
        effective_from: d.effectiveFrom,
        townships_decide_dibao: d.townshipsDecideDibao ? 1 : 0,
        townships_decide_tekun: d.townshipsDecideTekun ? 1 : 0,
        temporary_band_fen: d.temporaryBandFen,
        recorded_by: actor.username,
        recorded_at: now.toISOString(),
      }),
    );
    appendAudit(raw, {
      ...actor,
      action: 'set',
      entity: 'case_delegation',
      entityId: d.effectiveFrom,
      summary: `delegation from ${d.effectiveFrom}: dibao ${d.townshipsDecideDibao}, tekun ${d.townshipsDecideTekun}`,
      after: d,
      at: now.toISOString(),
    });
  })();
}
