/** The engine's result: data only. Text is rendered from rules.ts on demand (render.ts). */
import type { Residence, Tier } from '../common/household-file';
import type { CareLevel } from './compiled';
import type { RuleId } from './rules';

/**
 * Figures a reason compared. Keys ending in `Fen` are money in fen (possibly fractional fen
 * when a rate produced it — the comparison itself was exact), `…Rate` a fraction (0.7 = 70 %),
 * `…Area` square metres; string values are codes (see CODES) or ID numbers / names.
 */
export type Figures = Record<string, number | string>;

export interface Reason {
  rule: RuleId;
  /** Absent for reasons that only explain an amount (gap, add-on, rounding …). */
  pass?: boolean;
  figures: Figures;
}

export type HouseholdTier = Tier | 'none';
export type ReviewClass = 'A' | 'B' | 'C';

export interface TierOutcome {
  eligible: boolean;
  reasons: Reason[];
}

export interface TekunPerson {
  idNumber: string;
  eligible: boolean;
  /** Set for candidates who passed (a); the care level of an eligible person decides the subsidy. */
  careLevel: CareLevel | null;
  /** Monthly 特困 support (basic living + care subsidy) in fen; 0 when not eligible. */
  supportFen: number;
  reasons: Reason[];
}

export interface SinglePersonInclusion {
  idNumber: string;
  benefitFen: number;
  reasons: Reason[];
}

export type BreakdownItemKind = 'tekun_support' | 'care_subsidy' | 'gap' | 'addon' | 'single_person' | 'gradual_exit' | 'rounding';

export interface BreakdownItem {
  item: BreakdownItemKind;
  idNumber: string | null;
  /** Exact amount in fen before the single rounding of §10.11 (may carry fractional fen). */
  amountFen: number;
  rule: RuleId;
}

export type Assistance = 'medical' | 'education' | 'housing' | 'employment' | 'temporary';
export type Department = 'medical_insurance' | 'education' | 'housing' | 'hrss' | 'civil_affairs';

export interface Entitlement {
  assistance: Assistance;
  department: Department;
  /** The member it is for, or null for the household. */
  idNumber: string | null;
  /** The tier that grants it (the member's for 特困 / 单人保, else the household's). */
  tier: Tier;
  rule: RuleId;
  figures: Figures;
}

export interface Determination {
  referenceDate: string;
  parameterSet: string;
  residence: Residence;
  tier: HouseholdTier;
  presentMembers: number;
  /** Present members left after 特困 members leave (§10.7). */
  restMembers: number;
  tekun: TierOutcome & { members: string[]; persons: TekunPerson[] };
  dibao: TierOutcome;
  marginal: TierOutcome;
  rigid: TierOutcome;
  singlePersonInclusion: SinglePersonInclusion[];
  gradualExit: { month: number; percent: number } | null;
  reviewClass: ReviewClass | null;
  breakdown: BreakdownItem[];
  /** Exact monthly total before rounding, fen (may be fractional). */
  unroundedFen: number;
  /** Rounded once per §10.11: whole yuan, in fen. */
  monthlyBenefitFen: number;
  rounding: Reason;
  entitlements: Entitlement[];
}
