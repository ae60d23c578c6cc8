/**
 * Applications travel between stations (docs/stations.md "Cases in packages"): a case and each of its stages get a global id
 * (`<station id>:c<id>`, `<station id>:e<id>`) by a trigger when made at a station, as households do; the append-only rule
 * of both tables keeps every column but the global id, which is written once. Each station row remembers the last case and
 * stage sent to that peer; a case or stage whose household (or case) is held by an open conflict waits in `station_waiting`.
 */
import { sql, type Kysely } from 'kysely';

const CASE_COLUMNS =
  'id, household_id, township_id, tier_applied, received_on, relative_of_staff, relative_note, station, level, recorded_by, recorded_at';
const EVENT_COLUMNS = 'id, case_id, kind, on_date, level, station, detail_json, recorded_by, recorded_at';

const gidTriggers = (t: string, columns: string, tag: string) => [
  `DROP TRIGGER ${t}_no_update`,
  `CREATE TRIGGER ${t}_no_update BEFORE UPDATE OF ${columns} ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END`,
  `CREATE TRIGGER ${t}_gid_once BEFORE UPDATE OF gid ON ${t} WHEN OLD.gid IS NOT NULL BEGIN
      SELECT RAISE(ABORT, '${t} is append-only'); END`,
  `ALTER TABLE ${t} ADD COLUMN gid TEXT`,
  `CREATE UNIQUE INDEX ${t}_gid ON ${t} (gid) WHERE gid IS NOT NULL`,
  // Made at a station: its global id at once. A row received from another station arrives with its own.
  `CREATE TRIGGER ${t}_gid_ins AFTER INSERT ON ${t} WHEN NEW.gid IS NULL AND EXISTS (SELECT 1 FROM station_self) BEGIN
      UPDATE ${t} SET gid = (SELECT station_id FROM station_self) || ':${tag}' || NEW.id WHERE id = NEW.id; END`,
  // A workstation that was already a station names the rows it made before.
  `UPDATE ${t} SET gid = (SELECT station_id FROM station_self) || ':${tag}' || id WHERE gid IS NULL AND EXISTS (SELECT 1 FROM station_self)`,
];

export const CASE_TRAVEL: readonly string[] = [
  ...gidTriggers('cases', CASE_COLUMNS, 'c'),
  ...gidTriggers('case_events', EVENT_COLUMNS, 'e'),
  `ALTER TABLE stations ADD COLUMN sent_case_id INTEGER DEFAULT 0 NOT NULL`,
  `ALTER TABLE stations ADD COLUMN sent_case_event_id INTEGER DEFAULT 0 NOT NULL`,
  `CREATE TABLE station_waiting (
      id INTEGER PRIMARY KEY, peer TEXT NOT NULL, household_gid TEXT NOT NULL, record_json TEXT NOT NULL,
      package_seq INTEGER NOT NULL, created_at TEXT NOT NULL
    )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of CASE_TRAVEL) await sql.raw(s).execute(db);
}
