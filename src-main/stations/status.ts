/** What the Stations page shows (docs/stations.md): this station, its peers with the last package each way, conflicts waiting, what is unsent. */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { all, first, qb } from '../db/query';
import { stationSelf, type StationSelf } from './identity';
import { pendingUp } from './sync-export';

export interface PeerStatus {
  stationId: string;
  name: string;
  level: 'county' | 'township';
  township: string | null;
  enrolledAt: string;
  lastIn: { seq: number; at: string } | null;
  lastOut: { seq: number; at: string } | null;
  openConflicts: number;
}

export interface StationStatus {
  self: StationSelf | null;
  peers: PeerStatus[];
  openConflicts: number;
  unsent: number;
  decisions: { householdGid: string; tier: string; monthlyBenefitFen: number; decision: 'approved' | 'rejected'; decidedAt: string }[];
}

function last(raw: BetterSqlite3.Database, direction: 'in' | 'out', peer: string) {
  return (
    first(
      raw,
      qb
        .selectFrom('station_packages')
        .select(['seq', 'at'])
        .where('direction', '=', direction)
        .where('peer', '=', peer)
        .orderBy('seq', 'desc')
        .limit(1),
    ) ?? null
  );
}

export function stationStatus(raw: BetterSqlite3.Database): StationStatus {
  const self = stationSelf(raw);
  const peers = all(
    raw,
    qb.selectFrom('stations').select(['station_id', 'name', 'level', 'township', 'enrolled_at']).orderBy('enrolled_at'),
  ).map((p) => ({
    stationId: p.station_id,
    name: p.name,
    level: p.level,
    township: p.township,
    enrolledAt: p.enrolled_at,
    lastIn: last(raw, 'in', p.station_id),
    lastOut: last(raw, 'out', p.station_id),
    openConflicts: Number(
      first(
        raw,
        qb
          .selectFrom('station_conflicts')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('station', '=', p.station_id)
          .where('status', '=', 'open'),
      )?.n ?? 0,
    ),
  }));
  const openConflicts = Number(
    first(
      raw,
      qb
        .selectFrom('station_conflicts')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'open'),
    )?.n ?? 0,
  );
  const decisions = all(
    raw,
    qb
      .selectFrom('station_decisions')
      .select(['household_gid as householdGid', 'tier', 'monthly_benefit_fen as monthlyBenefitFen', 'decision', 'decided_at as decidedAt'])
      .orderBy('decided_at', 'desc')
      .limit(200),
  );
  return { self, peers, openConflicts, unsent: self?.level === 'township' ? pendingUp(raw).length : 0, decisions };
}
