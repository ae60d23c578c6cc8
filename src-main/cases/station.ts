/**
 * Where a stage is recorded (docs/rules/workstations.md, "Stations"). The stations work (enrolment, packages) is built
 * apart; until it lands every stage is recorded on this one station, which acts at both levels and names the level of
 * each stage it records, so the rows can travel upward unchanged once packages exist.
 */
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

/** A township station may record only township-level stages of its own township (checked before a write). */
export function mayRecord(station: StationInfo, level: Level, townshipId: number): boolean {
  if (station.level === 'county') return true;
  return level === 'township' && station.townshipId === townshipId;
}
