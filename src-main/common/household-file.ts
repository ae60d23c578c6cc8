/**
 * Household file, format 1 (docs/rules/household-file.md): the interchange shape read
 * by `screen`, exported/imported between workstations and used by test fixtures.
 * Amounts in the file are yuan (≤ 2 decimals); the store keeps fen.
 * Unknown fields are rejected (`.strict()`), and every error names its path.
 */
import { z } from 'zod';
import { isIsoDate } from './dates';
import { isYuanAmount } from './money';
import { parseIdNumber, ID_PROBLEM_TEXT } from './id-number';
import { errorMessage } from './errors';

export const RESIDENCES = ['urban', 'rural'] as const;
export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'child_in_law', 'other'] as const;
export const MEMBER_STATUSES = ['present', 'prison', 'compulsory_rehab', 'missing', 'clergy_away', 'deceased'] as const;
export const SUPPORTER_STATUSES = [...MEMBER_STATUSES, 'incapacitated'] as const;
export const DISABILITY_KINDS = ['physical', 'intellectual', 'psychiatric', 'visual', 'hearing', 'speech', 'multiple'] as const;
export const ILLNESSES = ['critical', 'chronic'] as const;
export const LABOURS = ['employed', 'self_employed', 'unemployed', 'farming', 'retired', 'unable', 'none'] as const;
export const SCHOOLINGS = ['preschool', 'primary', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'postgraduate'] as const;
export const SUPPORT_MODES = ['at_home', 'institution'] as const;
export const COUNTED_INCOME_TYPES = [
  'wage',
  'business',
  'property',
  'support',
  'pension',
  'unemployment',
  'survivor',
  'compensation',
  'other',
] as const;
export const EXCLUDED_INCOME_TYPES = [
  'basic_pension',
  'care_payment',
  'family_planning',
  'scholarship',
  'award',
  'assistance',
  'old_age_allowance',
] as const;
export const INCOME_TYPES = [...COUNTED_INCOME_TYPES, ...EXCLUDED_INCOME_TYPES] as const;
export const SUPPORTER_RELATIONS = ['spouse', 'parent', 'child'] as const;
export const TIERS = ['tekun', 'dibao', 'marginal', 'rigid'] as const;
export const VEHICLE_KINDS = ['private_car', 'commercial_livelihood', 'disability_mobility', 'motorcycle', 'ebike'] as const;
export const BUSINESS_ROLES = ['legal_representative', 'senior_manager', 'controlling_shareholder', 'sole_proprietor'] as const;
export const HOUSING_CONDITIONS = ['sound', 'dangerous'] as const;
export const HOUSING_TENURES = ['own', 'rent', 'public_rental', 'none'] as const;
export const MONITORING_FLAGS = ['unstable', 'edge', 'sudden_hardship'] as const;
export const EXPENSE_KEYS = [
  'medicalOutOfPocket',
  'medicalTravel',
  'education',
  'rehabilitation',
  'accident',
  'assistanceAlreadyReceived',
] as const;

export type Residence = (typeof RESIDENCES)[number];
export type Relation = (typeof RELATIONS)[number];
export type IncomeType = (typeof INCOME_TYPES)[number];
export type Tier = (typeof TIERS)[number];

const isoDate = z.string().refine(isIsoDate, { message: 'date must be YYYY-MM-DD and a real date' });
const yuan = z
  .number()
  .nonnegative({ message: 'amount must not be negative' })
  .refine(isYuanAmount, { message: 'amount has more than two decimals' });
const nonNegative = z.number().nonnegative();

/**
 * Today is passed in so that validation (future birth dates) is deterministic in tests;
 * a function is read at parse time, for schemas built once (the API contract).
 */
export type Today = string | (() => string);
const resolveToday = (t: Today) => (typeof t === 'function' ? t() : t);

export function idNumberSchema(today: Today) {
  return z.string().superRefine((v, ctx) => {
    const r = parseIdNumber(v, resolveToday(today));
    if (!r.ok) ctx.addIssue({ code: 'custom', message: ID_PROBLEM_TEXT[r.problem].en, params: { problem: r.problem } });
  });
}

export function householdFileSchema(today: Today) {
  return z
    .object({
      format: z.literal(1, { message: 'format must be 1' }),
      referenceDate: isoDate.optional(),
      household: householdSchema(today),
    })
    .strict();
}

export function householdSchema(today: Today) {
  return householdShape(idNumberSchema(today)).superRefine((h, ctx) => {
    const heads = h.members.filter((m) => m.relation === 'head').length;
    if (heads !== 1) ctx.addIssue({ code: 'custom', message: `a household has exactly one head (found ${heads})`, path: ['members'] });
    const seen = new Map<string, number>();
    h.members.forEach((m, i) => {
      const id = normaliseId(m.idNumber, resolveToday(today));
      if (seen.has(id))
        ctx.addIssue({
          code: 'custom',
          message: `the same person is listed twice (members[${seen.get(id)}] and members[${i}])`,
          path: ['members', i, 'idNumber'],
        });
      seen.set(id, i);
    });
  });
}

/**
 * A stored household as the service answers it: the same shape and codes as the file, but its
 * ID numbers are not checked again against today (they were on the way in, and a birth date
 * does not become invalid later), nor the household-level rules of the input.
 */
export const householdOutputSchema = householdShape(z.string());

/** The household object, with the ID number check given (the input's, or none for output). */
function householdShape(idNumber: z.ZodType<string>) {
  const member = z
    .object({
      idNumber,
      name: z.string().trim().min(1, 'name is required').max(50),
      relation: z.enum(RELATIONS),
      status: z.enum(MEMBER_STATUSES),
      disability: z
        .object({ kind: z.enum(DISABILITY_KINDS), grade: z.number().int().min(1).max(4) })
        .strict()
        .nullable()
        .default(null),
      illness: z.enum(ILLNESSES).nullable().default(null),
      labour: z.enum(LABOURS).default('none'),
      schooling: z.enum(SCHOOLINGS).nullable().default(null),
      selfCareUnmanaged: z.number().int().min(0).max(6).default(0),
      supportMode: z.enum(SUPPORT_MODES).nullable().default(null),
      authorisedOn: isoDate.nullable().default(null),
      monthlyIncome: z.array(z.object({ type: z.enum(INCOME_TYPES), amount: yuan }).strict()).default([]),
    })
    .strict();
  const supporter = z
    .object({
      idNumber: idNumber.optional(),
      name: z.string().trim().min(1).max(50),
      relation: z.enum(SUPPORTER_RELATIONS),
      age: z.number().int().min(0).max(130).optional(),
      annualIncome: yuan.default(0),
      tier: z.enum(TIERS).nullable().default(null),
      severeDisability: z.boolean().default(false),
      status: z.enum(SUPPORTER_STATUSES).default('present'),
    })
    .strict()
    .superRefine((s, ctx) => {
      if (s.idNumber === undefined && s.age === undefined)
        ctx.addIssue({ code: 'custom', message: 'a supporter needs idNumber or age', path: ['age'] });
    });
  return z
    .object({
      externalId: z.string().max(64).optional(),
      residence: z.enum(RESIDENCES),
      area: z.object({ township: z.string().trim().min(1), village: z.string().trim().min(1) }).strict(),
      address: z.string().max(200).optional(),
      members: z.array(member).min(1, 'a household needs at least one member'),
      supportersOutside: z.array(supporter).default([]),
      assets: z
        .object({
          vehicles: z.array(z.object({ kind: z.enum(VEHICLE_KINDS) }).strict()).default([]),
          homes: z.array(z.object({ floorArea: nonNegative, resettlement: z.boolean().default(false) }).strict()).default([]),
          financialAssets: yuan.default(0),
          businesses: z
            .array(
              z
                .object({
                  role: z.enum(BUSINESS_ROLES),
                  operating: z.boolean().default(true),
                  employees: z.number().int().min(0).default(0),
                })
                .strict(),
            )
            .default([]),
          largeMachineryOrVessel: z.boolean().default(false),
          recentPurchase: z.boolean().default(false),
        })
        .strict()
        .default({ vehicles: [], homes: [], financialAssets: 0, businesses: [], largeMachineryOrVessel: false, recentPurchase: false }),
      expenses12Months: z
        .object({
          medicalOutOfPocket: yuan.default(0),
          medicalTravel: yuan.default(0),
          education: yuan.default(0),
          rehabilitation: yuan.default(0),
          accident: yuan.default(0),
          assistanceAlreadyReceived: yuan.default(0),
        })
        .strict()
        .default({ medicalOutOfPocket: 0, medicalTravel: 0, education: 0, rehabilitation: 0, accident: 0, assistanceAlreadyReceived: 0 }),
      housing: z
        .object({ condition: z.enum(HOUSING_CONDITIONS).default('sound'), tenure: z.enum(HOUSING_TENURES).default('own') })
        .strict()
        .default({ condition: 'sound', tenure: 'own' }),
      flags: z
        .object({ returnToPovertyMonitoring: z.enum(MONITORING_FLAGS).nullable().default(null) })
        .strict()
        .default({ returnToPovertyMonitoring: null }),
      current: z
        .object({
          tier: z.enum(TIERS).nullable().default(null),
          monthlyBenefit: yuan.default(0),
          gradualExitSince: z
            .string()
            .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM')
            .nullable()
            .default(null),
        })
        .strict()
        .nullable()
        .default(null),
    })
    .strict();
}

function normaliseId(id: string, today: string): string {
  const r = parseIdNumber(id, today);
  return r.ok ? r.value.idNumber : id;
}

export type HouseholdFile = z.output<ReturnType<typeof householdFileSchema>>;
export type HouseholdData = HouseholdFile['household'];
export type MemberData = HouseholdData['members'][number];
export type SupporterData = HouseholdData['supportersOutside'][number];

export interface FieldError {
  code: 'invalid_input';
  message: string;
  field: string;
}

/** `household.members[1].idNumber` — the path style the CLI and UI show. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

export function zodIssueToFieldError(issue: z.core.$ZodIssue): FieldError {
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') message = `unknown field(s): ${issue.keys.join(', ')}`;
  return { code: 'invalid_input', message, field: formatPath(issue.path) };
}

/**
 * Parses a household file from JSON text. Returns normalised data (18-digit upper-case IDs,
 * defaults filled) or the first error with its path, plus all errors for a full report.
 */
export function parseHouseholdFile(
  text: string,
  today: string,
): { ok: true; value: HouseholdFile } | { ok: false; error: FieldError; errors: FieldError[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const error: FieldError = { code: 'invalid_input', message: `not valid JSON: ${errorMessage(e)}`, field: '' };
    return { ok: false, error, errors: [error] };
  }
  const r = householdFileSchema(today).safeParse(json);
  if (!r.success) {
    const errors = r.error.issues.map(zodIssueToFieldError);
    return { ok: false, error: errors[0], errors };
  }
  normaliseHouseholdIds(r.data.household, today);
  return { ok: true, value: r.data };
}

/** 15-digit numbers become 18-digit ones; call after a successful parse. */
export function normaliseHouseholdIds(h: HouseholdData, today: string): HouseholdData {
  for (const m of h.members) m.idNumber = normaliseId(m.idNumber, today);
  for (const s of h.supportersOutside) if (s.idNumber) s.idNumber = normaliseId(s.idNumber, today);
  return h;
}
