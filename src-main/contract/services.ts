/**
 * Service assistance (docs/rules/temporary-service-recovery.md §12): the dated service list,
 * providers and contracts (the county's: managers), needs assessments, plans, records and
 * satisfaction (clerks and managers), the monthly provider report. Administrators keep the
 * system, not cases: they have no business here.
 */
import { z } from 'zod';
import { CATALOGUE_AREAS, PROVIDER_KINDS } from '../common/codes';
import { CLERKS, id, int, isoDate, method, month } from './common';

/** The county defines its list, providers and contracts. */
const MANAGER = ['manager'] as const;

const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'a quarter is written 2026-Q4');
const text = (max: number) => z.string().trim().max(max);

export const catalogueEntry = z.object({
  id: int,
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  area: z.enum(CATALOGUE_AREAS),
  unitZh: z.string(),
  unitEn: z.string(),
  unitPriceFen: int,
  effectiveFrom: z.string(),
  withdrawn: z.boolean(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});

export const contractSchema = z.object({
  id: int,
  providerId: int,
  year: int,
  number: z.string(),
  budgetFen: int,
  services: z.array(z.string()),
  signedOn: z.string(),
});

export const providerSchema = z.object({
  id: int,
  code: z.string(),
  name: z.string(),
  kind: z.enum(PROVIDER_KINDS),
  contact: z.string().nullable(),
  active: z.boolean(),
  townships: z.array(z.object({ id: int, name: z.string() })),
  contracts: z.array(contractSchema),
});

const score = z.object({ score: z.union([z.literal(0), z.literal(1), z.literal(2)]), note: text(300) });
/** The seven areas of §12.2 (common/codes.ts SERVICE_AREAS), each scored with a note. */
const scores = z.object({
  economic: score,
  health: score,
  education: score,
  housing: score,
  employment: score,
  guardianship: score,
  social_integration: score,
});

export const assessmentSchema = z.object({
  id: int,
  householdId: int,
  idNumber: z.string(),
  personName: z.string(),
  assessedOn: z.string(),
  atHome: z.boolean(),
  assessors: z.array(z.string()),
  scores,
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  reviewDue: z.string(),
});

export const suggestionSchema = z.object({
  householdId: int,
  idNumber: z.string(),
  name: z.string(),
  township: z.string(),
  village: z.string(),
  tier: z.string(),
  why: z.string(),
  lastAssessedOn: z.string().nullable(),
});

export const planSchema = z.object({
  id: int,
  householdId: int,
  idNumber: z.string(),
  personName: z.string(),
  assessmentId: int,
  providerId: int,
  providerName: z.string(),
  startMonth: z.string(),
  endMonth: z.string(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  month: z.string(),
  active: z.boolean(),
  items: z.array(
    z.object({
      serviceCode: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      unitZh: z.string(),
      unitEn: z.string(),
      monthlyQuantity: int,
      delivered: int,
      received: z.boolean(),
    }),
  ),
});

export const recordRowSchema = z.object({
  id: int,
  recordKey: z.string(),
  serviceDate: z.string(),
  township: z.string(),
  village: z.string(),
  personName: z.string(),
  idNumber: z.string(),
  serviceCode: z.string(),
  nameZh: z.string(),
  unitZh: z.string(),
  quantity: int,
  unitPriceFen: int,
  costFen: int,
  staff: z.string().nullable(),
  source: z.enum(['import', 'manual']),
});

export const ratingSchema = z.object({
  id: int,
  householdId: int,
  idNumber: z.string(),
  personName: z.string(),
  providerId: int,
  quarter: z.string(),
  score: int,
  visitDate: z.string(),
  visitor: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string(),
});

export const providerReportSchema = z.object({
  month: z.string(),
  quarter: z.string(),
  providers: z.array(
    z.object({
      providerId: int,
      code: z.string(),
      name: z.string(),
      kind: z.enum(PROVIDER_KINDS),
      contractNumber: z.string().nullable(),
      budgetFen: int.nullable(),
      services: z.array(
        z.object({
          serviceCode: z.string(),
          nameZh: z.string(),
          nameEn: z.string(),
          unitZh: z.string(),
          unitEn: z.string(),
          persons: int,
          planned: int,
          delivered: int,
          costFen: int,
        }),
      ),
      plannedPersons: int,
      personsReceived: int,
      costFen: int,
      yearCostFen: int,
      satisfaction: z.number().nullable(),
      rated: int,
    }),
  ),
  totals: z.object({ planned: int, delivered: int, costFen: int, yearCostFen: int, budgetFen: int }),
});

export const servicesMethods = {
  'services.catalogue': method({
    input: z.object({ on: isoDate.optional() }),
    output: z.object({ on: z.string(), inForce: z.array(catalogueEntry), history: z.array(catalogueEntry) }),
    access: CLERKS,
  }),
  'services.addPrice': method({
    input: z.object({
      code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'a code is lower-case letters, digits and _'),
      nameZh: text(40).min(1),
      nameEn: text(60).min(1),
      area: z.enum(CATALOGUE_AREAS),
      unitZh: text(10).min(1),
      unitEn: text(20).min(1),
      unitPriceFen: int.min(0).max(100_000_00),
      effectiveFrom: isoDate,
      withdrawn: z.boolean().default(false),
      note: text(300).optional(),
    }),
    output: z.object({ id: int }),
    access: MANAGER,
  }),
  'services.addStandardList': method({ input: z.object({ from: isoDate }), output: z.object({ added: int }), access: MANAGER }),
  'services.providers': method({ input: z.object({}), output: z.array(providerSchema), access: CLERKS }),
  'services.saveProvider': method({
    input: z.object({
      id: id.optional(),
      code: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_-]{2,20}$/, 'a provider code is 2–20 letters, digits, _ or -'),
      name: text(60).min(2),
      kind: z.enum(PROVIDER_KINDS),
      contact: text(100).optional(),
      active: z.boolean().default(true),
      townshipIds: z.array(id).max(100),
    }),
    output: z.object({ id: int }),
    access: MANAGER,
  }),
  'services.saveContract': method({
    input: z.object({
      providerId: id,
      year: int.min(2020).max(2100),
      number: text(40).min(1),
      budgetFen: int.min(0).max(1_000_000_000_00),
      services: z.array(z.string()).min(1).max(50),
      signedOn: isoDate,
    }),
    output: z.object({ id: int }),
    access: MANAGER,
  }),
  'services.suggestions': method({
    input: z.object({ dueWithinDays: int.min(0).max(366).default(30) }),
    output: z.object({ suggestions: z.array(suggestionSchema), dueReviews: z.array(assessmentSchema) }),
    access: CLERKS,
  }),
  'services.assessments': method({
    input: z.object({ householdId: int.optional(), idNumber: z.string().optional() }),
    output: z.array(assessmentSchema),
    access: CLERKS,
  }),
  'services.assess': method({
    input: z.object({
      householdId: id,
      idNumber: z.string().min(15).max(18),
      assessedOn: isoDate,
      atHome: z.boolean(),
      assessors: z.array(text(30)).min(1, 'name the assessor').max(5),
      scores,
      note: text(500).optional(),
    }),
    output: z.object({ id: int }),
    access: CLERKS,
  }),
  'services.plans': method({
    input: z.object({
      householdId: int.optional(),
      providerId: int.optional(),
      month: month.optional(),
      activeOnly: z.boolean().default(false),
    }),
    output: z.array(planSchema),
    access: CLERKS,
  }),
  'services.createPlan': method({
    input: z.object({
      assessmentId: id,
      providerId: id,
      startMonth: month,
      endMonth: month,
      items: z.array(z.object({ serviceCode: z.string(), monthlyQuantity: int.min(1).max(999) })).min(1, 'choose at least one service'),
      note: text(300).optional(),
    }),
    output: z.object({ id: int }),
    access: CLERKS,
  }),
  'services.records': method({
    input: z.object({ month, providerId: int.optional(), idNumber: z.string().optional() }),
    output: z.array(recordRowSchema),
    access: CLERKS,
  }),
  'services.addRecord': method({
    input: z.object({
      providerId: id,
      recordId: text(40).default(''),
      idNumber: z.string().min(15).max(18),
      serviceCode: z.string().min(1).max(40),
      date: isoDate,
      quantity: int.min(1).max(99_999),
      staff: text(30).optional(),
      note: text(300).optional(),
    }),
    output: z.object({ id: int }),
    access: CLERKS,
  }),
  'services.ratings': method({
    input: z.object({ providerId: int.optional(), quarter: quarter.optional(), householdId: int.optional() }),
    output: z.array(ratingSchema),
    access: CLERKS,
  }),
  'services.rate': method({
    input: z.object({
      idNumber: z.string().min(15).max(18),
      providerId: id,
      quarter,
      score: int.min(1).max(5),
      visitDate: isoDate,
      visitor: text(30).min(1, 'name who visited'),
      note: text(300).optional(),
    }),
    output: z.object({ id: int }),
    access: CLERKS,
  }),
  'services.report': method({ input: z.object({ month }), output: providerReportSchema, access: CLERKS }),
  'services.household': method({
    input: z.object({ householdId: id }),
    output: z.object({ suggestions: z.array(suggestionSchema), assessments: z.array(assessmentSchema), plans: z.array(planSchema) }),
    access: CLERKS,
  }),
} as const;
