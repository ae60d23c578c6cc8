/**
 * The code lists every layer names the same way: the contract validates them, the core stores
 * them, the renderer offers them. Labels for people live in ./labels.ts.
 */

/** Roles (docs/security.md "Roles and the two-person rule"): the administrator keeps the system, the auditor reads the audit log. */
export const ROLES = ['clerk', 'manager', 'administrator', 'auditor'] as const;
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
  'service_records',
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
  'temporary.paperwork_overdue',
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

/** Service assistance (docs/rules/temporary-service-recovery.md §12): the seven areas of a needs assessment, each scored 0–2. */
export const SERVICE_AREAS = ['economic', 'health', 'education', 'housing', 'employment', 'guardianship', 'social_integration'] as const;
export type ServiceArea = (typeof SERVICE_AREAS)[number];
/** The area a service on the list serves: one of the seven, or any (resource linking). */
export const CATALOGUE_AREAS = [...SERVICE_AREAS, 'any'] as const;
export type CatalogueArea = (typeof CATALOGUE_AREAS)[number];
export const PROVIDER_KINDS = ['social_work_station', 'social_organisation'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
/** The monthly provider report and a provider's ledger of a month. */
export const SERVICE_REPORTS = ['services', 'services_ledger'] as const;

/** Facts with a past date that end or lower a benefit (docs/rules/temporary-service-recovery.md §13). */
export const RECOVERY_FACT_KINDS = ['death', 'income', 'assets', 'moved_away'] as const;
export type RecoveryFactKind = (typeof RECOVERY_FACT_KINDS)[number];
export const RECOVERY_ENTRY_KINDS = ['repayment', 'waiver', 'deduction'] as const;
export type RecoveryEntryKind = (typeof RECOVERY_ENTRY_KINDS)[number];
/** The county recovery ledger and a case's notice. */
export const RECOVERY_REPORTS = ['recovery', 'recovery_notice'] as const;

/** Printed forms (reports/). */
export const REPORT_KINDS = [
  'roster',
  'changes',
  'publicity',
  'chain',
  'warnings',
  'temporary_ledger',
  'temporary_publicity',
  ...SERVICE_REPORTS,
  ...RECOVERY_REPORTS,
] as const;
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

/** Temporary assistance (docs/rules/temporary-service-recovery.md §11): kinds, reasons by kind, fast paths, bands. */
export const TEMPORARY_KINDS = ['emergency', 'expenditure'] as const;
export type TemporaryKind = (typeof TEMPORARY_KINDS)[number];
export const EMERGENCY_REASONS = ['fire', 'disaster', 'accident', 'sudden_illness', 'other_emergency'] as const;
export const EXPENDITURE_REASONS = ['medical', 'education', 'other_essential'] as const;
export const TEMPORARY_REASONS = [...EMERGENCY_REASONS, ...EXPENDITURE_REASONS] as const;
export type TemporaryReason = (typeof TEMPORARY_REASONS)[number];
/** How a case is handled: 小额快救, 先行救助, or the ordinary request → decision → payment. */
export const TEMPORARY_TRACKS = ['quick', 'assist_first', 'ordinary'] as const;
export type TemporaryTrack = (typeof TEMPORARY_TRACKS)[number];
export const TEMPORARY_BANDS = ['quick', 'township', 'county', 'case_by_case'] as const;
export type TemporaryBand = (typeof TEMPORARY_BANDS)[number];
export const TEMPORARY_STATUSES = ['pending', 'awaiting_second', 'approved', 'paid', 'refused'] as const;
export type TemporaryStatus = (typeof TEMPORARY_STATUSES)[number];
export const PAID_FROM = ['standby_fund', 'county'] as const;
export type PaidFrom = (typeof PAID_FROM)[number];
/** Where a decision is taken; the county until the workstations bring township stations and delegation. */
export const DECIDING_LEVELS = ['county', 'township'] as const;
export type DecidingLevel = (typeof DECIDING_LEVELS)[number];

/** The dated figures of temporary assistance (src-main/temporary/parameters.ts). */
export const TEMPORARY_PARAMETER_IDS = [
  'temporary.quickMultiple',
  'temporary.townshipMultiple',
  'temporary.caseByCaseMultiple',
  'temporary.thresholdRate',
  'temporary.rateInTier',
  'temporary.rateOther',
  'temporary.paperworkDays',
  'temporary.quickDecisionDays',
  'temporary.standbyFund',
] as const;
export type TemporaryParameterId = (typeof TEMPORARY_PARAMETER_IDS)[number];

/** Whether `value` is a code of `list` (a select's value, say). */
export function isCode<T extends string>(list: readonly T[], value: string): value is T {
  return list.some((c) => c === value);
}

/** `value` as a code of `list`. The database holds only listed codes: one it does not know is a bug, and throws. */
export function codeOf<T extends string>(list: readonly T[], value: string): T {
  if (!isCode(list, value)) throw new Error(`unknown code "${value}" (one of ${list.join(', ')} expected)`);
  return value;
}
