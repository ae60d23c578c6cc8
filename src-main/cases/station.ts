/**
 * Where a stage is recorded (docs/rules/workstations.md, "Stations"). On a station (src-main/stations/identity.ts) it is that
 * station — its id, level and township — and the rows travel in its packages (docs/stations.md "Cases in packages"); an office
 * without stations records every stage on its one workstation, which acts at both levels and names the level of each stage.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { first, qb } from '../db/query';
import { stationSelf } from '../stations/identity';

export type Level = 'township' | 'county';

export interface StationInfo {
  /** The station's id as packages will name it. */
  id: string;
  level: Level;
  /** The township a township station serves (areas.id); null at the county. */
  townshipId: number | null;
}

/** The one station of an office without the stations work: the county's, recording township stages on their behalf. */
export const LOCAL_STATION: StationInfo = { id: 'local', level: 'county', townshipId: null };

/** This workstation as the place stages are recorded: its station once it is one, else LOCAL_STATION. */
export function stationHere(raw: BetterSqlite3.Database): StationInfo {
  const self = stationSelf(raw);
  if (!self) return LOCAL_STATION;
  if (self.level === 'county') return { id: self.stationId, level: 'county', townshipId: null };
  const t = self.township
    ? first(raw, qb.selectFrom('areas').select('id').where('level', '=', 'township').where('name', '=', self.township))
    : undefined;
  return { id: self.stationId, level: 'township', townshipId: t?.id ?? null };
}

/** A township station may record only township-level stages of its own township (checked before a write). */
export function mayRecord(station: StationInfo, level: Level, townshipId: number): boolean {
  if (station.level === 'county') return true;
  return level === 'township' && station.townshipId === townshipId;
}
