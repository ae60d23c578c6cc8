/**
 * A scenario's figures as stored with its run and shown, printed and exported: households and
 * persons by kind of change, the monthly and annual cost before and after by tier and by
 * township (with its villages), the bands of benefit changes, the gradual exits it triggers.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { all, qb } from '../db/query';
import type { HouseholdTier } from '../policy/types';
import { DELTA_EDGES_FEN, type Money, type ScenarioTally } from '../scan/scenario-job';

const TIER_ORDER: readonly HouseholdTier[] = ['tekun', 'dibao', 'marginal', 'rigid', 'none'];

const cost = (before: number, after: number) => ({ before, after, delta: after - before });
const line = (b: Money, a: Money) => ({ householdsBefore: b.households, householdsAfter: a.households, ...cost(b.fen, a.fen) });

export function summarise(raw: BetterSqlite3.Database, t: ScenarioTally) {
  const k = (name: string) => t.kinds[name] ?? { households: 0, persons: 0 };
  const counts = (of: 'households' | 'persons') => ({
    newlyEligible: k('newly_eligible')[of],
    leaving: k('no_longer_eligible')[of],
    tierUp: k('tier_up')[of],
    tierDown: k('tier_down')[of],
    benefitChanged: k('benefit_changed')[of],
    unchanged: k('unchanged')[of],
  });
  let before = 0,
    after = 0;
  for (const v of Object.values(t.tiers)) {
    before += v.before.fen;
    after += v.after.fen;
  }
  const byTier = TIER_ORDER.flatMap((tier) => {
    const v = t.tiers[tier];
    return v ? [{ tier, ...line(v.before, v.after) }] : [];
  });
  const areas = all(raw, qb.selectFrom('areas').select(['id', 'parent_id', 'name', 'level']));
  const byId = new Map(areas.map((a) => [a.id, a]));
  type Row = ReturnType<typeof line> & { id: number; name: string; changed: number };
  const towns = new Map<number, Row & { villages: Row[] }>();
  const zero = { households: 0, persons: 0, fen: 0 };
  for (const [vid, v] of Object.entries(t.villages)) {
    const village = byId.get(Number(vid));
    const townId = village?.parent_id ?? Number(vid);
    let town = towns.get(townId);
    if (!town)
      towns.set(townId, (town = { id: townId, name: byId.get(townId)?.name ?? '', ...line(zero, zero), changed: 0, villages: [] }));
    const row = { id: Number(vid), name: village?.name ?? '', ...line(v.before, v.after), changed: v.changed };
    town.villages.push(row);
    town.householdsBefore += row.householdsBefore;
    town.householdsAfter += row.householdsAfter;
    town.before += row.before;
    town.after += row.after;
    town.delta += row.delta;
    town.changed += row.changed;
  }
  const byTownship = [...towns.values()].sort((a, b) => a.id - b.id);
  for (const town of byTownship) town.villages.sort((a, b) => a.id - b.id);
  return {
    evaluated: t.evaluated,
    households: counts('households'),
    persons: counts('persons'),
    monthlyCost: cost(before, after),
    annualCost: cost(before * 12, after * 12),
    byTier,
    byTownship,
    deltas: t.deltas.map((households, i) => ({
      fromFen: i === 0 ? null : DELTA_EDGES_FEN[i - 1],
      toFen: i === DELTA_EDGES_FEN.length ? null : DELTA_EDGES_FEN[i],
      households,
    })),
    gradualExits: t.gradualExits,
  };
}

export type ScenarioSummary = ReturnType<typeof summarise>;
