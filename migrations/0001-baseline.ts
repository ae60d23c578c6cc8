/**
 * The schema as the product first ships it, in one step: every table, index and trigger, in
 * the order they stand in the database. Until the product ships, changes are folded in here;
 * from then on each change is a migration of its own after this one (0002-…), with a test that
 * migrates to the one before, seeds, migrates and asserts (tests/integration/db/step.ts).
 */
import { sql, type Kysely } from 'kysely';

export const BASELINE: readonly string[] = [
  // The office, its areas, the household registry, accounts and the append-only audit log.
  `CREATE TABLE office (
      id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL, county TEXT NOT NULL, region_code TEXT NOT NULL,
      is_demo INTEGER DEFAULT 0 NOT NULL, created_at TEXT NOT NULL
    )`,
  `CREATE TABLE areas (
      id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES areas (id), level TEXT NOT NULL CHECK (level IN ('township','village')),
      name TEXT NOT NULL, code TEXT
    )`,
  `CREATE UNIQUE INDEX areas_parent_name ON areas (parent_id, name)`,
  `CREATE INDEX areas_name ON areas (name)`,
  `CREATE TABLE households (
      id INTEGER PRIMARY KEY, external_id TEXT, residence TEXT NOT NULL CHECK (residence IN ('urban','rural')),
      area_id INTEGER NOT NULL REFERENCES areas (id), address TEXT, housing_condition TEXT DEFAULT 'sound' NOT NULL,
      housing_tenure TEXT DEFAULT 'own' NOT NULL, monitoring_flag TEXT, financial_assets_fen INTEGER DEFAULT 0 NOT NULL,
      large_machinery_or_vessel INTEGER DEFAULT 0 NOT NULL, recent_purchase INTEGER DEFAULT 0 NOT NULL, current_tier TEXT,
      current_benefit_fen INTEGER DEFAULT 0 NOT NULL, gradual_exit_since TEXT,
      status TEXT DEFAULT 'active' NOT NULL CHECK (status IN ('active','closed')), version INTEGER DEFAULT 1 NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL
    )`,
  `CREATE UNIQUE INDEX households_external_id ON households (external_id) WHERE external_id IS NOT NULL`,
  `CREATE INDEX households_area ON households (area_id, id)`,
  `CREATE INDEX households_tier ON households (current_tier, id)`,
  `CREATE TABLE members (
      id INTEGER PRIMARY KEY, household_id INTEGER NOT NULL REFERENCES households (id), position INTEGER NOT NULL,
      id_number TEXT NOT NULL, name TEXT NOT NULL, sex TEXT NOT NULL, birth_date TEXT NOT NULL, relation TEXT NOT NULL,
      status TEXT NOT NULL, disability_kind TEXT, disability_grade INTEGER, illness TEXT, labour TEXT DEFAULT 'none' NOT NULL,
      schooling TEXT, self_care_unmanaged INTEGER DEFAULT 0 NOT NULL, support_mode TEXT, authorised_on TEXT,
      active INTEGER DEFAULT 1 NOT NULL
    )`,
  `CREATE UNIQUE INDEX members_active_id_number ON members (id_number) WHERE active = 1`,
  `CREATE INDEX members_id_number ON members (id_number)`,
  `CREATE INDEX members_name ON members (name, household_id)`,
  `CREATE INDEX members_household ON members (household_id, position)`,
  `CREATE TABLE income_items (
      id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE, type TEXT NOT NULL,
      amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0)
    )`,
  `CREATE INDEX income_items_member ON income_items (member_id)`,
  `CREATE TABLE vehicles (
      id INTEGER PRIMARY KEY, household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE, kind TEXT NOT NULL
    )`,
  `CREATE INDEX vehicles_household ON vehicles (household_id)`,
  `CREATE TABLE homes (
      id INTEGER PRIMARY KEY, household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE, floor_area REAL NOT NULL,
      resettlement INTEGER DEFAULT 0 NOT NULL
    )`,
  `CREATE INDEX homes_household ON homes (household_id)`,
  `CREATE TABLE businesses (
      id INTEGER PRIMARY KEY, household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE, role TEXT NOT NULL,
      operating INTEGER DEFAULT 1 NOT NULL, employees INTEGER DEFAULT 0 NOT NULL
    )`,
  `CREATE INDEX businesses_household ON businesses (household_id)`,
  `CREATE TABLE expenses_12m (
      household_id INTEGER PRIMARY KEY REFERENCES households (id) ON DELETE CASCADE,
      medical_out_of_pocket_fen INTEGER DEFAULT 0 NOT NULL, medical_travel_fen INTEGER DEFAULT 0 NOT NULL,
      education_fen INTEGER DEFAULT 0 NOT NULL, rehabilitation_fen INTEGER DEFAULT 0 NOT NULL, accident_fen INTEGER DEFAULT 0 NOT NULL,
      assistance_received_fen INTEGER DEFAULT 0 NOT NULL
    )`,
  `CREATE TABLE supporters_outside (
      id INTEGER PRIMARY KEY, household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE, position INTEGER NOT NULL,
      id_number TEXT, name TEXT NOT NULL, relation TEXT NOT NULL, age INTEGER, annual_income_fen INTEGER DEFAULT 0 NOT NULL, tier TEXT,
      severe_disability INTEGER DEFAULT 0 NOT NULL, status TEXT DEFAULT 'present' NOT NULL
    )`,
  `CREATE INDEX supporters_household ON supporters_outside (household_id)`,
  `CREATE TABLE users (
      id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('clerk','manager','administrator')), password_hash TEXT NOT NULL,
      active INTEGER DEFAULT 1 NOT NULL, created_at TEXT NOT NULL
    )`,
  `CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), created_at TEXT NOT NULL,
      last_seen_at TEXT NOT NULL, ended_at TEXT
    )`,
  `CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id INTEGER, username TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL,
      entity_id TEXT, summary TEXT, before_json TEXT, after_json TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
    )`,
  `CREATE INDEX audit_entity ON audit_log (entity, entity_id, seq)`,
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  // Dated county parameters, determinations and their decisions (append-only), proactive scans.
  `CREATE TABLE parameter_values (
      id INTEGER PRIMARY KEY, parameter_id TEXT NOT NULL, effective_from TEXT NOT NULL, urban_json TEXT NOT NULL,
      rural_json TEXT NOT NULL, note TEXT, created_at TEXT NOT NULL, created_by TEXT NOT NULL
    )`,
  `CREATE INDEX parameter_values_param ON parameter_values (parameter_id, effective_from, id)`,
  `CREATE TRIGGER parameter_values_no_update BEFORE UPDATE ON parameter_values BEGIN SELECT RAISE(ABORT, 'parameter_values is
      append-only'); END`,
  `CREATE TRIGGER parameter_values_no_delete BEFORE DELETE ON parameter_values BEGIN SELECT RAISE(ABORT, 'parameter_values is
      append-only'); END`,
  `CREATE TABLE determinations (
      id INTEGER PRIMARY KEY, household_id INTEGER NOT NULL REFERENCES households (id), reference_date TEXT NOT NULL,
      parameter_set TEXT NOT NULL, parameters_json TEXT NOT NULL, input_json TEXT NOT NULL, result_json TEXT NOT NULL,
      tier TEXT NOT NULL, monthly_benefit_fen INTEGER NOT NULL, review_class TEXT,
      source TEXT NOT NULL CHECK (source IN ('screening','scan','warning')), scan_id INTEGER, note TEXT,
      proposed_by INTEGER NOT NULL REFERENCES users (id), proposed_at TEXT NOT NULL
    )`,
  `CREATE INDEX determinations_household ON determinations (household_id, id)`,
  `CREATE TRIGGER determinations_no_update BEFORE UPDATE ON determinations BEGIN SELECT RAISE(ABORT, 'determinations is
      append-only'); END`,
  `CREATE TRIGGER determinations_no_delete BEFORE DELETE ON determinations BEGIN SELECT RAISE(ABORT, 'determinations is
      append-only'); END`,
  `CREATE TABLE determination_decisions (
      id INTEGER PRIMARY KEY, determination_id INTEGER NOT NULL UNIQUE REFERENCES determinations (id),
      decision TEXT NOT NULL CHECK (decision IN ('approved','rejected')), reason TEXT NOT NULL, effective_month TEXT,
      decided_by INTEGER NOT NULL REFERENCES users (id), decided_at TEXT NOT NULL
    )`,
  `CREATE TRIGGER determination_decisions_no_update BEFORE UPDATE ON determination_decisions BEGIN SELECT RAISE(ABORT,
      'determination_decisions is append-only'); END`,
  `CREATE TRIGGER determination_decisions_no_delete BEFORE DELETE ON determination_decisions BEGIN SELECT RAISE(ABORT,
      'determination_decisions is append-only'); END`,
  `CREATE TABLE scans (
      id INTEGER PRIMARY KEY, reference_date TEXT NOT NULL, parameter_set TEXT, trigger TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running','done','cancelled','failed')), households INTEGER DEFAULT 0 NOT NULL,
      counts_json TEXT, error TEXT, started_by TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT
    )`,
  `CREATE TABLE scan_results (
      id INTEGER PRIMARY KEY, scan_id INTEGER NOT NULL REFERENCES scans (id), household_id INTEGER NOT NULL REFERENCES households (id),
      area_id INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('newly_eligible','tier_up','tier_down','benefit_changed','no_longer_eligible')),
      old_tier TEXT, new_tier TEXT NOT NULL, old_benefit_fen INTEGER NOT NULL, new_benefit_fen INTEGER NOT NULL,
      reasons_json TEXT NOT NULL
    )`,
  `CREATE INDEX scan_results_scan_kind ON scan_results (scan_id, kind, id)`,
  `CREATE INDEX scan_results_scan_area ON scan_results (scan_id, area_id)`,
  // The assistance chain of each household and person (append-only).
  `CREATE TABLE chain_events (
      id INTEGER PRIMARY KEY, household_id INTEGER NOT NULL REFERENCES households (id), id_number TEXT, at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('determination','tier_change','review','warning','visit','referral','department_result','payment','entitlement')),
      department TEXT, basis TEXT, amount_fen INTEGER, item TEXT, status TEXT, ref_table TEXT, ref_id INTEGER, summary TEXT NOT NULL,
      recorded_by TEXT NOT NULL
    )`,
  `CREATE INDEX chain_household ON chain_events (household_id, at, id)`,
  `CREATE INDEX chain_person ON chain_events (id_number, at)`,
  `CREATE TRIGGER chain_events_no_update BEFORE UPDATE ON chain_events BEGIN SELECT RAISE(ABORT, 'chain_events is append-only'); END`,
  `CREATE TRIGGER chain_events_no_delete BEFORE DELETE ON chain_events BEGIN SELECT RAISE(ABORT, 'chain_events is append-only'); END`,
  // Department files in and out, the working-day calendar, warnings with their visits, reviews, backups.
  `CREATE TABLE exchange_imports (
      id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, file_name TEXT NOT NULL, source TEXT NOT NULL, format TEXT NOT NULL,
      encoding TEXT, header_row INTEGER NOT NULL, mapping_json TEXT NOT NULL, file_date TEXT NOT NULL, bytes INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('staging','staged','applied','cancelled','failed')),
      staged_rows INTEGER DEFAULT 0 NOT NULL, rows_read INTEGER DEFAULT 0 NOT NULL, summary_json TEXT, error TEXT,
      started_by TEXT NOT NULL, started_at TEXT NOT NULL, applied_at TEXT, staged_epoch INTEGER
    )`,
  `CREATE TABLE exchange_rejects (
      import_id INTEGER NOT NULL REFERENCES exchange_imports (id), row INTEGER NOT NULL, "column" TEXT NOT NULL, reason TEXT NOT NULL,
      reason_en TEXT NOT NULL
    )`,
  `CREATE INDEX exchange_rejects_import ON exchange_rejects (import_id, row)`,
  `CREATE TABLE exchange_mappings (
      source TEXT PRIMARY KEY, mapping_json TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL
    )`,
  `CREATE TABLE exchange_exports (
      id INTEGER PRIMARY KEY, kind TEXT NOT NULL, department TEXT, target TEXT NOT NULL, manifest_json TEXT NOT NULL,
      created_by TEXT NOT NULL, created_at TEXT NOT NULL
    )`,
  `CREATE TABLE work_calendar (
      date TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('holiday','workday')), name TEXT
    )`,
  `CREATE TABLE warnings (
      id INTEGER PRIMARY KEY, rule TEXT NOT NULL, severity TEXT NOT NULL CHECK (severity IN ('urgent','normal')),
      household_id INTEGER NOT NULL REFERENCES households (id), member_id INTEGER, id_number TEXT NOT NULL, person_name TEXT,
      area_id INTEGER NOT NULL, evidence_key TEXT NOT NULL, evidence TEXT NOT NULL, source TEXT NOT NULL, import_id INTEGER,
      raised_on TEXT NOT NULL, due_on TEXT NOT NULL, status TEXT DEFAULT 'open' NOT NULL CHECK (status IN ('open','closed')),
      assignee_id INTEGER, assigned_at TEXT, outcome TEXT, close_note TEXT, closed_by TEXT, closed_at TEXT, determination_id INTEGER,
      referral_id INTEGER, department TEXT, raised_by TEXT
    )`,
  `CREATE UNIQUE INDEX warnings_dedup ON warnings (rule, id_number, evidence_key)`,
  `CREATE INDEX warnings_queue ON warnings (status, due_on, id)`,
  `CREATE INDEX warnings_household ON warnings (household_id, id)`,
  `CREATE TABLE warning_visits (
      id INTEGER PRIMARY KEY, warning_id INTEGER NOT NULL REFERENCES warnings (id),
      kind TEXT NOT NULL CHECK (kind IN ('verification','home_visit')), visit_date TEXT NOT NULL, staff_json TEXT NOT NULL,
      findings TEXT NOT NULL, attachments_json TEXT DEFAULT '[]' NOT NULL, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL
    )`,
  `CREATE INDEX warning_visits_warning ON warning_visits (warning_id, id)`,
  `CREATE TABLE household_reviews (
      id INTEGER PRIMARY KEY, household_id INTEGER NOT NULL REFERENCES households (id), reviewed_on TEXT NOT NULL,
      outcome TEXT NOT NULL, note TEXT, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL
    )`,
  `CREATE INDEX household_reviews_household ON household_reviews (household_id, reviewed_on)`,
  `CREATE TABLE backups (
      id INTEGER PRIMARY KEY, folder TEXT NOT NULL, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, app_version TEXT NOT NULL,
      created_by TEXT NOT NULL, created_at TEXT NOT NULL
    )`,
  // The closed loop: charity, referrals and their feedback, monthly payments (append-only where the office signs).
  `CREATE TABLE charity_organisations (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, contact TEXT, active INTEGER DEFAULT 1 NOT NULL, created_at TEXT NOT NULL
    )`,
  `CREATE TABLE charity_programmes (
      id INTEGER PRIMARY KEY, organisation_id INTEGER NOT NULL REFERENCES charity_organisations (id), name TEXT NOT NULL,
      assistance TEXT NOT NULL, description TEXT, active INTEGER DEFAULT 1 NOT NULL, created_at TEXT NOT NULL
    )`,
  `CREATE INDEX charity_programmes_org ON charity_programmes (organisation_id, id)`,
  `CREATE TABLE referral_batches (
      id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('push','feedback')), department TEXT, organisation_id INTEGER,
      file_name TEXT NOT NULL, sha256 TEXT NOT NULL, rows INTEGER NOT NULL, rejected INTEGER DEFAULT 0 NOT NULL,
      created_at TEXT NOT NULL, created_by TEXT NOT NULL
    )`,
  `CREATE TRIGGER referral_batches_no_update BEFORE UPDATE ON referral_batches BEGIN SELECT RAISE(ABORT, 'referral_batches is
      append-only'); END`,
  `CREATE TRIGGER referral_batches_no_delete BEFORE DELETE ON referral_batches BEGIN SELECT RAISE(ABORT, 'referral_batches is
      append-only'); END`,
  `CREATE TABLE referrals (
      id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, year INTEGER NOT NULL, seq INTEGER NOT NULL,
      household_id INTEGER NOT NULL REFERENCES households (id), id_number TEXT, assistance TEXT NOT NULL, department TEXT NOT NULL,
      programme_id INTEGER REFERENCES charity_programmes (id), reason TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('entitlement','warning','manual')), source_id INTEGER,
      status TEXT NOT NULL CHECK (status IN ('drafted','pushed','acknowledged','completed','declined')), due_date TEXT,
      push_batch_id INTEGER REFERENCES referral_batches (id), escalated_at TEXT,
      result TEXT CHECK (result IN ('assisted','declined','not_eligible')), amount_fen INTEGER, item TEXT, result_date TEXT,
      result_reason TEXT, created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL
    )`,
  `CREATE UNIQUE INDEX referrals_year_seq ON referrals (year, seq)`,
  `CREATE INDEX referrals_dept_status ON referrals (department, status, id)`,
  `CREATE INDEX referrals_status_due ON referrals (status, due_date)`,
  `CREATE INDEX referrals_household ON referrals (household_id, id)`,
  `CREATE TABLE referral_events (
      id INTEGER PRIMARY KEY, referral_id INTEGER NOT NULL REFERENCES referrals (id), status TEXT NOT NULL, at TEXT NOT NULL,
      "by" TEXT NOT NULL, note TEXT, batch_id INTEGER
    )`,
  `CREATE INDEX referral_events_referral ON referral_events (referral_id, id)`,
  `CREATE TRIGGER referral_events_no_update BEFORE UPDATE ON referral_events BEGIN SELECT RAISE(ABORT, 'referral_events is
      append-only'); END`,
  `CREATE TRIGGER referral_events_no_delete BEFORE DELETE ON referral_events BEGIN SELECT RAISE(ABORT, 'referral_events is
      append-only'); END`,
  `CREATE TABLE payment_months (
      month TEXT PRIMARY KEY, recipients INTEGER NOT NULL, total_fen INTEGER NOT NULL, closed_at TEXT NOT NULL,
      closed_by TEXT NOT NULL
    )`,
  `CREATE TRIGGER payment_months_no_update BEFORE UPDATE ON payment_months BEGIN SELECT RAISE(ABORT, 'payment_months is
      append-only'); END`,
  `CREATE TRIGGER payment_months_no_delete BEFORE DELETE ON payment_months BEGIN SELECT RAISE(ABORT, 'payment_months is
      append-only'); END`,
  `CREATE TABLE payment_lines (
      id INTEGER PRIMARY KEY, month TEXT NOT NULL REFERENCES payment_months (month),
      household_id INTEGER NOT NULL REFERENCES households (id), area_id INTEGER NOT NULL, determination_id INTEGER, tier TEXT NOT NULL,
      size INTEGER NOT NULL, head_name TEXT NOT NULL, head_id_number TEXT NOT NULL, base_fen INTEGER NOT NULL,
      addon_fen INTEGER NOT NULL, care_fen INTEGER NOT NULL, exit_fen INTEGER NOT NULL, adjust_fen INTEGER NOT NULL,
      amount_fen INTEGER NOT NULL, note TEXT
    )`,
  `CREATE UNIQUE INDEX payment_lines_month_household ON payment_lines (month, household_id)`,
  `CREATE INDEX payment_lines_household ON payment_lines (household_id, month)`,
  `CREATE TRIGGER payment_lines_no_update BEFORE UPDATE ON payment_lines BEGIN SELECT RAISE(ABORT, 'payment_lines is
      append-only'); END`,
  `CREATE TRIGGER payment_lines_no_delete BEFORE DELETE ON payment_lines BEGIN SELECT RAISE(ABORT, 'payment_lines is
      append-only'); END`,
  `CREATE TABLE payment_adjustments (
      id INTEGER PRIMARY KEY, household_id INTEGER NOT NULL REFERENCES households (id), for_month TEXT NOT NULL,
      applied_month TEXT NOT NULL, amount_fen INTEGER NOT NULL, reason TEXT NOT NULL, created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    )`,
  `CREATE INDEX payment_adjustments_applied ON payment_adjustments (applied_month, household_id)`,
  `CREATE TRIGGER payment_adjustments_no_update BEFORE UPDATE ON payment_adjustments BEGIN SELECT RAISE(ABORT,
      'payment_adjustments is append-only'); END`,
  `CREATE TRIGGER payment_adjustments_no_delete BEFORE DELETE ON payment_adjustments BEGIN SELECT RAISE(ABORT,
      'payment_adjustments is append-only'); END`,
  // Decisions in force by month (the tier on a file's date, the roster).
  `CREATE INDEX determination_decisions_effective ON determination_decisions (decision, effective_month, determination_id)`,
  // The scan's packed engine input per household: a cache, emptied by triggers on every write to what it is built from.
  `CREATE TABLE engine_inputs (
      household_id INTEGER PRIMARY KEY, input TEXT NOT NULL
    )`,
  `CREATE TRIGGER members_engine_input_ins AFTER INSERT ON members BEGIN DELETE FROM engine_inputs WHERE household_id =
      NEW.household_id; END`,
  `CREATE TRIGGER members_engine_input_del AFTER DELETE ON members BEGIN DELETE FROM engine_inputs WHERE household_id =
      OLD.household_id; END`,
  `CREATE TRIGGER members_engine_input_upd AFTER UPDATE ON members BEGIN DELETE FROM engine_inputs WHERE household_id =
      OLD.household_id; DELETE FROM engine_inputs WHERE household_id = NEW.household_id; END`,
  `CREATE TRIGGER vehicles_engine_input_ins AFTER INSERT ON vehicles BEGIN DELETE FROM engine_inputs WHERE household_id =
      NEW.household_id; END`,
  `CREATE TRIGGER vehicles_engine_input_del AFTER DELETE ON vehicles BEGIN DELETE FROM engine_inputs WHERE household_id =
      OLD.household_id; END`,
  `CREATE TRIGGER vehicles_engine_input_upd AFTER UPDATE ON vehicles BEGIN DELETE FROM engine_inputs WHERE household_id =
      OLD.household_id; DELETE FROM engine_inputs WHERE household_id = NEW.household_id; END`,
  `CREATE TRIGGER homes_engine_input_ins AFTER INSERT ON homes BEGIN DELETE FROM engine_inputs WHERE household_id =
      NEW.household_id; END`,
  `CREATE TRIGGER homes_engine_input_del AFTER DELETE ON homes BEGIN DELETE FROM engine_inputs WHERE household_id =
      OLD.household_id; END`,
  `CREATE TRIGGER homes_engine_input_upd AFTER UPDATE ON homes BEGIN DELETE FROM engine_inputs WHERE household_id =
      OLD.household_id; DELETE FROM engine_inputs WHERE household_id = NEW.household_id; END`,
  `CREATE TRIGGER businesses_engine_input_ins AFTER INSERT ON businesses BEGIN DELETE FROM engine_inputs WHERE household_id =
      NEW.household_id; END`,
  `CREATE TRIGGER businesses_engine_input_del AFTER DELETE ON businesses BEGIN DELETE FROM engine_inputs WHERE household_id =
      OLD.household_id; END`,
  `CREATE TRIGGER businesses_engine_input_upd AFTER UPDATE ON businesses BEGIN DELETE FROM engine_inputs WHERE household_id =
      OLD.household_id; DELETE FROM engine_inputs WHERE household_id = NEW.household_id; END`,
  `CREATE TRIGGER supporters_outside_engine_input_ins AFTER INSERT ON supporters_outside BEGIN DELETE FROM engine_inputs WHERE
      household_id = NEW.household_id; END`,
  `CREATE TRIGGER supporters_outside_engine_input_del AFTER DELETE ON supporters_outside BEGIN DELETE FROM engine_inputs WHERE
      household_id = OLD.household_id; END`,
  `CREATE TRIGGER supporters_outside_engine_input_upd AFTER UPDATE ON supporters_outside BEGIN DELETE FROM engine_inputs WHERE
      household_id = OLD.household_id; DELETE FROM engine_inputs WHERE household_id = NEW.household_id; END`,
  `CREATE TRIGGER expenses_12m_engine_input_ins AFTER INSERT ON expenses_12m BEGIN DELETE FROM engine_inputs WHERE household_id
      = NEW.household_id; END`,
  `CREATE TRIGGER expenses_12m_engine_input_del AFTER DELETE ON expenses_12m BEGIN DELETE FROM engine_inputs WHERE household_id
      = OLD.household_id; END`,
  `CREATE TRIGGER expenses_12m_engine_input_upd AFTER UPDATE ON expenses_12m BEGIN DELETE FROM engine_inputs WHERE household_id
      = OLD.household_id; DELETE FROM engine_inputs WHERE household_id = NEW.household_id; END`,
  `CREATE TRIGGER income_items_engine_input_ins AFTER INSERT ON income_items BEGIN DELETE FROM engine_inputs WHERE household_id
      = (SELECT household_id FROM members WHERE id = NEW.member_id); END`,
  `CREATE TRIGGER income_items_engine_input_del AFTER DELETE ON income_items BEGIN DELETE FROM engine_inputs WHERE household_id
      = (SELECT household_id FROM members WHERE id = OLD.member_id); END`,
  `CREATE TRIGGER income_items_engine_input_upd AFTER UPDATE ON income_items BEGIN DELETE FROM engine_inputs WHERE household_id
      = (SELECT household_id FROM members WHERE id = OLD.member_id); DELETE FROM engine_inputs WHERE household_id = (SELECT
      household_id FROM members WHERE id = NEW.member_id); END`,
  `CREATE TRIGGER households_engine_input_upd AFTER UPDATE OF status, area_id, residence, housing_condition, housing_tenure,
      monitoring_flag, financial_assets_fen, large_machinery_or_vessel, recent_purchase, current_tier, current_benefit_fen,
      gradual_exit_since ON households BEGIN DELETE FROM engine_inputs WHERE household_id = OLD.id; END`,
  `CREATE TRIGGER households_engine_input_del AFTER DELETE ON households BEGIN DELETE FROM engine_inputs WHERE household_id =
      OLD.id; END`,
  `CREATE INDEX households_active ON households (id) WHERE status = 'active'`,
  // Changes to members that make an import's matches stale (docs/rules/assistance.md §6: all-or-nothing imports); one row, starting at 0.
  `CREATE TABLE registry_epoch (
      id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL
    )`,
  `INSERT INTO registry_epoch (id, n) VALUES (1, 0)`,
  `CREATE TRIGGER members_epoch_del AFTER DELETE ON members BEGIN UPDATE registry_epoch SET n = n + 1; END`,
  // An import's findings by household, its unknown persons' list and its matched rows packed per part of the file (SNP2, SNU1).
  `CREATE TABLE exchange_household_rows (
      household_id INTEGER NOT NULL, import_id INTEGER NOT NULL, row INTEGER NOT NULL, PRIMARY KEY (household_id, import_id, row)
    ) WITHOUT ROWID`,
  `CREATE TABLE exchange_unknown_persons (
      import_id INTEGER NOT NULL REFERENCES exchange_imports(id), chunk INTEGER NOT NULL, n INTEGER NOT NULL, data BLOB NOT NULL,
      PRIMARY KEY (import_id, chunk)
    ) WITHOUT ROWID`,
  `CREATE TABLE exchange_row_parts (
      import_id INTEGER NOT NULL REFERENCES exchange_imports(id), first_row INTEGER NOT NULL, last_row INTEGER NOT NULL,
      n INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (import_id, first_row)
    )`,
  `CREATE TRIGGER members_epoch_upd AFTER UPDATE OF id_number, active, name, household_id, authorised_on ON members WHEN
      OLD.id_number IS NOT NEW.id_number OR OLD.active IS NOT NEW.active OR OLD.name IS NOT NEW.name OR OLD.household_id IS NOT
      NEW.household_id OR OLD.authorised_on IS NOT NEW.authorised_on BEGIN UPDATE registry_epoch SET n = n + 1; END`,
  // Determinations by household with their review class and tier; each determination's roster figures beside it.
  `CREATE INDEX determinations_review ON determinations (household_id, id, review_class, tier)`,
  `CREATE TABLE determination_figures (
      determination_id INTEGER PRIMARY KEY REFERENCES determinations(id), household_id INTEGER NOT NULL, reference_date TEXT NOT NULL,
      tier TEXT NOT NULL, monthly_benefit_fen INTEGER NOT NULL, breakdown TEXT, gradual_exit TEXT, unrounded_fen REAL,
      present_members INTEGER
    )`,
  `CREATE TRIGGER determination_figures_ins AFTER INSERT ON determinations BEGIN INSERT INTO determination_figures SELECT
      NEW.id, NEW.household_id, NEW.reference_date, NEW.tier, NEW.monthly_benefit_fen, JSON_EXTRACT(NEW.result_json,
      '$.breakdown'), JSON_EXTRACT(NEW.result_json, '$.gradualExit'), JSON_EXTRACT(NEW.result_json, '$.unroundedFen'),
      JSON_EXTRACT(NEW.result_json, '$.presentMembers'); END`,
  // A warning as raised is never changed and never deleted: the chain reads its raising from this table.
  `CREATE TRIGGER warnings_raised_fixed BEFORE UPDATE OF rule, severity, household_id, member_id, id_number, person_name,
      area_id, evidence_key, evidence, source, import_id, raised_on, due_on, department, raised_by ON warnings BEGIN SELECT
      RAISE(ABORT, 'a warning as raised is append-only'); END`,
  `CREATE TRIGGER warnings_no_delete BEFORE DELETE ON warnings BEGIN SELECT RAISE(ABORT, 'warnings are append-only'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of BASELINE) await sql.raw(statement).execute(db);
}
