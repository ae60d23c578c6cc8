/**
 * Service assistance (docs/rules/temporary-service-recovery.md §12): the dated service list, the
 * providers with their townships and yearly contracts, needs assessments on the seven areas,
 * service plans per person, the records providers deliver (each once per provider and record id),
 * and the quarterly satisfaction scores. What the office signs or pays against is append-only.
 */
import { sql, type Kysely } from 'kysely';

const noChange = (table: string) => [
  `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
  `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
];

const AREAS = `'economic','health','education','housing','employment','guardianship','social_integration'`;
const score = (area: string) => `${area} INTEGER NOT NULL CHECK (${area} IN (0, 1, 2))`;

export const SERVICES: readonly string[] = [
  // The list as the county defines it, dated like the parameters: a new price or a withdrawal is a new row (§12.3).
  `CREATE TABLE service_catalogue (
      id INTEGER PRIMARY KEY, code TEXT NOT NULL, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
      area TEXT NOT NULL CHECK (area IN (${AREAS},'any')), unit_zh TEXT NOT NULL, unit_en TEXT NOT NULL,
      unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 0), effective_from TEXT NOT NULL, withdrawn INTEGER DEFAULT 0 NOT NULL,
      note TEXT, created_by TEXT NOT NULL, created_at TEXT NOT NULL
    )`,
  `CREATE INDEX service_catalogue_code ON service_catalogue (code, effective_from, id)`,
  ...noChange('service_catalogue'),
  `CREATE TABLE service_providers (
      id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('social_work_station','social_organisation')), contact TEXT,
      active INTEGER DEFAULT 1 NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL
    )`,
  `CREATE TABLE service_provider_townships (
      provider_id INTEGER NOT NULL REFERENCES service_providers (id), township_id INTEGER NOT NULL REFERENCES areas (id),
      PRIMARY KEY (provider_id, township_id)
    ) WITHOUT ROWID`,
  `CREATE TABLE service_contracts (
      id INTEGER PRIMARY KEY, provider_id INTEGER NOT NULL REFERENCES service_providers (id), year INTEGER NOT NULL, number TEXT NOT NULL,
      budget_fen INTEGER NOT NULL CHECK (budget_fen >= 0), services_json TEXT NOT NULL, signed_on TEXT NOT NULL,
      created_by TEXT NOT NULL, created_at TEXT NOT NULL
    )`,
  `CREATE UNIQUE INDEX service_contracts_year ON service_contracts (provider_id, year)`,
  ...noChange('service_contracts'),
  // Needs assessments (§12.2): one row each, never changed; a review is a new assessment.
  `CREATE TABLE service_assessments (
      id INTEGER PRIMARY KEY, household_id INTEGER NOT NULL REFERENCES households (id), id_number TEXT NOT NULL,
      person_name TEXT NOT NULL, assessed_on TEXT NOT NULL, at_home INTEGER NOT NULL, assessors_json TEXT NOT NULL,
      ${['economic', 'health', 'education', 'housing', 'employment', 'guardianship', 'social_integration'].map(score).join(', ')},
      notes_json TEXT NOT NULL, note TEXT, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL
    )`,
  `CREATE INDEX service_assessments_person ON service_assessments (id_number, assessed_on)`,
  `CREATE INDEX service_assessments_household ON service_assessments (household_id, id)`,
  ...noChange('service_assessments'),
  // Plans (§12.4): a person, a provider, months, and the quantity per month of each service.
  `CREATE TABLE service_plans (
      id INTEGER PRIMARY KEY, household_id INTEGER NOT NULL REFERENCES households (id), id_number TEXT NOT NULL, person_name TEXT NOT NULL,
      assessment_id INTEGER NOT NULL REFERENCES service_assessments (id), provider_id INTEGER NOT NULL REFERENCES service_providers (id),
      start_month TEXT NOT NULL, end_month TEXT NOT NULL, note TEXT, created_by TEXT NOT NULL, created_at TEXT NOT NULL,
      CHECK (start_month <= end_month)
    )`,
  `CREATE INDEX service_plans_person ON service_plans (id_number, start_month)`,
  `CREATE INDEX service_plans_household ON service_plans (household_id, id)`,
  `CREATE INDEX service_plans_provider ON service_plans (provider_id, start_month)`,
  ...noChange('service_plans'),
  `CREATE TABLE service_plan_items (
      plan_id INTEGER NOT NULL REFERENCES service_plans (id), service_code TEXT NOT NULL,
      monthly_quantity INTEGER NOT NULL CHECK (monthly_quantity > 0), PRIMARY KEY (plan_id, service_code)
    ) WITHOUT ROWID`,
  ...noChange('service_plan_items'),
  // What providers delivered, accepted under §12.4's refusals: a provider's record id once only.
  `CREATE TABLE service_records (
      id INTEGER PRIMARY KEY, provider_id INTEGER NOT NULL REFERENCES service_providers (id), record_key TEXT NOT NULL,
      plan_id INTEGER NOT NULL REFERENCES service_plans (id), household_id INTEGER NOT NULL, id_number TEXT NOT NULL,
      service_code TEXT NOT NULL, service_date TEXT NOT NULL, month TEXT NOT NULL, quantity INTEGER NOT NULL CHECK (quantity > 0),
      unit_price_fen INTEGER NOT NULL, cost_fen INTEGER NOT NULL, contract_id INTEGER NOT NULL REFERENCES service_contracts (id),
      staff TEXT, note TEXT, source TEXT NOT NULL CHECK (source IN ('import','manual')), import_id INTEGER, import_row INTEGER,
      recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL
    )`,
  `CREATE UNIQUE INDEX service_records_key ON service_records (provider_id, record_key)`,
  `CREATE INDEX service_records_person ON service_records (id_number, service_code, month)`,
  `CREATE INDEX service_records_provider_month ON service_records (provider_id, month)`,
  `CREATE INDEX service_records_plan ON service_records (plan_id, month)`,
  ...noChange('service_records'),
  // Satisfaction 1–5 per person, provider and quarter, from a visit; a later score for the same quarter supersedes.
  `CREATE TABLE service_satisfaction (
      id INTEGER PRIMARY KEY, household_id INTEGER NOT NULL REFERENCES households (id), id_number TEXT NOT NULL,
      provider_id INTEGER NOT NULL REFERENCES service_providers (id), quarter TEXT NOT NULL, score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
      visit_date TEXT NOT NULL, visitor TEXT NOT NULL, note TEXT, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL
    )`,
  `CREATE INDEX service_satisfaction_provider ON service_satisfaction (provider_id, quarter, id_number, id)`,
  ...noChange('service_satisfaction'),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of SERVICES) await sql.raw(statement).execute(db);
}
