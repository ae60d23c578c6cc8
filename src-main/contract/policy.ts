import { z } from 'zod';
import { method, isoDate, ok } from './common';
import { householdInput } from './registry';
import { TIERS } from '../common/household-file';

const STAFF = ['clerk', 'manager', 'administrator'] as const;
const MANAGERS = ['manager', 'administrator'] as const;
const tierOrNone = z.enum([...TIERS, 'none']);
export const SCAN_KINDS = ['newly_eligible', 'tier_up', 'tier_down', 'benefit_changed', 'no_longer_eligible'] as const;

export const parameterRowSchema = z.object({
  id: z.number().int(),
  parameterId: z.string(),
  unit: z.string(),
  effectiveFrom: isoDate,
  urban: z.any(),
  rural: z.any(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  superseded: z.boolean(),
});

/** A determination for the screen: rendered in the reader's language, plus the data behind it. */
export const screeningSchema = z.object({
  output: z.any(),
  determination: z.any(),
  parameters: z.object({ id: z.string(), referenceDate: z.string() }),
});

export const determinationSummary = z.object({
  id: z.number().int(),
  householdId: z.number().int(),
  headName: z.string(),
  village: z.string(),
  township: z.string(),
  referenceDate: z.string(),
  parameterSet: z.string(),
  tier: tierOrNone,
  monthlyBenefitFen: z.number().int(),
  reviewClass: z.string().nullable(),
  source: z.string(),
  note: z.string().nullable(),
  proposedBy: z.string(),
  proposedAt: z.string(),
  decision: z.enum(['approved', 'rejected']).nullable(),
  decisionReason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  effectiveMonth: z.string().nullable(),
  previousTier: z.string().nullable(),
  previousBenefitFen: z.number().int().nullable(),
});

export const scanStatus = z.object({
  id: z.number().int(),
  status: z.enum(['running', 'done', 'cancelled', 'failed']),
  referenceDate: z.string(),
  trigger: z.string(),
  parameterSet: z.string().nullable(),
  done: z.number().int(),
  total: z.number().int(),
  etaSeconds: z.number().nullable(),
  counts: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const scanResultRow = z.object({
  id: z.number().int(),
  householdId: z.number().int(),
  headName: z.string(),
  township: z.string(),
  village: z.string(),
  kind: z.enum(SCAN_KINDS),
  oldTier: z.string().nullable(),
  newTier: tierOrNone,
  oldBenefitFen: z.number().int(),
  newBenefitFen: z.number().int(),
  reasons: z.array(z.string()),
});

export const policyMethods = {
  'parameters.list': method({ input: z.object({}), output: z.array(parameterRowSchema), access: MANAGERS }),
  'parameters.inForce': method({ input: z.object({ date: isoDate.optional() }), output: z.object({ id: z.string(), referenceDate: z.string(), values: z.any() }), access: STAFF }),
  'parameters.add': method({
    input: z.object({
      parameterId: z.string(),
      effectiveFrom: isoDate,
      urban: z.union([z.number(), z.string(), z.array(z.number())]),
      rural: z.union([z.number(), z.string(), z.array(z.number())]),
      note: z.string().max(200).optional(),
      rescan: z.boolean().default(true),
    }),
    output: z.object({ id: z.number().int(), scanId: z.number().int().nullable() }),
    access: ['administrator'],
    write: true,
  }),
  'screening.evaluate': method({
    input: z.object({ householdId: z.number().int().optional(), household: householdInput.optional(), referenceDate: isoDate.optional() }),
    output: screeningSchema,
    access: STAFF,
  }),
  'determinations.propose': method({
    input: z.object({ householdId: z.number().int(), referenceDate: isoDate.optional(), note: z.string().max(500).optional(), source: z.enum(['screening', 'scan', 'warning']).default('screening'), scanId: z.number().int().optional() }),
    output: z.object({ id: z.number().int() }),
    access: STAFF,
    write: true,
  }),
  'determinations.pending': method({ input: z.object({}), output: z.array(determinationSummary), access: STAFF }),
  'determinations.get': method({ input: z.object({ id: z.number().int() }), output: determinationSummary.extend({ output: z.any(), determination: z.any(), input: z.any(), parameters: z.any() }), access: STAFF }),
  'determinations.decide': method({
    input: z.object({ id: z.number().int(), decision: z.enum(['approved', 'rejected']), reason: z.string().trim().min(2, 'give the reason for the decision').max(500) }),
    output: ok.extend({ effectiveMonth: z.string().nullable() }),
    access: MANAGERS,
    write: true,
  }),
  'determinations.history': method({ input: z.object({ householdId: z.number().int() }), output: z.array(determinationSummary), access: STAFF }),
  'scan.start': method({ input: z.object({ referenceDate: isoDate.optional() }), output: z.object({ id: z.number().int() }), access: MANAGERS, write: true }),
  'scan.status': method({ input: z.object({ id: z.number().int().optional() }), output: scanStatus.nullable(), access: STAFF }),
  'scan.cancel': method({ input: z.object({ id: z.number().int() }), output: ok, access: MANAGERS, write: true }),
  'scan.results': method({
    input: z.object({
      id: z.number().int(),
      kind: z.enum(SCAN_KINDS).optional(),
      townshipId: z.number().int().optional(),
      villageId: z.number().int().optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(10).max(200).default(50),
    }),
    output: z.object({ rows: z.array(scanResultRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
    access: STAFF,
  }),
  'scan.exportXlsx': method({
    input: z.object({ id: z.number().int(), kind: z.enum(SCAN_KINDS).optional(), townshipId: z.number().int().optional(), villageId: z.number().int().optional() }),
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
    access: STAFF,
  }),
} as const;
