/**
 * Scenario runs (docs/rules/assistance.md §9: what a new parameter would do before it is
 * adopted): the run with its parameters and the registry state it read, the households it
 * changes, and the two steps of its adoption. A finished run is immutable (triggers); a
 * cancelled or failed run's rows are removed by the runner while it is still marked running.
 */
import { sql, type Kysely } from 'kysely';

export const STATEMENTS: readonly string[] = [
  `CREATE TABLE scenario_runs (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL, mode TEXT NOT NULL CHECK (mode IN ('run','budget')), effective_from TEXT NOT NULL,
      changes_json TEXT NOT NULL, before_set TEXT NOT NULL, after_json TEXT NOT NULL, budget_fen INTEGER, solve_json TEXT,
      evaluations INTEGER DEFAULT 0 NOT NULL, status TEXT NOT NULL CHECK (status IN ('running','done','cancelled','failed')),
      households INTEGER DEFAULT 0 NOT NULL, summary_json TEXT, error TEXT, audit_seq INTEGER NOT NULL, registry_epoch INTEGER NOT NULL,
      started_by TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT
    )`,
  `CREATE TRIGGER scenario_runs_frozen BEFORE UPDATE ON scenario_runs WHEN OLD.status <> 'running' BEGIN
      SELECT RAISE(ABORT, 'a finished scenario run is immutable'); END`,
  `CREATE TRIGGER scenario_runs_no_delete BEFORE DELETE ON scenario_runs BEGIN SELECT RAISE(ABORT, 'scenario_runs is append-only'); END`,
  `CREATE TABLE scenario_results (
      id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES scenario_runs (id), household_id INTEGER NOT NULL REFERENCES households (id),
      area_id INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('newly_eligible','tier_up','tier_down','benefit_changed','no_longer_eligible')),
      before_tier TEXT NOT NULL, after_tier TEXT NOT NULL, before_fen INTEGER NOT NULL, after_fen INTEGER NOT NULL,
      persons INTEGER NOT NULL, gradual_exit INTEGER DEFAULT 0 NOT NULL CHECK (gradual_exit IN (-1, 0, 1)), reasons_json TEXT NOT NULL
    )`,
  `CREATE INDEX scenario_results_run_kind ON scenario_results (run_id, kind, id)`,
  `CREATE INDEX scenario_results_run_area ON scenario_results (run_id, area_id)`,
  `CREATE TRIGGER scenario_results_frozen BEFORE DELETE ON scenario_results
      WHEN (SELECT status FROM scenario_runs WHERE id = OLD.run_id) = 'done' BEGIN
      SELECT RAISE(ABORT, 'a finished scenario run is immutable'); END`,
  `CREATE TRIGGER scenario_results_no_update BEFORE UPDATE ON scenario_results BEGIN
      SELECT RAISE(ABORT, 'scenario_results is append-only'); END`,
  `CREATE TABLE scenario_adoptions (
      id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES scenario_runs (id),
      step TEXT NOT NULL CHECK (step IN ('asked','confirmed')), username TEXT NOT NULL, at TEXT NOT NULL, note TEXT
    )`,
  `CREATE INDEX scenario_adoptions_run ON scenario_adoptions (run_id, id)`,
  `CREATE TRIGGER scenario_adoptions_no_update BEFORE UPDATE ON scenario_adoptions BEGIN
      SELECT RAISE(ABORT, 'scenario_adoptions is append-only'); END`,
  `CREATE TRIGGER scenario_adoptions_no_delete BEFORE DELETE ON scenario_adoptions BEGIN
      SELECT RAISE(ABORT, 'scenario_adoptions is append-only'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of STATEMENTS) await sql.raw(s).execute(db);
}
