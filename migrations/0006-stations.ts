/**
 * Stations (docs/rules/workstations.md, docs/stations.md): this workstation's identity, the
 * stations it exchanges packages with, the packages in and out (sequence and hash chain),
 * conflicts kept with both versions, the decisions a township received, and per-household
 * global ids with the station that last changed them and the versions a township copy is based on.
 */
import { sql, type Kysely } from 'kysely';

export const STATIONS: readonly string[] = [
  `CREATE TABLE station_self (
      id INTEGER PRIMARY KEY CHECK (id = 1), station_id TEXT NOT NULL, name TEXT NOT NULL,
      level TEXT NOT NULL CHECK (level IN ('county','township')), township TEXT, county_station_id TEXT,
      delegation_json TEXT DEFAULT '{}' NOT NULL, created_at TEXT NOT NULL
    )`,
  `CREATE TABLE stations (
      station_id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, level TEXT NOT NULL CHECK (level IN ('county','township')),
      township TEXT, secret TEXT NOT NULL, sent_decision_id INTEGER DEFAULT 0 NOT NULL, enrolled_at TEXT NOT NULL, enrolled_by TEXT NOT NULL
    )`,
  `CREATE TABLE station_packages (
      id INTEGER PRIMARY KEY, direction TEXT NOT NULL CHECK (direction IN ('in','out')), peer TEXT NOT NULL, seq INTEGER NOT NULL,
      kind TEXT NOT NULL, hash TEXT NOT NULL, counts_json TEXT NOT NULL, at TEXT NOT NULL, by TEXT NOT NULL
    )`,
  `CREATE UNIQUE INDEX station_packages_seq ON station_packages (direction, peer, seq)`,
  `CREATE TABLE station_sent (peer TEXT NOT NULL, gid TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (peer, gid)) WITHOUT ROWID`,
  `CREATE TABLE station_conflicts (
      id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('household','duplicate_person','review')),
      household_gid TEXT NOT NULL, household_id INTEGER, other_household_id INTEGER, person_id_number TEXT,
      station TEXT NOT NULL, package_seq INTEGER NOT NULL, base_version INTEGER, local_version INTEGER,
      local_json TEXT, remote_json TEXT NOT NULL, status TEXT DEFAULT 'open' NOT NULL CHECK (status IN ('open','resolved')),
      resolution TEXT, resolved_by TEXT, resolved_at TEXT, created_at TEXT NOT NULL
    )`,
  `CREATE INDEX station_conflicts_open ON station_conflicts (status, id)`,
  `CREATE TABLE station_decisions (
      gid TEXT PRIMARY KEY NOT NULL, household_gid TEXT NOT NULL, tier TEXT NOT NULL, monthly_benefit_fen INTEGER NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN ('approved','rejected')), reason TEXT NOT NULL, effective_month TEXT,
      proposed_by TEXT NOT NULL, decided_by TEXT NOT NULL, decided_at TEXT NOT NULL, received_seq INTEGER NOT NULL
    )`,
  `ALTER TABLE households ADD COLUMN gid TEXT`,
  `ALTER TABLE households ADD COLUMN station_id TEXT`,
  `ALTER TABLE households ADD COLUMN county_version INTEGER`,
  `ALTER TABLE households ADD COLUMN synced_version INTEGER`,
  `CREATE UNIQUE INDEX households_gid ON households (gid) WHERE gid IS NOT NULL`,
  // A household made at a station gets its global id at once (station id, colon, local id): ids made at two stations never collide.
  `CREATE TRIGGER households_gid_ins AFTER INSERT ON households WHEN NEW.gid IS NULL AND EXISTS (SELECT 1 FROM station_self) BEGIN
      UPDATE households SET gid = (SELECT station_id FROM station_self) || ':' || NEW.id, station_id = (SELECT station_id FROM station_self)
      WHERE id = NEW.id; END`,
  // Every new version names the station that wrote it; an import that applies another station's version overwrites this after.
  `CREATE TRIGGER households_station_upd AFTER UPDATE OF version ON households WHEN EXISTS (SELECT 1 FROM station_self) BEGIN
      UPDATE households SET station_id = (SELECT station_id FROM station_self) WHERE id = NEW.id; END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of STATIONS) await sql.raw(s).execute(db);
}
