/** Creating and editing a household: one transaction, members checked free, audited with before and after. */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { normaliseHouseholdIds, type HouseholdData } from '../common/household-file';
import { first, qb } from '../db/query';
import { loadHousehold } from './households';
import { HouseholdWriter } from './writer';
import type { AuditAction } from '../common/audit-labels';

// Statements are prepared once per connection, not per call.
const writers = new WeakMap<BetterSqlite3.Database, HouseholdWriter>();
function writerFor(raw: BetterSqlite3.Database): HouseholdWriter {
  let w = writers.get(raw);
  if (!w) writers.set(raw, (w = new HouseholdWriter(raw)));
  return w;
}

// The schema has checked that a household has exactly one head.
const headOf = (h: HouseholdData) => h.members.find((m) => m.relation === 'head')!;

export function mustLoadHousehold(raw: BetterSqlite3.Database, id: number) {
  const h = loadHousehold(raw, id);
  if (!h) throw appError('not_found', `There is no household #${id}.`, `没有编号为 ${id} 的家庭。`);
  return h;
}

export function createHousehold(
  raw: BetterSqlite3.Database,
  household: HouseholdData,
  actor: Actor,
  now: Date,
  action: AuditAction = 'create',
): { id: number; version: number } {
  const w = writerFor(raw);
  normaliseHouseholdIds(household, todayIso(now));
  return raw.transaction(() => {
    if (household.externalId && first(raw, qb.selectFrom('households').select('id').where('external_id', '=', household.externalId))) {
      throw appError(
        'duplicate_household',
        `A household with external id ${household.externalId} is already registered.`,
        `外部编号为 ${household.externalId} 的家庭已登记。`,
        'household.externalId',
      );
    }
    w.checkMembersFree(household, -1);
    const id = w.insert(household, now.toISOString());
    const stored = loadHousehold(raw, id)!;
    appendAudit(raw, {
      ...actor,
      at: now.toISOString(),
      action,
      entity: 'household',
      entityId: id,
      summary: `household of ${headOf(household).name}`,
      after: stored.data,
    });
    return { id, version: stored.version };
  })();
}

export function updateHousehold(
  raw: BetterSqlite3.Database,
  id: number,
  version: number,
  input: HouseholdData,
  actor: Actor,
  now: Date,
): { id: number; version: number } {
  const w = writerFor(raw);
  const household = normaliseHouseholdIds(input, todayIso(now));
  return raw.transaction(() => {
    const before = mustLoadHousehold(raw, id);
    if (household.externalId) {
      const other = first(
        raw,
        qb.selectFrom('households').select('id').where('external_id', '=', household.externalId).where('id', '!=', id),
      );
      if (other) {
        throw appError(
          'duplicate_household',
          `External id ${household.externalId} belongs to another household.`,
          `外部编号 ${household.externalId} 已属于其他家庭。`,
          'household.externalId',
        );
      }
    }
    w.checkMembersFree(household, id);
    const newVersion = w.update(id, version, household, now.toISOString());
    const after = loadHousehold(raw, id)!;
    appendAudit(raw, {
      ...actor,
      at: now.toISOString(),
      action: 'update',
      entity: 'household',
      entityId: id,
      summary: `household of ${headOf(household).name}`,
      before: before.data,
      after: after.data,
    });
    return { id, version: newVersion };
  })();
}
