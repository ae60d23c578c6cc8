/**
 * Temporary assistance (docs/rules/temporary-service-recovery.md §11): cases as requested, the
 * decisions on them, one-off payments (in stages) in the month they are paid, the paperwork of
 * 先行救助, the townships' standby funds and the dated figures of §11.2–§11.4. Every table is
 * append-only (a correction is a new row); a payment into a closed month, or one the standby fund
 * cannot cover, is refused by the database itself as well as by src-main/temporary/.
 */
import { sql, type Kysely } from 'kysely';

const appendOnly = (table: string) => [
  `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
  `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
];

export const TEMPORARY_TABLES: readonly string[] = [
  `CREATE TABLE temporary_parameter_values (
      id INTEGER PRIMARY KEY, parameter_id TEXT NOT NULL, effective_from TEXT NOT NULL, value REAL NOT NULL, note TEXT,
      created_at TEXT NOT NULL, created_by TEXT NOT NULL
    )`,
  ...appendOnly('temporary_parameter_values'),
  `CREATE TABLE temporary_cases (
      id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, year INTEGER NOT NULL, seq INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('emergency','expenditure')),
      track TEXT NOT NULL CHECK (track IN ('quick','assist_first','ordinary')),
      reason TEXT NOT NULL CHECK (reason IN ('fire','disaster','accident','sudden_illness','other_emergency','medical','education',
        'other_essential')),
      event_id TEXT NOT NULL, event_date TEXT NOT NULL, requested_on TEXT NOT NULL,
      household_id INTEGER REFERENCES households (id), id_number TEXT NOT NULL, person_name TEXT NOT NULL, hukou_place TEXT, phone TEXT,
      residence TEXT NOT NULL CHECK (residence IN ('urban','rural')), township_id INTEGER NOT NULL REFERENCES areas (id),
      area_id INTEGER REFERENCES areas (id), tier TEXT, description TEXT,
      spending_fen INTEGER, receipts_fen INTEGER, requested_fen INTEGER, standard_fen INTEGER NOT NULL, computed_fen INTEGER,
      cap_fen INTEGER NOT NULL, proposed_fen INTEGER NOT NULL CHECK (proposed_fen > 0),
      band TEXT NOT NULL CHECK (band IN ('quick','township','county','case_by_case')), case_by_case INTEGER NOT NULL,
      earlier_case_id INTEGER REFERENCES temporary_cases (id), warning_id INTEGER REFERENCES warnings (id),
      paid_from TEXT NOT NULL CHECK (paid_from IN ('standby_fund','county')), assessment_json TEXT NOT NULL,
      created_by_id INTEGER, created_by TEXT NOT NULL, created_at TEXT NOT NULL,
      UNIQUE (year, seq), CHECK ((household_id IS NULL) = (hukou_place IS NOT NULL))
    )`,
  `CREATE INDEX temporary_cases_household ON temporary_cases (household_id, reason, event_date)`,
  `CREATE INDEX temporary_cases_person ON temporary_cases (id_number, reason, event_date)`,
  `CREATE INDEX temporary_cases_event ON temporary_cases (event_id)`,
  `CREATE INDEX temporary_cases_township ON temporary_cases (township_id, requested_on)`,
  ...appendOnly('temporary_cases'),
  `CREATE TABLE temporary_decisions (
      id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES temporary_cases (id),
      step TEXT NOT NULL CHECK (step IN ('approve','confirm','refuse')), amount_fen INTEGER,
      band TEXT NOT NULL CHECK (band IN ('quick','township','county','case_by_case')),
      level TEXT DEFAULT 'county' NOT NULL CHECK (level IN ('county','township')), reason TEXT NOT NULL, user_id INTEGER,
      username TEXT NOT NULL, role TEXT NOT NULL, decided_at TEXT NOT NULL
    )`,
  `CREATE INDEX temporary_decisions_case ON temporary_decisions (case_id, id)`,
  ...appendOnly('temporary_decisions'),
  `CREATE TABLE temporary_payments (
      id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES temporary_cases (id), stage INTEGER NOT NULL, paid_on TEXT NOT NULL,
      month TEXT NOT NULL, amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
      paid_from TEXT NOT NULL CHECK (paid_from IN ('standby_fund','county')), township_id INTEGER NOT NULL REFERENCES areas (id),
      recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL, UNIQUE (case_id, stage)
    )`,
  `CREATE INDEX temporary_payments_month ON temporary_payments (month, township_id)`,
  // docs/rules/temporary-service-recovery.md §11.5: closing the month locks its one-off payments.
  `CREATE TRIGGER temporary_payments_closed_month BEFORE INSERT ON temporary_payments WHEN NEW.month <= (SELECT max(month) FROM
      payment_months) BEGIN SELECT RAISE(ABORT, 'the month of this payment is closed'); END`,
  ...appendOnly('temporary_payments'),
  `CREATE TABLE temporary_paperwork (
      id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES temporary_cases (id), verified_on TEXT, visited_on TEXT,
      visit_staff_json TEXT DEFAULT '[]' NOT NULL, publicity_from TEXT, note TEXT NOT NULL, recorded_by TEXT NOT NULL,
      recorded_at TEXT NOT NULL
    )`,
  `CREATE INDEX temporary_paperwork_case ON temporary_paperwork (case_id, id)`,
  ...appendOnly('temporary_paperwork'),
  `CREATE TABLE temporary_fund_entries (
      id INTEGER PRIMARY KEY, township_id INTEGER NOT NULL REFERENCES areas (id), year INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('allocation','top_up','payment')), amount_fen INTEGER NOT NULL, on_date TEXT NOT NULL,
      case_id INTEGER REFERENCES temporary_cases (id), payment_id INTEGER REFERENCES temporary_payments (id), note TEXT,
      recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
      CHECK ((kind = 'payment') = (amount_fen < 0))
    )`,
  `CREATE INDEX temporary_fund_township ON temporary_fund_entries (township_id, year, id)`,
  `CREATE UNIQUE INDEX temporary_fund_allocation ON temporary_fund_entries (township_id, year) WHERE kind = 'allocation'`,
  // §11.4: a payment larger than the balance is refused.
  `CREATE TRIGGER temporary_fund_balance BEFORE INSERT ON temporary_fund_entries WHEN NEW.amount_fen < 0 AND (SELECT
      coalesce(sum(amount_fen), 0) FROM temporary_fund_entries WHERE township_id = NEW.township_id AND year = NEW.year) +
      NEW.amount_fen < 0 BEGIN SELECT RAISE(ABORT, 'the standby fund cannot cover this payment'); END`,
  ...appendOnly('temporary_fund_entries'),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of TEMPORARY_TABLES) await sql.raw(statement).execute(db);
}
