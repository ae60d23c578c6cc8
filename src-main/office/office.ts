/** The office's details (name, county, region code), printed on every form. */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Office } from '../contract/common';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { first, qb, run } from '../db/query';

export function officeOf(raw: BetterSqlite3.Database): Office | null {
  const o = first(raw, qb.selectFrom('office').select(['name', 'county', 'region_code', 'is_demo']).where('id', '=', 1));
  return o ? { name: o.name, county: o.county, regionCode: o.region_code, isDemo: !!o.is_demo } : null;
}

export function updateOffice(
  raw: BetterSqlite3.Database,
  input: Pick<Office, 'name' | 'county' | 'regionCode'>,
  actor: Actor,
  now: Date,
): Office {
  return raw.transaction(() => {
    const before = officeOf(raw);
    run(raw, qb.updateTable('office').set({ name: input.name, county: input.county, region_code: input.regionCode }).where('id', '=', 1));
    // The office row exists: the administrator making the change was created with it (setup).
    const after = officeOf(raw)!;
    appendAudit(raw, { ...actor, action: 'update', entity: 'office', entityId: 1, before, after, at: now.toISOString() });
    return after;
  })();
}
