/**
 * Enrolment (docs/rules/workstations.md "Setup and enrolment", docs/stations.md): the county
 * administrator enrols a township station and hands it a package, encrypted with a passphrase,
 * carrying the per-station secret from which later packages' keys are derived, the county's
 * identity, the office, the township's users, the parameters and the township's slice. Joining
 * from it makes an empty workstation that township's station, in one transaction.
 */
import crypto from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appError } from '../common/errors';
import type { HouseholdData } from '../common/household-file';
import { all, first, qb, run } from '../db/query';
import { checkPassphrase } from '../exchange/package';
import { mustBeStation, newStationId, stationSelf, writeTownshipSelf } from './identity';
import { openStationPackage, RecordWriter, writeStationPackage } from './packages';
import { townshipArea, townshipHouseholds, writerFor } from './slice';

export interface EnrolInput {
  township: string;
  name: string;
  /** Usernames of the county's accounts that work at this township (set up by the county's administrator). */
  users: string[];
  /** Whether the township decides 低保/特困 itself (docs/rules/workstations.md "Delegation"). */
  delegateDecisions?: boolean;
}

export interface EnrolResult {
  stationId: string;
  township: string;
  households: number;
  users: number;
  hash: string;
}

function parameterRecords(raw: BetterSqlite3.Database, out: RecordWriter): void {
  for (const p of all(raw, qb.selectFrom('parameter_values').selectAll().orderBy('id')))
    out.add('parameter', {
      parameterId: p.parameter_id,
      effectiveFrom: p.effective_from,
      urban: p.urban_json,
      rural: p.rural_json,
      note: p.note,
      createdAt: p.created_at,
      createdBy: p.created_by,
    });
}
export { parameterRecords };

/** Adds a parameter row from a package unless the same value for the same date is already here; answers whether it was added. */
export function addParameter(raw: BetterSqlite3.Database, r: Record<string, unknown>): boolean {
  const p = { id: String(r.parameterId), from: String(r.effectiveFrom), urban: String(r.urban), rural: String(r.rural) };
  const same = raw
    .prepare('SELECT 1 FROM parameter_values WHERE parameter_id = ? AND effective_from = ? AND urban_json = ? AND rural_json = ?')
    .get(p.id, p.from, p.urban, p.rural);
  if (same) return false;
  run(
    raw,
    qb.insertInto('parameter_values').values({
      parameter_id: p.id,
      effective_from: p.from,
      urban_json: p.urban,
      rural_json: p.rural,
      note: typeof r.note === 'string' ? r.note : null,
      created_at: String(r.createdAt),
      created_by: String(r.createdBy),
    }),
  );
  return true;
}

/** Writes the enrolment package to `dir` and registers the station (with its sent slice) once the package is whole. */
export async function enrolTownship(
  raw: BetterSqlite3.Database,
  input: EnrolInput,
  dir: string,
  passphrase: string,
  actor: Actor,
  now: Date,
): Promise<EnrolResult> {
  checkPassphrase(passphrase);
  const county = mustBeStation(raw, 'county');
  const township = townshipArea(raw, input.township);
  const stationId = newStationId('township');
  const secret = crypto.randomBytes(32).toString('hex');
  const users = input.users.map((u) => {
    const r = first(raw, qb.selectFrom('users').selectAll().where('username', '=', u).where('active', '=', 1));
    if (!r) throw appError('not_found', `There is no active user ${u}.`, `没有在用的用户 ${u}。`, 'users');
    return r;
  });
  const delegation = { decide: input.delegateDecisions === true };
  const out = new RecordWriter();
  try {
    out.add('station', {
      stationId,
      name: input.name,
      township: township.name,
      countyStationId: county.stationId,
      countyName: county.name,
      secret,
      delegation,
    });
    const office = first(raw, qb.selectFrom('office').selectAll().where('id', '=', 1));
    if (office) out.add('office', { name: office.name, county: office.county, regionCode: office.region_code });
    for (const u of users)
      out.add('user', { username: u.username, displayName: u.display_name, role: u.role, passwordHash: u.password_hash });
    parameterRecords(raw, out);
    const sent: [string, number][] = [];
    for (const h of townshipHouseholds(raw, township.name)) {
      out.add('household', { gid: h.gid, version: h.version, station: h.station, data: h.data });
      sent.push([h.gid, h.version]);
    }
    const meta = { sender: county.stationId, recipient: stationId, seq: 0, prev: null, kind: 'enrol' as const };
    const { hash } = await writeStationPackage(raw, dir, out, meta, passphrase, actor.username, now);
    raw.transaction(() => {
      run(
        raw,
        qb.insertInto('stations').values({
          station_id: stationId,
          name: input.name,
          level: 'township',
          township: township.name,
          secret,
          enrolled_at: now.toISOString(),
          enrolled_by: actor.username,
        }),
      );
      // hot path: bench/stations.ts enrol — one row per household of the slice.
      const mark = raw.prepare('INSERT OR REPLACE INTO station_sent (peer, gid, version) VALUES (?, ?, ?)');
      for (const [gid, v] of sent) mark.run(stationId, gid, v);
      recordPackage(raw, 'out', stationId, 0, 'enrol', hash, out.counts, actor.username, now);
      appendAudit(raw, {
        ...actor,
        at: now.toISOString(),
        action: 'station_enrol',
        entity: 'station',
        entityId: stationId,
        summary: `township station ${input.name} (${township.name}): ${sent.length} households, ${users.length} users`,
        // Who the township's accounts are, never their password hashes; the secret stays out of the log.
        after: { stationId, township: township.name, users: input.users, delegation, package: hash },
      });
    })();
    return { stationId, township: township.name, households: sent.length, users: users.length, hash };
  } finally {
    out.dispose();
  }
}

export function recordPackage(
  raw: BetterSqlite3.Database,
  direction: 'in' | 'out',
  peer: string,
  seq: number,
  kind: string,
  hash: string,
  counts: Record<string, number>,
  by: string,
  now: Date,
): void {
  run(
    raw,
    qb
      .insertInto('station_packages')
      .values({ direction, peer, seq, kind, hash, counts_json: JSON.stringify(counts), at: now.toISOString(), by }),
  );
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Joins from an enrolment package: this workstation must not be a station yet and must hold no household. */
export async function joinStation(
  raw: BetterSqlite3.Database,
  target: string,
  passphrase: string,
  actor: Actor,
  now: Date,
): Promise<{ stationId: string; township: string; households: number; users: number }> {
  const existing = stationSelf(raw);
  if (existing)
    throw appError(
      'station_exists',
      `This workstation is already station ${existing.stationId}.`,
      `本工作站已是工作站 ${existing.stationId}。`,
    );
  if (first(raw, qb.selectFrom('households').select('id').limit(1)))
    throw appError(
      'station_not_empty',
      'A workstation joins as a township station only while its registry is empty.',
      '只有登记库为空的工作站才能加入为乡镇工作站。',
    );
  const pkg = await openStationPackage(target, () => passphrase);
  try {
    if (pkg.meta.kind !== 'enrol') throw appError('package_kind', 'This is not an enrolment package.', '这不是注册数据包。', 'package');
    const w = writerFor(raw);
    const nowIso = now.toISOString();
    return raw.transaction(() => {
      let self: { stationId: string; township: string; countyStationId: string; countyName: string; secret: string; name: string } | null =
        null;
      let delegation = {};
      let households = 0,
        users = 0;
      // hot path: bench/stations.ts enrol — one row per household of the slice.
      const setIds = raw.prepare(
        'UPDATE households SET gid = ?, station_id = ?, version = ?, county_version = ?, synced_version = ? WHERE id = ?',
      );
      for (const r of pkg.records()) {
        if (r.k === 'station') {
          self = {
            stationId: str(r.stationId),
            township: str(r.township),
            countyStationId: str(r.countyStationId),
            countyName: str(r.countyName),
            secret: str(r.secret),
            name: str(r.name),
          };
          delegation = r.delegation ?? {};
          if (self.stationId !== pkg.meta.recipient)
            throw appError(
              'package_tampered',
              'The package names another station inside.',
              '数据包内所写的工作站与其地址不符。',
              'package',
            );
        } else if (r.k === 'office') {
          raw
            .prepare(
              `INSERT INTO office (id, name, county, region_code, created_at) VALUES (1, ?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET name = excluded.name, county = excluded.county, region_code = excluded.region_code`,
            )
            .run(str(r.name), str(r.county), str(r.regionCode), nowIso);
        } else if (r.k === 'user') {
          if (first(raw, qb.selectFrom('users').select('id').where('username', '=', str(r.username)))) continue;
          run(
            raw,
            qb.insertInto('users').values({
              username: str(r.username),
              display_name: str(r.displayName),
              role: r.role === 'manager' || r.role === 'administrator' ? r.role : 'clerk',
              password_hash: str(r.passwordHash),
              active: 1,
              created_at: nowIso,
            }),
          );
          users++;
        } else if (r.k === 'parameter') {
          // Append-only: the county's rows that this store (opened with the shipped defaults) does not hold, in the county's order.
          addParameter(raw, r);
        } else if (r.k === 'household') {
          const version = Number(r.version);
          // Inserted before station_self exists, so the trigger leaves the county's global id to be written here.
          const id = w.insert(r.data as HouseholdData, nowIso); // the county wrote it through the same schema
          setIds.run(str(r.gid), str(r.station), version, version, version, id);
          households++;
        }
      }
      if (!self)
        throw appError('package_tampered', 'The enrolment package has no station record.', '注册数据包缺少工作站记录。', 'package');
      writeTownshipSelf(
        raw,
        { stationId: self.stationId, name: self.name, level: 'township', township: self.township, countyStationId: self.countyStationId },
        now,
      );
      raw.prepare('UPDATE station_self SET delegation_json = ? WHERE id = 1').run(JSON.stringify(delegation));
      run(
        raw,
        qb.insertInto('stations').values({
          station_id: self.countyStationId,
          name: self.countyName,
          level: 'county',
          township: null,
          secret: self.secret,
          enrolled_at: nowIso,
          enrolled_by: actor.username,
        }),
      );
      recordPackage(raw, 'in', self.countyStationId, 0, 'enrol', pkg.hash, pkg.manifest.counts, actor.username, now);
      appendAudit(raw, {
        ...actor,
        at: nowIso,
        action: 'station_join',
        entity: 'station',
        entityId: self.stationId,
        summary: `joined as township station ${self.name} (${self.township}) of ${self.countyStationId}: ${households} households, ${users} users`,
        after: { package: pkg.hash, auditHead: pkg.manifest.meta?.auditHead ?? null },
      });
      return { stationId: self.stationId, township: self.township, households, users };
    })();
  } finally {
    pkg.cleanup();
  }
}
