/**
 * Scenario adoption moves onto the two-person requests (`scenario.adopt`, src-main/auth/request-kinds.ts):
 * the scenario's own ask/confirm table goes (the product had not shipped; the parameter values an
 * adoption added stay in the parameter store, audited). Drafts arrive: a scenario named and
 * written down but not yet run, as the demo county seeds them (docs/rules/assistance.md §9).
 */
import { sql, type Kysely } from 'kysely';

export const STATEMENTS: readonly string[] = [
  `DROP TABLE scenario_adoptions`,
  `CREATE TABLE scenario_drafts (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL, effective_from TEXT NOT NULL, changes_json TEXT NOT NULL,
      created_by TEXT NOT NULL, created_at TEXT NOT NULL
    )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of STATEMENTS) await sql.raw(s).execute(db);
}
