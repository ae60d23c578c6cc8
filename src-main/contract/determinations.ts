/** Determinations: a clerk proposes, another manager approves or rejects; the history stays. */
import { z } from 'zod';
import { TIERS } from '../common/household-file';
import { isoDate, MANAGERS, method, ok, STAFF } from './common';

const tierOrNone = z.enum([...TIERS, 'none']);

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

export const determinationsMethods = {
  'determinations.propose': method({
    input: z.object({
      householdId: z.number().int(),
      referenceDate: isoDate.optional(),
      note: z.string().max(500).optional(),
      source: z.enum(['screening', 'scan', 'warning']).default('screening'),
      scanId: z.number().int().optional(),
    }),
    output: z.object({ id: z.number().int() }),
    access: STAFF,
  }),
  'determinations.pending': method({ input: z.object({}), output: z.array(determinationSummary), access: STAFF }),
  'determinations.get': method({
    input: z.object({ id: z.number().int() }),
    output: determinationSummary.extend({ output: z.any(), determination: z.any(), input: z.any(), parameters: z.any() }),
    access: STAFF,
  }),
  'determinations.decide': method({
    input: z.object({
      id: z.number().int(),
      decision: z.enum(['approved', 'rejected']),
      reason: z.string().trim().min(2, 'give the reason for the decision').max(500),
    }),
    output: ok.extend({ effectiveMonth: z.string().nullable() }),
    access: MANAGERS,
  }),
  'determinations.history': method({
    input: z.object({ householdId: z.number().int() }),
    output: z.array(determinationSummary),
    access: STAFF,
  }),
} as const;
