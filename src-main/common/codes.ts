/**
 * The code lists every layer names the same way: the contract validates them, the core stores
 * them, the renderer offers them. Labels for people live in ./labels.ts.
 */

export const ROLES = ['clerk', 'manager', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

/** How a household's new determination differs from the one in force (docs/rules/assistance.md, scan). */
export const SCAN_KINDS = ['newly_eligible', 'tier_up', 'tier_down', 'benefit_changed', 'no_longer_eligible'] as const;
export type ScanKind = (typeof SCAN_KINDS)[number];

/** What started a proactive scan: a manager, or a new parameter value taking effect. */
export const SCAN_TRIGGERS = ['manual', 'parameter_change'] as const;
export type ScanTrigger = (typeof SCAN_TRIGGERS)[number];

/** Department files the exchange reads (docs/rules/assistance.md §6). */
export const SOURCES = [
  'public_security_deaths',
  'public_security_vehicles',
  'real_estate',
  'market_regulation',
  'hrss',
  'tax',
  'housing_fund',
  'banks',
  'medical_insurance',
  'education',
  'disability_federation',
  'agriculture_monitoring',
  'referral_feedback',
] as const;
export type Source = (typeof SOURCES)[number];

/** The warning rules of §4.2 (their texts and deadlines: src-main/monitoring/rules.ts). */
export const WARNING_RULES = [
  'death',
  'hospital_cost',
  'disaster',
  'new_disability',
  'unemployment',
  'vehicle_found',
  'property_found',
  'business_found',
  'financial_assets',
  'pension_start',
  'income_record',
  'turns_60',
  'turns_18',
  'graduated',
  'prison_or_missing',
  'monitoring_flag',
  'review_overdue',
  'name_mismatch',
  'spot_check',
] as const;
export type WarningRuleId = (typeof WARNING_RULES)[number];

/** How a warning is closed (§4.2). */
export const WARNING_OUTCOMES = ['no_change', 'adjust', 'new_assistance', 'referral'] as const;
export type Outcome = (typeof WARNING_OUTCOMES)[number];

/** How a review ends (§4.1). */
export const REVIEW_OUTCOMES = ['no_change', 'increase', 'decrease', 'stop', 'change_of_tier'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** Kinds of assistance a need is pushed for, and the departments that serve them (§5). */
export const ASSISTANCES = ['medical', 'education', 'housing', 'employment', 'temporary', 'charity'] as const;
export type AssistanceCode = (typeof ASSISTANCES)[number];
export const DEPARTMENTS = ['medical_insurance', 'education', 'housing', 'hrss', 'civil_affairs', 'charity'] as const;
export type DepartmentCode = (typeof DEPARTMENTS)[number];
export const DEPARTMENT_OF: Readonly<Record<AssistanceCode, DepartmentCode>> = {
  medical: 'medical_insurance',
  education: 'education',
  housing: 'housing',
  employment: 'hrss',
  temporary: 'civil_affairs',
  charity: 'charity',
};

export const REFERRAL_STATUSES = ['drafted', 'pushed', 'acknowledged', 'completed', 'declined'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_RESULTS = ['assisted', 'declined', 'not_eligible'] as const;
export type ReferralResult = (typeof REFERRAL_RESULTS)[number];

/** Printed forms (reports/). */
export const REPORT_KINDS = ['roster', 'changes', 'publicity', 'chain', 'warnings'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** What the assistance chain records (docs/rules/assistance.md §7). */
export const CHAIN_KINDS = [
  'determination',
  'tier_change',
  'review',
  'warning',
  'visit',
  'referral',
  'department_result',
  'payment',
  'entitlement',
] as const;
export type ChainKind = (typeof CHAIN_KINDS)[number];

/** Whether `value` is a code of `list` (a select's value, say). */
export function isCode<T extends string>(list: readonly T[], value: string): value is T {
  return list.some((c) => c === value);
}

/** `value` as a code of `list`. The database holds only listed codes: one it does not know is a bug, and throws. */
export function codeOf<T extends string>(list: readonly T[], value: string): T {
  if (!isCode(list, value)) throw new Error(`unknown code "${value}" (one of ${list.join(', ')} expected)`);
  return value;
}
