/**
 * The assistance engine's result as data, and the `screen` output rendered from it
 * (docs/rules/household-file.md, "What screen returns"): zod schemas defined once, so the
 * engine's types (src-main/policy/types.ts), the contract's outputs and the screens cannot
 * drift apart. The engine builds plain objects of these types; nothing here runs per household.
 */
import { z } from 'zod';
import { RESIDENCES, TIERS } from './household-file';

/**
 * Every rule the engine evaluates (docs/rules/assistance.md §10). Their texts and legal basis
 * are src-main/policy/rules.ts, which is checked at compile time to cover exactly this list.
 * Append-only: the scan stores reasons by their position here (src-main/scan/reasons-codec.ts).
 */
export const RULE_IDS = [
  'household.noPresentMembers',
  'tier.higher',
  'tier.allTekun',
  'income.counted',
  'income.excluded',
  'income.disregard',
  'asset.vehicle',
  'asset.vehicle.commercialLivelihood',
  'asset.vehicle.disabilityMobility',
  'asset.vehicle.ignored',
  'asset.machinery',
  'asset.business',
  'asset.business.soleProprietor',
  'asset.homes',
  'asset.homes.resettlement',
  'asset.recentPurchase',
  'asset.financial',
  'asset.financial.rigid',
  'tekun.capacity',
  'tekun.living',
  'tekun.assets',
  'tekun.supporter.inside',
  'tekun.supporter.outside',
  'tekun.supporter',
  'tekun.support',
  'tekun.care',
  'dibao.income',
  'dibao.assets',
  'dibao.gap',
  'dibao.addon',
  'single_person.inclusion',
  'gradual_exit',
  'marginal.income',
  'marginal.assets',
  'rigid.income',
  'rigid.assets',
  'rigid.ratio',
  'rigid.medicalRatio',
  'rounding',
  'review.class',
  'entitlement.medical.premium',
  'entitlement.medical.outOfPocket',
  'entitlement.education',
  'entitlement.housing.renovation',
  'entitlement.housing.rental',
  'entitlement.employment',
  'entitlement.temporary',
  'entitlement.service_assessment',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const HOUSEHOLD_TIERS = [...TIERS, 'none'] as const;
export const REVIEW_CLASSES = ['A', 'B', 'C'] as const;
/** 特困 care levels (§1.1): all six daily activities managed, 1–3 not managed, 4–6 not managed. */
export const CARE_LEVELS = ['self_care', 'partial_care', 'full_care'] as const;
export const BREAKDOWN_ITEMS = ['tekun_support', 'care_subsidy', 'gap', 'addon', 'single_person', 'gradual_exit', 'rounding'] as const;
/** What the engine grants besides cash (§5), and the department that serves each. */
export const ENGINE_ASSISTANCES = ['medical', 'education', 'housing', 'employment', 'temporary', 'service_assessment'] as const;
export const ENGINE_DEPARTMENTS = ['medical_insurance', 'education', 'housing', 'hrss', 'civil_affairs'] as const;

/**
 * Figures a reason compared. Keys ending in `Fen` are money in fen (possibly fractional fen
 * when a rate produced it — the comparison itself was exact), `…Rate` a fraction (0.7 = 70 %),
 * `…Area` square metres; string values are codes (policy/rules.ts CODES) or ID numbers / names.
 */
export const figuresSchema = z.record(z.string(), z.union([z.number(), z.string()]));

export const reasonSchema = z.object({
  rule: z.enum(RULE_IDS),
  /** Absent for reasons that only explain an amount (gap, add-on, rounding …). */
  pass: z.boolean().optional(),
  figures: figuresSchema,
});

const tierOutcome = z.object({ eligible: z.boolean(), reasons: z.array(reasonSchema) });

export const tekunPersonSchema = z.object({
  idNumber: z.string(),
  eligible: z.boolean(),
  /** Set for candidates who passed (a); the care level of an eligible person decides the subsidy. */
  careLevel: z.enum(CARE_LEVELS).nullable(),
  /** Monthly 特困 support (basic living + care subsidy) in fen; 0 when not eligible. */
  supportFen: z.number(),
  reasons: z.array(reasonSchema),
});

export const breakdownItemSchema = z.object({
  item: z.enum(BREAKDOWN_ITEMS),
  idNumber: z.string().nullable(),
  /** Exact amount in fen before the single rounding of §10.11 (may carry fractional fen). */
  amountFen: z.number(),
  rule: z.enum(RULE_IDS),
});

export const entitlementSchema = z.object({
  assistance: z.enum(ENGINE_ASSISTANCES),
  department: z.enum(ENGINE_DEPARTMENTS),
  /** The member it is for, or null for the household. */
  idNumber: z.string().nullable(),
  /** The tier that grants it (the member's for 特困 / 单人保, else the household's). */
  tier: z.enum(TIERS),
  rule: z.enum(RULE_IDS),
  figures: figuresSchema,
});

const gradualExit = z.object({ month: z.number().int(), percent: z.number() }).nullable();

export const determinationSchema = z.object({
  referenceDate: z.string(),
  parameterSet: z.string(),
  residence: z.enum(RESIDENCES),
  tier: z.enum(HOUSEHOLD_TIERS),
  presentMembers: z.number().int(),
  /** Present members left after 特困 members leave (§10.7). */
  restMembers: z.number().int(),
  tekun: tierOutcome.extend({ members: z.array(z.string()), persons: z.array(tekunPersonSchema) }),
  dibao: tierOutcome,
  marginal: tierOutcome,
  rigid: tierOutcome,
  singlePersonInclusion: z.array(z.object({ idNumber: z.string(), benefitFen: z.number(), reasons: z.array(reasonSchema) })),
  gradualExit,
  reviewClass: z.enum(REVIEW_CLASSES).nullable(),
  breakdown: z.array(breakdownItemSchema),
  /** Exact monthly total before rounding, fen (may be fractional). */
  unroundedFen: z.number(),
  /** Rounded once per §10.11: whole yuan, in fen. */
  monthlyBenefitFen: z.number().int(),
  rounding: reasonSchema,
  entitlements: z.array(entitlementSchema),
});

/** The `screen` command's JSON: yuan and reasons rendered in the reader's language. */
export const screenOutputSchema = z.object({
  referenceDate: z.string(),
  parameterSet: z.string(),
  tier: z.enum(HOUSEHOLD_TIERS),
  tiers: z.array(
    z.object({
      tier: z.enum(TIERS),
      eligible: z.boolean(),
      members: z.array(z.string()).optional(),
      reasons: z.array(z.string()),
      /** The rule of each reason, in the same order: the codes a details view shows (the text has none). */
      rules: z.array(z.enum(RULE_IDS)),
    }),
  ),
  singlePersonInclusion: z.array(z.object({ idNumber: z.string(), reasons: z.array(z.string()), rules: z.array(z.enum(RULE_IDS)) })),
  monthlyBenefit: z.number(),
  breakdown: z.array(
    z.object({ item: z.enum(BREAKDOWN_ITEMS), idNumber: z.string().optional(), amount: z.number(), rule: z.enum(RULE_IDS) }),
  ),
  reviewClass: z.enum(REVIEW_CLASSES).nullable(),
  gradualExit,
  entitlements: z.array(
    z.object({
      assistance: z.enum(ENGINE_ASSISTANCES),
      department: z.enum(ENGINE_DEPARTMENTS),
      idNumber: z.string().optional(),
      detail: z.string(),
      rule: z.enum(RULE_IDS),
    }),
  ),
});

export type Figures = z.infer<typeof figuresSchema>;
export type Reason = z.infer<typeof reasonSchema>;
export type TierOutcome = z.infer<typeof tierOutcome>;
export type TekunPerson = z.infer<typeof tekunPersonSchema>;
export type SinglePersonInclusion = z.infer<typeof determinationSchema>['singlePersonInclusion'][number];
export type BreakdownItem = z.infer<typeof breakdownItemSchema>;
export type BreakdownItemKind = (typeof BREAKDOWN_ITEMS)[number];
export type Entitlement = z.infer<typeof entitlementSchema>;
export type Assistance = (typeof ENGINE_ASSISTANCES)[number];
export type Department = (typeof ENGINE_DEPARTMENTS)[number];
export type HouseholdTier = (typeof HOUSEHOLD_TIERS)[number];
export type ReviewClass = (typeof REVIEW_CLASSES)[number];
export type CareLevel = (typeof CARE_LEVELS)[number];
export type Determination = z.infer<typeof determinationSchema>;
export type ScreenOutput = z.infer<typeof screenOutputSchema>;
export type ScreenTier = ScreenOutput['tiers'][number];
