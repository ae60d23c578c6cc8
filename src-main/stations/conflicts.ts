/**
 * Conflicts (docs/rules/workstations.md "Conflicts — nothing is silently overwritten"): listed with
 * both versions field by field, resolved by taking the county's, the township's, or a choice per
 * field, audited. At the county a resolution writes a new version, which the next downward package
 * carries to the township; at a township a review either takes the county's copy or keeps the
 * local edit to go up (where, based on an older version, it meets a county manager).
 */
import { codeWords } from '../common/audit-labels';
import { placeWaiting } from './cases';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appError } from '../common/errors';
import type { HouseholdData } from '../common/household-file';
import { all, first, qb, run } from '../db/query';
import { createHousehold, mustLoadHousehold, updateHousehold } from '../registry/edit';
import { mustBeStation } from './identity';

/** The household's parts compared and chosen one by one; tier and benefit (`current`) stay the county's. */
export const CONFLICT_FIELDS = [
  'residence',
  'area',
  'address',
  'externalId',
  'members',
  'supportersOutside',
  'assets',
  'expenses12Months',
  'housing',
  'flags',
] as const;
export type ConflictField = (typeof CONFLICT_FIELDS)[number];
export type Side = 'county' | 'township';

export interface ConflictView {
  id: number;
  kind: 'household' | 'duplicate_person' | 'review';
  householdGid: string;
  householdId: number | null;
  otherHouseholdId: number | null;
  personIdNumber: string | null;
  station: string;
  packageSeq: number;
  headName: string;
  status: 'open' | 'resolved';
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

export interface ConflictField2 {
  field: ConflictField;
  county: string | null;
  township: string | null;
  differs: boolean;
}

type Row = NonNullable<ReturnType<typeof rowOf>>;
const rowOf = (raw: BetterSqlite3.Database, id: number) => first(raw, qb.selectFrom('station_conflicts').selectAll().where('id', '=', id));

const headOf = (h: HouseholdData) => h.members.find((m) => m.relation === 'head')?.name ?? h.members[0]?.name ?? '';

function view(r: Row): ConflictView {
  const remote = JSON.parse(r.remote_json) as HouseholdData;
  return {
    id: r.id,
    kind: r.kind,
    householdGid: r.household_gid,
    householdId: r.household_id,
    otherHouseholdId: r.other_household_id,
    personIdNumber: r.person_id_number,
    station: r.station,
    packageSeq: r.package_seq,
    headName: headOf(remote),
    status: r.status,
    resolution: r.resolution,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
    createdAt: r.created_at,
  };
}

export function listConflicts(raw: BetterSqlite3.Database, status?: 'open' | 'resolved'): ConflictView[] {
  let q = qb.selectFrom('station_conflicts').selectAll().orderBy('id', 'desc');
  if (status) q = q.where('status', '=', status);
  return all(raw, q).map(view);
}

const show = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/** Both versions field by field: the county's side is the county's record now (at a township: the county's copy that arrived). */
export function conflictDetail(raw: BetterSqlite3.Database, id: number): ConflictView & { fields: ConflictField2[] } {
  const r = rowOf(raw, id);
  if (!r) throw appError('not_found', `There is no conflict #${id}.`, `没有第 ${id} 号冲突。`);
  const self = mustBeStation(raw);
  const remote = JSON.parse(r.remote_json) as HouseholdData;
  const here = r.household_id
    ? mustLoadHousehold(raw, r.household_id).data
    : r.local_json
      ? (JSON.parse(r.local_json) as HouseholdData)
      : null;
  const county = self.level === 'county' ? here : remote;
  const township = self.level === 'county' ? remote : here;
  const fields = CONFLICT_FIELDS.map((f) => {
    const c = county ? show(county[f]) : null;
    const t = township ? show(township[f]) : null;
    return { field: f, county: c, township: t, differs: c !== t };
  });
  return { ...view(r), fields };
}

export interface Resolution {
  take: Side | 'fields';
  fields?: Partial<Record<ConflictField, Side>>;
}

/** Resolves one open conflict; answers the household's id and new version where one was written. */
export function resolveConflict(
  raw: BetterSqlite3.Database,
  id: number,
  res: Resolution,
  actor: Actor,
  now: Date,
): { householdId: number | null; version: number | null } {
  const self = mustBeStation(raw);
  return raw.transaction(() => {
    const r = rowOf(raw, id);
    if (!r) throw appError('not_found', `There is no conflict #${id}.`, `没有第 ${id} 号冲突。`);
    if (r.status !== 'open') throw appError('conflict_resolved', `Conflict #${id} is already resolved.`, `第 ${id} 号冲突已处理。`);
    const remote = JSON.parse(r.remote_json) as HouseholdData;
    let written: { id: number; version: number } | null = null;
    if (r.kind === 'review') {
      if (self.level !== 'township') throw appError('station_level', 'A review is settled at its township.', '复核事项由乡镇工作站处理。');
      if (res.take === 'fields')
        throw appError(
          'invalid_input',
          'A review takes the county’s copy or keeps this one.',
          '复核只能采用县级版本或保留本地版本。',
          'take',
        );
      if (res.take === 'county' && r.household_id) {
        const cur = mustLoadHousehold(raw, r.household_id);
        written = updateHousehold(raw, r.household_id, cur.version, remote, actor, now);
        raw.prepare('UPDATE households SET county_version = ?, synced_version = version WHERE id = ?').run(r.base_version, r.household_id);
      }
    } else if (r.kind === 'duplicate_person') {
      if (res.take === 'fields')
        throw appError('invalid_input', 'A duplicate person is settled by one side.', '重复人员冲突只能整体选择一方。', 'take');
      if (res.take === 'township') {
        // Registering it still refuses a person active elsewhere: the manager moves them out of the other household first.
        written = r.household_id
          ? updateHousehold(
              raw,
              r.household_id,
              mustLoadHousehold(raw, r.household_id).version,
              { ...remote, current: mustLoadHousehold(raw, r.household_id).data.current },
              actor,
              now,
            )
          : createHousehold(raw, { ...remote, current: null }, actor, now, 'station_create');
        run(raw, qb.updateTable('households').set({ gid: r.household_gid, station_id: r.station }).where('id', '=', written.id));
        // The application's case and stages that waited for this household take their place now (./cases.ts).
        placeWaiting(raw, {});
      }
    } else {
      if (!r.household_id) throw appError('not_found', 'The conflict names no household here.', '该冲突未指向本地家庭。');
      const cur = mustLoadHousehold(raw, r.household_id);
      const merged: HouseholdData = { ...cur.data };
      const pick = (f: ConflictField): Side => (res.take === 'fields' ? (res.fields?.[f] ?? 'county') : res.take);
      const target = merged as unknown as Record<string, unknown>; // field by field over the same shape
      for (const f of CONFLICT_FIELDS) if (pick(f) === 'township') target[f] = remote[f];
      // A new version even when the county's stands: the next downward package carries the resolution to the township.
      written = updateHousehold(raw, r.household_id, cur.version, merged, actor, now);
    }
    const resolution =
      res.take === 'fields' ? `fields:${CONFLICT_FIELDS.map((f) => `${f}=${res.fields?.[f] ?? 'county'}`).join(',')}` : res.take;
    run(
      raw,
      qb
        .updateTable('station_conflicts')
        .set({ status: 'resolved', resolution, resolved_by: actor.username, resolved_at: now.toISOString() })
        .where('id', '=', id),
    );
    // two-person: requests mechanism (docs/security.md) — a county resolution will need a second manager's confirmation there.
    appendAudit(raw, {
      ...actor,
      at: now.toISOString(),
      action: 'resolve_conflict',
      entity: 'station_conflict',
      entityId: id,
      summary: `${codeWords(r.kind)} conflict on ${r.household_gid} from ${r.station}: ${resolution}`,
      after: { resolution, householdId: written?.id ?? r.household_id, version: written?.version ?? null },
    });
    return { householdId: written?.id ?? r.household_id, version: written?.version ?? null };
  })();
}
