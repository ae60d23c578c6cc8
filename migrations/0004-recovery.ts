/**
 * Recovery of overpaid benefits (docs/rules/temporary-service-recovery.md §13): facts with a past
 * date found later (a death from the public-security file, income or assets, a member moved away),
 * the determination each fact was proposed with, the cases opened when such a determination ends
 * or lowers a benefit — their overpaid months, repayments, waivers and deductions. All append-only.
 */
import { sql, type Kysely } from 'kysely';

const noChange = (table: string) => [
  `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
  `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
];

export const RECOVERY: readonly string[] = [
  `CREATE TABLE recovery_facts (
      id INTEGER PRIMARY KEY, household_id INTEGER NOT NULL REFERENCES households (id), id_number TEXT, person_name TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('death','income','assets','moved_away')), fact_date TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('import','manual')), import_id INTEGER, evidence TEXT NOT NULL,
      recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL
    )`,
  `CREATE UNIQUE INDEX recovery_facts_once ON recovery_facts (household_id, kind, COALESCE(id_number, ''), fact_date)`,
  ...noChange('recovery_facts'),
  `CREATE TABLE recovery_fact_links (
      determination_id INTEGER PRIMARY KEY REFERENCES determinations (id), fact_id INTEGER NOT NULL REFERENCES recovery_facts (id)
    )`,
  `CREATE INDEX recovery_fact_links_fact ON recovery_fact_links (fact_id)`,
  ...noChange('recovery_fact_links'),
  `CREATE TABLE recovery_cases (
      id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, year INTEGER NOT NULL, seq INTEGER NOT NULL,
      household_id INTEGER NOT NULL REFERENCES households (id), determination_id INTEGER NOT NULL UNIQUE REFERENCES determinations (id),
      fact_id INTEGER NOT NULL REFERENCES recovery_facts (id), liable_kind TEXT NOT NULL CHECK (liable_kind IN ('head','estate')),
      liable_name TEXT NOT NULL, liable_id_number TEXT, basis TEXT NOT NULL, new_benefit_fen INTEGER NOT NULL,
      opened_by TEXT NOT NULL, opened_at TEXT NOT NULL
    )`,
  `CREATE UNIQUE INDEX recovery_cases_year_seq ON recovery_cases (year, seq)`,
  `CREATE INDEX recovery_cases_household ON recovery_cases (household_id, id)`,
  ...noChange('recovery_cases'),
  // One row per overpaid month: what was paid for it, what the new determination pays, the difference.
  `CREATE TABLE recovery_months (
      case_id INTEGER NOT NULL REFERENCES recovery_cases (id), month TEXT NOT NULL, paid_fen INTEGER NOT NULL, due_fen INTEGER NOT NULL,
      overpaid_fen INTEGER NOT NULL CHECK (overpaid_fen > 0), added_by TEXT NOT NULL, added_at TEXT NOT NULL, PRIMARY KEY (case_id, month)
    ) WITHOUT ROWID`,
  ...noChange('recovery_months'),
  // Repayments (with their date), a manager's waivers (with the reason) and deduction decisions (month by month).
  `CREATE TABLE recovery_entries (
      id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES recovery_cases (id),
      kind TEXT NOT NULL CHECK (kind IN ('repayment','waiver','deduction')), on_date TEXT NOT NULL, month TEXT,
      amount_fen INTEGER NOT NULL CHECK (amount_fen > 0), reason TEXT NOT NULL, adjustment_id INTEGER REFERENCES payment_adjustments (id),
      recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL
    )`,
  `CREATE INDEX recovery_entries_case ON recovery_entries (case_id, id)`,
  ...noChange('recovery_entries'),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of RECOVERY) await sql.raw(statement).execute(db);
}
