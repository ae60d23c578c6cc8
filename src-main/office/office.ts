/** The office's details (name, county, region code), printed on every form. */
import type BetterSqlite3 from 'better-sqlite3';
import type { Office } from '../contract/common';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';

export function officeOf(raw: BetterSqlite3.Database): Office | null {
  const o = raw.prepare(`SELECT name, county, region_code, is_demo FROM office WHERE id = 1`).get() as
    { name: string; county: string; region_code: string; is_demo: number } | undefined;
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
    raw.prepare(`UPDATE office SET name = ?, county = ?, region_code = ? WHERE id = 1`).run(input.name, input.county, input.regionCode);
    const after = officeOf(raw)!;
    appendAudit(raw, { ...actor, action: 'update', entity: 'office', entityId: 1, before, after, at: now.toISOString() });
    return after;
  })();
}
