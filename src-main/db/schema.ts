/** Kysely table types; they mirror migrations/ (money columns end in `_fen`). */
import type { Generated } from 'kysely';

export interface OfficeTable { id: number; name: string; county: string; region_code: string; is_demo: number; created_at: string }
export interface AreaTable { id: Generated<number>; parent_id: number | null; level: 'township' | 'village'; name: string; code: string | null }
export interface HouseholdTable {
  id: Generated<number>;
  external_id: string | null;
  residence: 'urban' | 'rural';
  area_id: number;
  address: string | null;
  housing_condition: string;
  housing_tenure: string;
  monitoring_flag: string | null;
  financial_assets_fen: number;
  large_machinery_or_vessel: number;
  recent_purchase: number;
  current_tier: string | null;
  current_benefit_fen: number;
  gradual_exit_since: string | null;
  status: 'active' | 'closed';
  version: number;
  created_at: string;
  updated_at: string;
}
export interface MemberTable {
  id: Generated<number>;
  household_id: number;
  position: number;
  id_number: string;
  name: string;
  sex: 'male' | 'female';
  birth_date: string;
  relation: string;
  status: string;
  disability_kind: string | null;
  disability_grade: number | null;
  illness: string | null;
  labour: string;
  schooling: string | null;
  self_care_unmanaged: number;
  support_mode: string | null;
  authorised_on: string | null;
  active: number;
}
export interface IncomeItemTable { id: Generated<number>; member_id: number; type: string; amount_fen: number }
export interface VehicleTable { id: Generated<number>; household_id: number; kind: string }
export interface HomeTable { id: Generated<number>; household_id: number; floor_area: number; resettlement: number }
export interface BusinessTable { id: Generated<number>; household_id: number; role: string; operating: number; employees: number }
export interface Expenses12mTable {
  household_id: number;
  medical_out_of_pocket_fen: number;
  medical_travel_fen: number;
  education_fen: number;
  rehabilitation_fen: number;
  accident_fen: number;
  assistance_received_fen: number;
}
export interface SupporterOutsideTable {
  id: Generated<number>;
  household_id: number;
  position: number;
  id_number: string | null;
  name: string;
  relation: string;
  age: number | null;
  annual_income_fen: number;
  tier: string | null;
  severe_disability: number;
  status: string;
}
export interface UserTable { id: Generated<number>; username: string; display_name: string; role: 'clerk' | 'manager' | 'administrator'; password_hash: string; active: number; created_at: string }
export interface SessionTable { token_hash: string; user_id: number; created_at: string; last_seen_at: string; ended_at: string | null }
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

export interface Database {
  office: OfficeTable;
  areas: AreaTable;
  households: HouseholdTable;
  members: MemberTable;
  income_items: IncomeItemTable;
  vehicles: VehicleTable;
  homes: HomeTable;
  businesses: BusinessTable;
  expenses_12m: Expenses12mTable;
  supporters_outside: SupporterOutsideTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
}
