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
export interface AuditChainTable {
  id: number;
  keyed_from: number;
  created_at: string;
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
  /** docs/stations.md: the global id, the station that wrote this version, the county's version a township copy is based on, the version last synced. */
  gid: string | null;
  station_id: string | null;
  county_version: number | null;
  synced_version: number | null;
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
export interface RecoveryCasesTable {
  id: Generated<number>;
  number: string;
  year: number;
  seq: number;
  household_id: number;
  determination_id: number;
  fact_id: number;
  liable_kind: 'head' | 'estate';
  liable_name: string;
  liable_id_number: string | null;
  basis: string;
  new_benefit_fen: number;
  opened_by: string;
  opened_at: string;
}
export interface RecoveryEntriesTable {
  id: Generated<number>;
  case_id: number;
  kind: 'repayment' | 'waiver' | 'deduction';
  on_date: string;
  month: string | null;
  amount_fen: number;
  reason: string;
  adjustment_id: number | null;
  recorded_by: string;
  recorded_at: string;
}
export interface RecoveryFactLinksTable {
  determination_id: number;
  fact_id: number;
}
export interface RecoveryFactsTable {
  id: Generated<number>;
  household_id: number;
  id_number: string | null;
  person_name: string | null;
  kind: 'death' | 'income' | 'assets' | 'moved_away';
  fact_date: string;
  source: 'import' | 'manual';
  import_id: number | null;
  evidence: string;
  recorded_by: string;
  recorded_at: string;
}
export interface RecoveryMonthsTable {
  case_id: number;
  month: string;
  paid_fen: number;
  due_fen: number;
  overpaid_fen: number;
  added_by: string;
  added_at: string;
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
export interface RequestDecisionsTable {
  request_id: number;
  outcome: 'confirmed' | 'refused' | 'withdrawn';
  decided_by: number;
  decided_at: string;
  reason: string | null;
  result_json: string | null;
}
export interface RequestsTable {
  id: Generated<number>;
  kind: string;
  payload_json: string;
  asked_by: number;
  asked_at: string;
  note: string | null;
}
export interface ScenarioDraftsTable {
  id: Generated<number>;
  name: string;
  effective_from: string;
  changes_json: string;
  created_by: string;
  created_at: string;
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
export interface ServiceAssessmentsTable {
  id: Generated<number>;
  household_id: number;
  id_number: string;
  person_name: string;
  assessed_on: string;
  at_home: number;
  assessors_json: string;
  economic: number;
  health: number;
  education: number;
  housing: number;
  employment: number;
  guardianship: number;
  social_integration: number;
  notes_json: string;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}
export interface ServiceCatalogueTable {
  id: Generated<number>;
  code: string;
  name_zh: string;
  name_en: string;
  area: 'economic' | 'health' | 'education' | 'housing' | 'employment' | 'guardianship' | 'social_integration' | 'any';
  unit_zh: string;
  unit_en: string;
  unit_price_fen: number;
  effective_from: string;
  withdrawn: Generated<number>;
  note: string | null;
  created_by: string;
  created_at: string;
}
export interface ServiceContractsTable {
  id: Generated<number>;
  provider_id: number;
  year: number;
  number: string;
  budget_fen: number;
  services_json: string;
  signed_on: string;
  created_by: string;
  created_at: string;
}
export interface ServicePlanItemsTable {
  plan_id: number;
  service_code: string;
  monthly_quantity: number;
}
export interface ServicePlansTable {
  id: Generated<number>;
  household_id: number;
  id_number: string;
  person_name: string;
  assessment_id: number;
  provider_id: number;
  start_month: string;
  end_month: string;
  note: string | null;
  created_by: string;
  created_at: string;
}
export interface ServiceProvidersTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: 'social_work_station' | 'social_organisation';
  contact: string | null;
  active: Generated<number>;
  created_by: string;
  created_at: string;
}
export interface ServiceProviderTownshipsTable {
  provider_id: number;
  township_id: number;
}
export interface ServiceRecordsTable {
  id: Generated<number>;
  provider_id: number;
  record_key: string;
  plan_id: number;
  household_id: number;
  id_number: string;
  service_code: string;
  service_date: string;
  month: string;
  quantity: number;
  unit_price_fen: number;
  cost_fen: number;
  contract_id: number;
  staff: string | null;
  note: string | null;
  source: 'import' | 'manual';
  import_id: number | null;
  import_row: number | null;
  recorded_by: string;
  recorded_at: string;
}
export interface ServiceSatisfactionTable {
  id: Generated<number>;
  household_id: number;
  id_number: string;
  provider_id: number;
  quarter: string;
  score: number;
  visit_date: string;
  visitor: string;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}
export interface SessionsTable {
  token_hash: string | null;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
}
export interface StationSelfTable {
  id: Generated<number>;
  station_id: string;
  name: string;
  level: 'county' | 'township';
  township: string | null;
  county_station_id: string | null;
  delegation_json: Generated<string>;
  created_at: string;
}
export interface StationsTable {
  station_id: string;
  name: string;
  level: 'county' | 'township';
  township: string | null;
  secret: string;
  sent_decision_id: Generated<number>;
  /** The last case and stage sent to this peer (migration 0010-case-travel). */
  sent_case_id: Generated<number>;
  sent_case_event_id: Generated<number>;
  enrolled_at: string;
  enrolled_by: string;
}
export interface StationPackagesTable {
  id: Generated<number>;
  direction: 'in' | 'out';
  peer: string;
  seq: number;
  kind: string;
  hash: string;
  counts_json: string;
  at: string;
  by: string;
}
export interface StationSentTable {
  peer: string;
  gid: string;
  version: number;
}
export interface StationConflictsTable {
  id: Generated<number>;
  kind: 'household' | 'duplicate_person' | 'review';
  household_gid: string;
  household_id: number | null;
  other_household_id: number | null;
  person_id_number: string | null;
  station: string;
  package_seq: number;
  base_version: number | null;
  local_version: number | null;
  local_json: string | null;
  remote_json: string;
  status: Generated<'open' | 'resolved'>;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  created_at: string;
}
/** Cases and stages received before their household (or case) could be placed (migration 0010-case-travel). */
export interface StationWaitingTable {
  id: Generated<number>;
  peer: string;
  household_gid: string;
  record_json: string;
  package_seq: number;
  created_at: string;
}
export interface StationDecisionsTable {
  gid: string;
  household_gid: string;
  tier: string;
  monthly_benefit_fen: number;
  decision: 'approved' | 'rejected';
  reason: string;
  effective_month: string | null;
  proposed_by: string;
  decided_by: string;
  decided_at: string;
  received_seq: number;
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
export interface TemporaryCasesTable {
  id: Generated<number>;
  number: string;
  year: number;
  seq: number;
  kind: 'emergency' | 'expenditure';
  track: 'quick' | 'assist_first' | 'ordinary';
  reason: 'fire' | 'disaster' | 'accident' | 'sudden_illness' | 'other_emergency' | 'medical' | 'education' | 'other_essential';
  event_id: string;
  event_date: string;
  requested_on: string;
  household_id: number | null;
  id_number: string;
  person_name: string;
  hukou_place: string | null;
  phone: string | null;
  residence: 'urban' | 'rural';
  township_id: number;
  area_id: number | null;
  tier: string | null;
  description: string | null;
  spending_fen: number | null;
  receipts_fen: number | null;
  requested_fen: number | null;
  standard_fen: number;
  computed_fen: number | null;
  cap_fen: number;
  proposed_fen: number;
  band: 'quick' | 'township' | 'county' | 'case_by_case';
  case_by_case: number;
  earlier_case_id: number | null;
  warning_id: number | null;
  paid_from: 'standby_fund' | 'county';
  assessment_json: string;
  created_by_id: number | null;
  created_by: string;
  created_at: string;
}
export interface TemporaryDecisionsTable {
  id: Generated<number>;
  case_id: number;
  step: 'approve' | 'confirm' | 'refuse';
  amount_fen: number | null;
  band: 'quick' | 'township' | 'county' | 'case_by_case';
  level: Generated<'county' | 'township'>;
  reason: string;
  user_id: number | null;
  username: string;
  role: string;
  decided_at: string;
}
export interface TemporaryFundEntriesTable {
  id: Generated<number>;
  township_id: number;
  year: number;
  kind: 'allocation' | 'top_up' | 'payment';
  amount_fen: number;
  on_date: string;
  case_id: number | null;
  payment_id: number | null;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}
export interface TemporaryPaperworkTable {
  id: Generated<number>;
  case_id: number;
  verified_on: string | null;
  visited_on: string | null;
  visit_staff_json: Generated<string>;
  publicity_from: string | null;
  note: string;
  recorded_by: string;
  recorded_at: string;
}
export interface TemporaryParameterValuesTable {
  id: Generated<number>;
  parameter_id: string;
  effective_from: string;
  value: number;
  note: string | null;
  created_at: string;
  created_by: string;
}
export interface TemporaryPaymentsTable {
  id: Generated<number>;
  case_id: number;
  stage: number;
  paid_on: string;
  month: string;
  amount_fen: number;
  paid_from: 'standby_fund' | 'county';
  township_id: number;
  recorded_by: string;
  recorded_at: string;
}
export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: 'clerk' | 'manager' | 'administrator' | 'auditor';
  password_hash: string;
  active: Generated<number>;
  created_at: string;
  must_change_password: Generated<number>;
  password_changed_at: string | null;
  failed_logins: Generated<number>;
  locked_until: string | null;
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

export interface CasesTable {
  id: Generated<number>;
  household_id: number;
  township_id: number;
  tier_applied: 'tekun' | 'dibao' | 'marginal';
  received_on: string;
  relative_of_staff: Generated<number>;
  relative_note: string | null;
  station: string;
  level: 'township' | 'county';
  recorded_by: string;
  recorded_at: string;
  /** `<station id>:c<id>` where it was made (migration 0010-case-travel); null on a workstation that is not a station. */
  gid: string | null;
}
/** The stages of a case as migration 0007-cases allows them. */
export type CaseEventKind =
  | 'investigation_started'
  | 'home_visit'
  | 'investigated'
  | 'check_started'
  | 'publicity'
  | 'objection'
  | 'appraisal'
  | 'extended'
  | 'decided'
  | 'refused'
  | 'withdrawn';
export interface CaseEventsTable {
  id: Generated<number>;
  case_id: number;
  kind: CaseEventKind;
  on_date: string;
  level: 'township' | 'county';
  station: string;
  detail_json: Generated<string>;
  recorded_by: string;
  recorded_at: string;
  /** `<station id>:e<id>` where it was recorded (migration 0010-case-travel). */
  gid: string | null;
}
export interface CaseDelegationTable {
  id: Generated<number>;
  effective_from: string;
  townships_decide_dibao: number;
  townships_decide_tekun: number;
  temporary_band_fen: number;
  recorded_by: string;
  recorded_at: string;
}
export interface SpotCheckDrawsTable {
  id: Generated<number>;
  month: string;
  seed: number;
  percent: number;
  population: number;
  drawn_by: string;
  drawn_at: string;
}
export interface SpotCheckItemsTable {
  id: Generated<number>;
  draw_id: number;
  position: number;
  case_id: number;
}
export interface SpotCheckResultsTable {
  id: Generated<number>;
  item_id: number;
  visited_on: string;
  staff_json: string;
  outcome: 'confirmed' | 'finding';
  note: string;
  warning_id: number | null;
  recorded_by: string;
  recorded_at: string;
}
export interface Database {
  areas: AreasTable;
  audit_chain: AuditChainTable;
  audit_log: AuditLogTable;
  backups: BackupsTable;
  case_delegation: CaseDelegationTable;
  case_events: CaseEventsTable;
  cases: CasesTable;
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
  recovery_cases: RecoveryCasesTable;
  recovery_entries: RecoveryEntriesTable;
  recovery_fact_links: RecoveryFactLinksTable;
  recovery_facts: RecoveryFactsTable;
  recovery_months: RecoveryMonthsTable;
  referral_batches: ReferralBatchesTable;
  referral_events: ReferralEventsTable;
  referrals: ReferralsTable;
  registry_epoch: RegistryEpochTable;
  request_decisions: RequestDecisionsTable;
  requests: RequestsTable;
  scan_results: ScanResultsTable;
  scenario_drafts: ScenarioDraftsTable;
  scenario_results: ScenarioResultsTable;
  scenario_runs: ScenarioRunsTable;
  scans: ScansTable;
  service_assessments: ServiceAssessmentsTable;
  service_catalogue: ServiceCatalogueTable;
  service_contracts: ServiceContractsTable;
  service_plan_items: ServicePlanItemsTable;
  service_plans: ServicePlansTable;
  service_provider_townships: ServiceProviderTownshipsTable;
  service_providers: ServiceProvidersTable;
  service_records: ServiceRecordsTable;
  service_satisfaction: ServiceSatisfactionTable;
  sessions: SessionsTable;
  station_conflicts: StationConflictsTable;
  station_decisions: StationDecisionsTable;
  station_waiting: StationWaitingTable;
  station_packages: StationPackagesTable;
  station_self: StationSelfTable;
  station_sent: StationSentTable;
  stations: StationsTable;
  supporters_outside: SupportersOutsideTable;
  temporary_cases: TemporaryCasesTable;
  temporary_decisions: TemporaryDecisionsTable;
  temporary_fund_entries: TemporaryFundEntriesTable;
  temporary_paperwork: TemporaryPaperworkTable;
  temporary_parameter_values: TemporaryParameterValuesTable;
  temporary_payments: TemporaryPaymentsTable;
  users: UsersTable;
  vehicles: VehiclesTable;
  warning_visits: WarningVisitsTable;
  spot_check_draws: SpotCheckDrawsTable;
  spot_check_items: SpotCheckItemsTable;
  spot_check_results: SpotCheckResultsTable;
  warnings: WarningsTable;
  work_calendar: WorkCalendarTable;
}
