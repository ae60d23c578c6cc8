/**
 * What a case needs to know about the registry: the household as the engine reads it, its
 * township, the person concerned, the tier in force on the event date (docs/rules/temporary-service-recovery.md
 * §11.2 step 0), and the county and temporary-assistance figures in force then.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { HouseholdData, Residence, Tier } from '../common/household-file';
import { TIERS } from '../common/household-file';
import { monthOf } from '../common/dates';
import { appError } from '../common/errors';
import { isCode } from '../common/codes';
import { first, qb } from '../db/query';
import { loadHousehold } from '../registry/households';
import { parametersOn } from '../policy/parameter-store';
import { temporaryRulesOn } from './parameters';
import type { AssessParameters } from './assess';

export interface HouseholdFacts {
  householdId: number;
  data: HouseholdData;
  areaId: number;
  townshipId: number;
  township: string;
  village: string;
  status: 'active' | 'closed';
}

export function householdFacts(raw: BetterSqlite3.Database, householdId: number): HouseholdFacts {
  const row = first(
    raw,
    qb
      .selectFrom('households as h')
      .innerJoin('areas as v', 'v.id', 'h.area_id')
      .innerJoin('areas as t', 't.id', 'v.parent_id')
      .select(['h.area_id', 'h.status', 't.id as townshipId', 't.name as township', 'v.name as village'])
      .where('h.id', '=', householdId),
  );
  const h = row ? loadHousehold(raw, householdId) : null;
  if (!row || !h)
    throw appError('not_found', `There is no household #${householdId}.`, `没有编号为 ${householdId} 的家庭。`, 'householdId');
  return {
    householdId,
    data: h.data,
    areaId: row.area_id,
    townshipId: row.townshipId,
    township: row.township,
    village: row.village,
    status: row.status,
  };
}

/**
 * The tier of the determination in force on the event date: the latest approved one whose effective month has come.
 * A household with no approved determination at all keeps the tier the registry holds for it (imported with the
 * household); one whose first determination took effect after the event had none then.
 */
export function tierOn(raw: BetterSqlite3.Database, householdId: number, date: string): Tier | null {
  const d = first(
    raw,
    qb
      .selectFrom('determinations as d')
      .innerJoin('determination_decisions as dd', (j) => j.onRef('dd.determination_id', '=', 'd.id').on('dd.decision', '=', 'approved'))
      .select(['d.tier', 'dd.effective_month'])
      .where('d.household_id', '=', householdId)
      .where('dd.effective_month', '<=', monthOf(date))
      .orderBy('dd.effective_month', 'desc')
      .orderBy('dd.id', 'desc')
      .limit(1),
  );
  if (d) return isCode(TIERS, d.tier) ? d.tier : null;
  const any = first(
    raw,
    qb
      .selectFrom('determinations as d')
      .innerJoin('determination_decisions as dd', (j) => j.onRef('dd.determination_id', '=', 'd.id').on('dd.decision', '=', 'approved'))
      .select('d.id')
      .where('d.household_id', '=', householdId)
      .limit(1),
  );
  if (any) return null;
  const h = first(raw, qb.selectFrom('households').select('current_tier').where('id', '=', householdId));
  return h?.current_tier && isCode(TIERS, h.current_tier) ? h.current_tier : null;
}

/** The county figures of the residence column and the temporary rules, both in force on the event date. */
export function parametersFor(raw: BetterSqlite3.Database, residence: Residence, eventDate: string): AssessParameters {
  return { values: parametersOn(raw, eventDate).values[residence], rules: temporaryRulesOn(raw, eventDate) };
}

/** A township of the office (a non-local person's case is filed where the emergency happened). */
export function township(raw: BetterSqlite3.Database, townshipId: number): { id: number; name: string } {
  const t = first(raw, qb.selectFrom('areas').select(['id', 'name']).where('id', '=', townshipId).where('level', '=', 'township'));
  if (!t) throw appError('not_found', `There is no township #${townshipId}.`, `没有编号为 ${townshipId} 的乡镇。`, 'townshipId');
  return t;
}
