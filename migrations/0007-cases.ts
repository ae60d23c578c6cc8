/**
 * Applications on the clock (docs/rules/workstations.md, "Delegation, time limits and checks"): a case per application with
 * its stages as append-only rows — each naming the station and level that recorded it, so they can travel in packages later —
 * the county's dated delegation settings, and the monthly spot-check draws with their results.
 */
import { sql, type Kysely } from 'kysely';

const appendOnly = (t: string) => [
  `CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END`,
  `CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END`,
];

export const CASES: readonly string[] = [
  `CREATE TABLE cases (
      id INTEGER PRIMARY KEY, household_id INTEGER NOT NULL REFERENCES households (id), township_id INTEGER NOT NULL REFERENCES areas (id),
      tier_applied TEXT NOT NULL CHECK (tier_applied IN ('tekun','dibao','marginal')), received_on TEXT NOT NULL,
      relative_of_staff INTEGER DEFAULT 0 NOT NULL, relative_note TEXT, station TEXT NOT NULL,
      level TEXT NOT NULL CHECK (level IN ('township','county')), recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL
    )`,
  `CREATE INDEX cases_township ON cases (township_id, id)`,
  `CREATE INDEX cases_household ON cases (household_id, id)`,
  ...appendOnly('cases'),
  `CREATE TABLE case_events (
      id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases (id),
      kind TEXT NOT NULL CHECK (kind IN ('investigation_started','home_visit','investigated','check_started','publicity','objection',
        'appraisal','extended','decided','refused','withdrawn')),
      on_date TEXT NOT NULL, level TEXT NOT NULL CHECK (level IN ('township','county')), station TEXT NOT NULL,
      detail_json TEXT DEFAULT '{}' NOT NULL, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL
    )`,
  `CREATE INDEX case_events_case ON case_events (case_id, id)`,
  ...appendOnly('case_events'),
  `CREATE TABLE case_delegation (
      id INTEGER PRIMARY KEY, effective_from TEXT NOT NULL, townships_decide_dibao INTEGER NOT NULL, townships_decide_tekun INTEGER NOT NULL,
      temporary_band_fen INTEGER NOT NULL CHECK (temporary_band_fen >= 0), recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL
    )`,
  ...appendOnly('case_delegation'),
  `CREATE TABLE spot_check_draws (
      id INTEGER PRIMARY KEY, month TEXT NOT NULL UNIQUE, seed INTEGER NOT NULL, percent INTEGER NOT NULL, population INTEGER NOT NULL,
      drawn_by TEXT NOT NULL, drawn_at TEXT NOT NULL
    )`,
  ...appendOnly('spot_check_draws'),
  `CREATE TABLE spot_check_items (
      id INTEGER PRIMARY KEY, draw_id INTEGER NOT NULL REFERENCES spot_check_draws (id), position INTEGER NOT NULL,
      case_id INTEGER NOT NULL REFERENCES cases (id), UNIQUE (draw_id, position)
    )`,
  ...appendOnly('spot_check_items'),
  `CREATE TABLE spot_check_results (
      id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL UNIQUE REFERENCES spot_check_items (id), visited_on TEXT NOT NULL,
      staff_json TEXT NOT NULL, outcome TEXT NOT NULL CHECK (outcome IN ('confirmed','finding')), note TEXT NOT NULL,
      warning_id INTEGER, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL
    )`,
  ...appendOnly('spot_check_results'),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of CASES) await sql.raw(statement).execute(db);
}
