/* eslint-disable max-lines -- one type per table, read by tests/integration/db/schema.test.ts from this file alone */
/**
 * Kysely's types of every table, as the migrations leave them (money columns end in `_fen`;
 * booleans are 0/1 integers; JSON columns are text). Regenerated from a migrated database and
 * checked by tests/integration/db/schema.test.ts, which fails when a table or column differs.
 */
import type { Generated } from 'kysely';

export interface AreasTable {
  id: Generated<number>;
  parent_id: number | null;
  level: 'township' | 'village';
  name: string;
  code: string | null;
}
export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  user_id: number | null;
  username: string;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}
export interface BackupsTable {
  id: Generated<number>;
  folder: string;
  sha256: string;
  bytes: number;
  app_version: string;
  created_by: string;
  created_at: string;
}
export interface BusinessesTable {
  id: Generated<number>;
  household_id: number;
  role: string;
  operating: Generated<number>;
  employees: Generated<number>;
}
export interface ChainEventsTable {
  id: Generated<number>;
  household_id: number;
  id_number: string | null;
  at: string;
  kind: 'determination' | 'tier_change' | 'review' | 'warning' | 'visit' | 'referral' | 'department_result' | 'payment' | 'entitlement';
  department: string | null;
  basis: string | null;
  amount_fen: number | null;
  item: string | null;
  status: string | null;
  ref_table: string | null;
  ref_id: number | null;
  summary: string;
  recorded_by: string;
}
export interface CharityOrganisationsTable {
  id: Generated<number>;
  name: string;
  contact: string | null;
  active: Generated<number>;
  created_at: string;
}
export interface CharityProgrammesTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  assistance: string;
  description: string | null;
  active: Generated<number>;
  created_at: string;
}
export interface DeterminationDecisionsTable {
  id: Generated<number>;
  determination_id: number;
  decision: 'approved' | 'rejected';
  reason: string;
  effective_month: string | null;
  decided_by: number;
  decided_at: string;
}
export interface DeterminationFiguresTable {
  determination_id: Generated<number>;
  household_id: number;
  reference_date: string;
  tier: string;
  monthly_benefit_fen: number;
  breakdown: string | null;
  gradual_exit: string | null;
  unrounded_fen: number | null;
  present_members: number | null;
}
export interface DeterminationsTable {
  id: Generated<number>;
  household_id: number;
  reference_date: string;
  parameter_set: string;
  parameters_json: string;
  input_json: string;
  result_json: string;
  tier: string;
  monthly_benefit_fen: number;
  review_class: string | null;
  source: 'screening' | 'scan' | 'warning';
  scan_id: number | null;
  note: string | null;
  proposed_by: number;
  proposed_at: string;
}
export interface EngineInputsTable {
  household_id: Generated<number>;
  input: string;
}
export interface ExchangeExportsTable {
  id: Generated<number>;
  kind: string;
  department: string | null;
  target: string;
  manifest_json: string;
  created_by: string;
  created_at: string;
}
export interface ExchangeHouseholdRowsTable {
  household_id: number;
  import_id: number;
  row: number;
}
export interface ExchangeImportsTable {
  id: Generated<number>;
  sha256: string;
  file_name: string;
  source: string;
  format: string;
  encoding: string | null;
  header_row: number;
  mapping_json: string;
  file_date: string;
  bytes: number;
  status: 'staging' | 'staged' | 'applied' | 'cancelled' | 'failed';
  staged_rows: Generated<number>;
  rows_read: Generated<number>;
  summary_json: string | null;
  error: string | null;
  started_by: string;
  started_at: string;
  applied_at: string | null;
  staged_epoch: number | null;
}
export interface ExchangeMappingsTable {
  source: string | null;
  mapping_json: string;
  updated_by: string;
  updated_at: string;
}
export interface ExchangeRejectsTable {
  import_id: number;
  row: number;
  column: string;
  reason: string;
  reason_en: string;
}
export interface ExchangeRowPartsTable {
  import_id: number;
  first_row: number;
  last_row: number;
  n: number;
  /** The part's matched rows, packed (exchange/packed.ts, SNP2). */
  data: Uint8Array;
}
export interface ExchangeUnknownPersonsTable {
  import_id: number;
  chunk: number;
  n: number;
  /** A thousand unknown persons, packed (exchange/persons.ts, SNU1). */
  data: Uint8Array;
}
export interface Expenses12mTable {
  household_id: Generated<number>;
  medical_out_of_pocket_fen: Generated<number>;
  medical_travel_fen: Generated<number>;
  education_fen: Generated<number>;
  rehabilitation_fen: Generated<number>;
  accident_fen: Generated<number>;
  assistance_received_fen: Generated<number>;
}
export interface HomesTable {
  id: Generated<number>;
  household_id: number;
  floor_area: number;
  resettlement: Generated<number>;
}
export interface HouseholdReviewsTable {
  id: Generated<number>;
  household_id: number;
  reviewed_on: string;
  outcome: string;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}
export interface HouseholdsTable {
  id: Generated<number>;
  external_id: string | null;
  residence: 'urban' | 'rural';
  area_id: number;
  address: string | null;
  housing_condition: Generated<string>;
  housing_tenure: Generated<string>;
  monitoring_flag: string | null;
  financial_assets_fen: Generated<number>;
  large_machinery_or_vessel: Generated<number>;
  recent_purchase: Generated<number>;
  current_tier: string | null;
  current_benefit_fen: Generated<number>;
  gradual_exit_since: string | null;
  status: Generated<'active' | 'closed'>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface IncomeItemsTable {
  id: Generated<number>;
  member_id: number;
  type: string;
  amount_fen: number;
}
export interface MembersTable {
  id: Generated<number>;
  household_id: number;
  position: number;
  id_number: string;
  name: string;
  sex: string;
  birth_date: string;
  relation: string;
  status: string;
  disability_kind: string | null;
  disability_grade: number | null;
  illness: string | null;
  labour: Generated<string>;
  schooling: string | null;
  self_care_unmanaged: Generated<number>;
  support_mode: string | null;
  authorised_on: string | null;
  active: Generated<number>;
}
export interface OfficeTable {
  id: Generated<number>;
  name: string;
  county: string;
  region_code: string;
  is_demo: Generated<number>;
  created_at: string;
}
export interface ParameterValuesTable {
  id: Generated<number>;
  parameter_id: string;
  effective_from: string;
  urban_json: string;
  rural_json: string;
  note: string | null;
  created_at: string;
  created_by: string;
}
export interface PaymentAdjustmentsTable {
  id: Generated<number>;
  household_id: number;
  for_month: string;
  applied_month: string;
  amount_fen: number;
  reason: string;
  created_at: string;
  created_by: string;
}
export interface PaymentLinesTable {
  id: Generated<number>;
  month: string;
  household_id: number;
  area_id: number;
  determination_id: number | null;
  tier: string;
  size: number;
  head_name: string;
  head_id_number: string;
  base_fen: number;
  addon_fen: number;
  care_fen: number;
  exit_fen: number;
  adjust_fen: number;
  amount_fen: number;
  note: string | null;
}
export interface PaymentMonthsTable {
  month: string | null;
  recipients: number;
  total_fen: number;
  closed_at: string;
  closed_by: string;
}
export interface ReferralBatchesTable {
  id: Generated<number>;
  kind: 'push' | 'feedback';
  department: string | null;
  organisation_id: number | null;
  file_name: string;
  sha256: string;
  rows: number;
  rejected: Generated<number>;
  created_at: string;
  created_by: string;
}
export interface ReferralEventsTable {
  id: Generated<number>;
  referral_id: number;
  status: string;
  at: string;
  by: string;
  note: string | null;
  batch_id: number | null;
}
export interface ReferralsTable {
  id: Generated<number>;
  number: string;
  year: number;
  seq: number;
  household_id: number;
  id_number: string | null;
  assistance: string;
  department: string;
  programme_id: number | null;
  reason: string;
  source: 'entitlement' | 'warning' | 'manual';
  source_id: number | null;
  status: 'drafted' | 'pushed' | 'acknowledged' | 'completed' | 'declined';
  due_date: string | null;
  push_batch_id: number | null;
  escalated_at: string | null;
  result: 'assisted' | 'declined' | 'not_eligible' | null;
  amount_fen: number | null;
  item: string | null;
  result_date: string | null;
  result_reason: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}
export interface RegistryEpochTable {
  id: Generated<number>;
  n: number;
}
export interface ScenarioAdoptionsTable {
  id: Generated<number>;
  run_id: number;
  step: 'asked' | 'confirmed';
  username: string;
  at: string;
  note: string | null;
}
export interface ScenarioResultsTable {
  id: Generated<number>;
  run_id: number;
  household_id: number;
  area_id: number;
  kind: 'newly_eligible' | 'tier_up' | 'tier_down' | 'benefit_changed' | 'no_longer_eligible';
  before_tier: string;
  after_tier: string;
  before_fen: number;
  after_fen: number;
  persons: number;
  gradual_exit: Generated<number>;
  reasons_json: string;
}
export interface ScenarioRunsTable {
  id: Generated<number>;
  name: string;
  mode: 'run' | 'budget';
  effective_from: string;
  changes_json: string;
  before_set: string;
  after_json: string;
  budget_fen: number | null;
  solve_json: string | null;
  evaluations: Generated<number>;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  households: Generated<number>;
  summary_json: string | null;
  error: string | null;
  audit_seq: number;
  registry_epoch: number;
  started_by: string;
  started_at: string;
  finished_at: string | null;
}
export interface ScanResultsTable {
  id: Generated<number>;
  scan_id: number;
  household_id: number;
  area_id: number;
  kind: 'newly_eligible' | 'tier_up' | 'tier_down' | 'benefit_changed' | 'no_longer_eligible';
  old_tier: string | null;
  new_tier: string;
  old_benefit_fen: number;
  new_benefit_fen: number;
  reasons_json: string;
}
export interface ScansTable {
  id: Generated<number>;
  reference_date: string;
  parameter_set: string | null;
  trigger: string;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  households: Generated<number>;
  counts_json: string | null;
  error: string | null;
  started_by: string;
  started_at: string;
  finished_at: string | null;
}
export interface SessionsTable {
  token_hash: string | null;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
}
export interface SupportersOutsideTable {
  id: Generated<number>;
  household_id: number;
  position: number;
  id_number: string | null;
  name: string;
  relation: string;
  age: number | null;
  annual_income_fen: Generated<number>;
  tier: string | null;
  severe_disability: Generated<number>;
  status: Generated<string>;
}
export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: 'clerk' | 'manager' | 'administrator';
  password_hash: string;
  active: Generated<number>;
  created_at: string;
}
export interface VehiclesTable {
  id: Generated<number>;
  household_id: number;
  kind: string;
}
export interface WarningVisitsTable {
  id: Generated<number>;
  warning_id: number;
  kind: 'verification' | 'home_visit';
  visit_date: string;
  staff_json: string;
  findings: string;
  attachments_json: Generated<string>;
  recorded_by: string;
  recorded_at: string;
}
export interface WarningsTable {
  id: Generated<number>;
  rule: string;
  severity: 'urgent' | 'normal';
  household_id: number;
  member_id: number | null;
  id_number: string;
  person_name: string | null;
  area_id: number;
  evidence_key: string;
  evidence: string;
  source: string;
  import_id: number | null;
  raised_on: string;
  due_on: string;
  status: Generated<'open' | 'closed'>;
  assignee_id: number | null;
  assigned_at: string | null;
  outcome: string | null;
  close_note: string | null;
  closed_by: string | null;
  closed_at: string | null;
  determination_id: number | null;
  referral_id: number | null;
  department: string | null;
  raised_by: string | null;
}
export interface WorkCalendarTable {
  date: string | null;
  kind: 'holiday' | 'workday';
  name: string | null;
}

export interface Database {
  areas: AreasTable;
  audit_log: AuditLogTable;
  backups: BackupsTable;
  businesses: BusinessesTable;
  chain_events: ChainEventsTable;
  charity_organisations: CharityOrganisationsTable;
  charity_programmes: CharityProgrammesTable;
  determination_decisions: DeterminationDecisionsTable;
  determination_figures: DeterminationFiguresTable;
  determinations: DeterminationsTable;
  engine_inputs: EngineInputsTable;
  exchange_exports: ExchangeExportsTable;
  exchange_household_rows: ExchangeHouseholdRowsTable;
  exchange_imports: ExchangeImportsTable;
  exchange_mappings: ExchangeMappingsTable;
  exchange_rejects: ExchangeRejectsTable;
  exchange_row_parts: ExchangeRowPartsTable;
  exchange_unknown_persons: ExchangeUnknownPersonsTable;
  expenses_12m: Expenses12mTable;
  homes: HomesTable;
  household_reviews: HouseholdReviewsTable;
  households: HouseholdsTable;
  income_items: IncomeItemsTable;
  members: MembersTable;
  office: OfficeTable;
  parameter_values: ParameterValuesTable;
  payment_adjustments: PaymentAdjustmentsTable;
  payment_lines: PaymentLinesTable;
  payment_months: PaymentMonthsTable;
  referral_batches: ReferralBatchesTable;
  referral_events: ReferralEventsTable;
  referrals: ReferralsTable;
  registry_epoch: RegistryEpochTable;
  scan_results: ScanResultsTable;
  scenario_adoptions: ScenarioAdoptionsTable;
  scenario_results: ScenarioResultsTable;
  scenario_runs: ScenarioRunsTable;
  scans: ScansTable;
  sessions: SessionsTable;
  supporters_outside: SupportersOutsideTable;
  users: UsersTable;
  vehicles: VehiclesTable;
  warning_visits: WarningVisitsTable;
  warnings: WarningsTable;
  work_calendar: WorkCalendarTable;
}
