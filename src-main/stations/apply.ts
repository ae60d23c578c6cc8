/**
 * Applying a verified package's records, inside the import's transaction (./sync-import.ts).
 * At the county (upward): a new application is registered unless a person in it is active in
 * another household (a duplicate-person conflict naming both); a change based on the county's
 * current version is applied; one based on an older version is a conflict kept with both versions
 * (docs/rules/workstations.md "Conflicts"). At a township (downward): the county's version replaces
 * the local copy, except where the township has unsent edits — those are kept and marked for review.
 * Cases and their stages travel both ways by global id (./cases.ts).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import type { HouseholdData } from '../common/household-file';
import { first, qb, run } from '../db/query';
import { prepared } from '../db/prepared';
import { loadHousehold } from '../registry/households';
import type { OpenedStationPackage } from './packages';
import { personElsewhere, writerFor } from './slice';
import { addParameter } from './enrol';
import { applyCaseRecord, placeWaiting } from './cases';

export interface Applied {
  applied: Record<string, number>;
  conflictIds: number[];
  reviews: number;
}

interface HouseholdRecord {
  gid: string;
  version: number;
  base: number | null;
  station: string;
  // Authenticated: written by a station of this county through the household schema.
  data: HouseholdData;
}

const asHousehold = (r: Record<string, unknown>): HouseholdRecord => ({
  gid: String(r.gid),
  version: Number(r.version),
  base: typeof r.base === 'number' ? r.base : null,
  station: String(r.station ?? ''),
  data: r.data as HouseholdData, // the package is authenticated (packages.ts); its records were written from validated households
});

function conflict(
  raw: BetterSqlite3.Database,
  c: {
    kind: 'household' | 'duplicate_person' | 'review';
    gid: string;
    householdId: number | null;
    otherHouseholdId?: number;
    person?: string;
    station: string;
    seq: number;
    base: number | null;
    localVersion: number | null;
    local: HouseholdData | null;
    remote: HouseholdData;
  },
  now: Date,
): number {
  return run(
    raw,
    qb.insertInto('station_conflicts').values({
      kind: c.kind,
      household_gid: c.gid,
      household_id: c.householdId,
      other_household_id: c.otherHouseholdId ?? null,
      person_id_number: c.person ?? null,
      station: c.station,
      package_seq: c.seq,
      base_version: c.base,
      local_version: c.localVersion,
      local_json: c.local ? JSON.stringify(c.local) : null,
      remote_json: JSON.stringify(c.remote),
      created_at: now.toISOString(),
    }),
  ).lastInsertRowid;
}

// hot path: bench/stations.ts import — once per household a package carries.
const byGid = (raw: BetterSqlite3.Database, gid: string) =>
  prepared(raw, 'SELECT id, version, county_version, synced_version FROM households WHERE gid = ?').get(gid) as
    { id: number; version: number; county_version: number | null; synced_version: number | null } | undefined; // the columns selected

function bump(applied: Record<string, number>, k: string, n = 1) {
  applied[k] = (applied[k] ?? 0) + n;
}

export function applyUp(raw: BetterSqlite3.Database, pkg: OpenedStationPackage, actor: Actor, now: Date): Applied {
  const out: Applied = { applied: {}, conflictIds: [], reviews: 0 };
  const w = writerFor(raw);
  const nowIso = now.toISOString();
  const sender = pkg.meta.sender;
  const seq = pkg.meta.seq;
  placeWaiting(raw, out.applied);
  for (const r of pkg.records()) {
    if (r.k === 'case' || r.k === 'case_event') {
      applyCaseRecord(raw, r, { sender, seq }, out.applied, now);
      continue;
    }
    if (r.k !== 'household') continue;
    const h = asHousehold(r);
    const existing = byGid(raw, h.gid);
    const open = first(
      raw,
      qb.selectFrom('station_conflicts').select('id').where('household_gid', '=', h.gid).where('status', '=', 'open'),
    );
    // A newer edit of the same household from the same station supersedes its earlier open conflict: both stay on record.
    if (open)
      run(
        raw,
        qb
          .updateTable('station_conflicts')
          .set({ status: 'resolved', resolution: 'superseded', resolved_by: actor.username, resolved_at: nowIso })
          .where('household_gid', '=', h.gid)
          .where('station', '=', sender)
          .where('status', '=', 'open'),
      );
    const dup = personElsewhere(raw, h.data, existing?.id ?? -1);
    const kept = (kind: 'household' | 'duplicate_person') => {
      const local = existing ? loadHousehold(raw, existing.id) : null;
      out.conflictIds.push(
        conflict(
          raw,
          {
            kind,
            gid: h.gid,
            householdId: existing?.id ?? null,
            otherHouseholdId: kind === 'duplicate_person' ? dup!.householdId : undefined,
            person: kind === 'duplicate_person' ? dup!.idNumber : undefined,
            station: sender,
            seq,
            base: h.base,
            localVersion: existing?.version ?? null,
            local: local?.data ?? null,
            remote: h.data,
          },
          now,
        ),
      );
    };
    if (existing && (existing.version !== h.base || open)) {
      kept('household');
      continue;
    }
    if (dup) {
      kept('duplicate_person');
      continue;
    }
    const before = existing ? loadHousehold(raw, existing.id) : null;
    // Tier and benefit are the county's to decide (docs/rules/workstations.md "Who owns what"): a township's copy never changes them.
    const data: HouseholdData = before ? { ...h.data, current: before.data.current } : { ...h.data, current: null };
    const id = existing ? existing.id : w.insert(data, nowIso);
    if (existing) w.update(existing.id, existing.version, data, nowIso);
    run(raw, qb.updateTable('households').set({ gid: h.gid, station_id: sender }).where('id', '=', id));
    appendAudit(raw, {
      ...actor,
      at: nowIso,
      action: existing ? 'station_update' : 'station_create',
      entity: 'household',
      entityId: id,
      summary: `${existing ? 'change' : 'application'} ${h.gid} from station ${sender} (package ${seq})`,
      before: before?.data,
      after: data,
    });
    bump(out.applied, 'households');
    bump(out.applied, 'members', h.data.members.length);
  }
  placeWaiting(raw, out.applied);
  return out;
}

export function applyDown(raw: BetterSqlite3.Database, pkg: OpenedStationPackage, actor: Actor, now: Date): Applied {
  const out: Applied = { applied: {}, conflictIds: [], reviews: 0 };
  const w = writerFor(raw);
  const nowIso = now.toISOString();
  const seq = pkg.meta.seq;
  // hot path: bench/stations.ts import — one row per household of a downward slice.
  const setSync = raw.prepare('UPDATE households SET gid = ?, station_id = ?, county_version = ?, synced_version = version WHERE id = ?');
  placeWaiting(raw, out.applied);
  for (const r of pkg.records()) {
    if (r.k === 'household') {
      const h = asHousehold(r);
      const local = byGid(raw, h.gid);
      const pending = local && (local.synced_version === null || local.synced_version !== local.version);
      const dup = personElsewhere(raw, h.data, local?.id ?? -1);
      if (pending || dup) {
        // Unsent edits here (or a person the county moved from a household this township still holds): kept, marked for review.
        out.conflictIds.push(
          conflict(
            raw,
            {
              kind: 'review',
              gid: h.gid,
              householdId: local?.id ?? null,
              otherHouseholdId: dup?.householdId,
              person: dup?.idNumber,
              station: pkg.meta.sender,
              seq,
              base: h.version, // for a review: the county's version of the copy kept beside the local one
              localVersion: local?.version ?? null,
              local: local ? (loadHousehold(raw, local.id)?.data ?? null) : null,
              remote: h.data,
            },
            now,
          ),
        );
        out.reviews++;
        continue;
      }
      const id = local ? local.id : w.insert(h.data, nowIso);
      if (local) w.update(local.id, local.version, h.data, nowIso);
      setSync.run(h.gid, h.station, h.version, id);
      bump(out.applied, 'households');
      bump(out.applied, 'members', h.data.members.length);
    } else if (r.k === 'decision') {
      const res = raw
        .prepare(
          `INSERT OR IGNORE INTO station_decisions (gid, household_gid, tier, monthly_benefit_fen, decision, reason, effective_month, proposed_by,
            decided_by, decided_at, received_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          String(r.gid),
          String(r.householdGid),
          String(r.tier),
          Number(r.monthlyBenefitFen),
          r.decision === 'approved' ? 'approved' : 'rejected',
          String(r.reason),
          typeof r.effectiveMonth === 'string' ? r.effectiveMonth : null,
          String(r.proposedBy),
          String(r.decidedBy),
          String(r.decidedAt),
          seq,
        );
      bump(out.applied, 'decisions', res.changes);
    } else if (r.k === 'case' || r.k === 'case_event') {
      applyCaseRecord(raw, r, { sender: pkg.meta.sender, seq }, out.applied, now);
    } else if (r.k === 'parameter') {
      if (!addParameter(raw, r)) continue;
      bump(out.applied, 'parameters');
    }
  }
  placeWaiting(raw, out.applied);
  appendAudit(raw, {
    ...actor,
    at: nowIso,
    action: 'station_apply',
    entity: 'station',
    entityId: pkg.meta.sender,
    summary: `county package ${seq}: ${out.applied.households ?? 0} households replaced by the county's version, ${out.reviews} kept for review`,
  });
  return out;
}
