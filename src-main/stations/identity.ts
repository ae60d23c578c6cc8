/**
 * This workstation as a station (docs/rules/workstations.md "Stations", docs/stations.md): its id,
 * name, level and township; the stations it exchanges packages with and their shared secrets;
 * and who may do what at each level, checked by the service like roles.
 */
import crypto from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appError } from '../common/errors';
import { first, qb, run } from '../db/query';

export type StationLevel = 'county' | 'township';

export interface StationSelf {
  stationId: string;
  name: string;
  level: StationLevel;
  township: string | null;
  countyStationId: string | null;
}

export function stationSelf(raw: BetterSqlite3.Database): StationSelf | null {
  const r = first(raw, qb.selectFrom('station_self').selectAll().where('id', '=', 1));
  if (!r) return null;
  return { stationId: r.station_id, name: r.name, level: r.level, township: r.township, countyStationId: r.county_station_id };
}

export function mustBeStation(raw: BetterSqlite3.Database, level?: StationLevel): StationSelf {
  const s = stationSelf(raw);
  if (!s)
    throw appError(
      'station_not_enrolled',
      'This workstation is not a station: set it up as the county station, or join from an enrolment package.',
      '本工作站尚未设为工作站：请设为县级工作站，或用注册数据包加入。',
    );
  if (level && s.level !== level)
    throw appError(
      'station_level',
      `Only a ${level} station may do this; this one is a ${s.level} station.`,
      `只有${level === 'county' ? '县级' : '乡镇'}工作站可执行此操作；本工作站是${s.level === 'county' ? '县级' : '乡镇'}工作站。`,
    );
  return s;
}

/** A station id: short, random, readable on a form (`CS-…` for the county, `TS-…` for a township). */
export function newStationId(level: StationLevel): string {
  return `${level === 'county' ? 'CS' : 'TS'}-${crypto.randomBytes(5).toString('hex').toUpperCase()}`;
}

/** Households (and cases) made before this became a station get their global ids now (the trigger gives later ones theirs). */
function assignGlobalIds(raw: BetterSqlite3.Database, stationId: string): void {
  raw.prepare(`UPDATE households SET gid = ? || ':' || id, station_id = ? WHERE gid IS NULL`).run(stationId, stationId);
  // Applications and their stages the same way (migration 0010-case-travel: the gid is the one column written once).
  raw.prepare(`UPDATE cases SET gid = ? || ':c' || id WHERE gid IS NULL`).run(stationId);
  raw.prepare(`UPDATE case_events SET gid = ? || ':e' || id WHERE gid IS NULL`).run(stationId);
}

/** Makes this workstation the county station (one per county: docs/rules/workstations.md "Stations"). */
export function setupCountyStation(raw: BetterSqlite3.Database, name: string, actor: Actor, now: Date): StationSelf {
  return raw.transaction(() => {
    const s = stationSelf(raw);
    if (s) throw appError('station_exists', `This workstation is already station ${s.stationId}.`, `本工作站已是工作站 ${s.stationId}。`);
    const stationId = newStationId('county');
    run(
      raw,
      qb.insertInto('station_self').values({
        id: 1,
        station_id: stationId,
        name,
        level: 'county',
        township: null,
        county_station_id: null,
        created_at: now.toISOString(),
      }),
    );
    assignGlobalIds(raw, stationId);
    appendAudit(raw, {
      ...actor,
      at: now.toISOString(),
      action: 'station_setup',
      entity: 'station',
      entityId: stationId,
      summary: `county station ${name}`,
    });
    return stationSelf(raw)!;
  })();
}

/** Written at a township when it joins (./enrol.ts). */
export function writeTownshipSelf(raw: BetterSqlite3.Database, s: StationSelf, now: Date): void {
  run(
    raw,
    qb.insertInto('station_self').values({
      id: 1,
      station_id: s.stationId,
      name: s.name,
      level: 'township',
      township: s.township,
      county_station_id: s.countyStationId,
      created_at: now.toISOString(),
    }),
  );
}

export function peerSecret(raw: BetterSqlite3.Database, peer: string): string {
  const r = first(raw, qb.selectFrom('stations').select('secret').where('station_id', '=', peer));
  if (!r) throw appError('station_not_enrolled', `Station ${peer} is not enrolled here.`, `工作站 ${peer} 未在此注册。`, 'station');
  return r.secret;
}

/**
 * A package's key (as the passphrase of the package format) from the per-station secret, the
 * addresses and the sequence: no package carries its own key, and none opens under another's.
 */
export function packagePassphrase(secret: string, sender: string, recipient: string, seq: number): string {
  return crypto
    .createHmac('sha256', Buffer.from(secret, 'hex'))
    .update(`safetynet-station-package|${sender}|${recipient}|${seq}`)
    .digest('hex');
}
