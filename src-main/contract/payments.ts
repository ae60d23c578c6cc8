/** Monthly payments: the roster, month close, adjustments and the change list. */
import { z } from 'zod';
import { TIERS } from '../common/household-file';
import { MANAGERS, method, month, STAFF } from './common';

/** A roster line's tier: `none` for a household paid only an adjustment. */
const rosterTier = z.enum([...TIERS, 'none']);

export const rosterLineSchema = z.object({
  householdId: z.number().int(),
  areaId: z.number().int(),
  townshipId: z.number().int(),
  township: z.string(),
  village: z.string(),
  tier: rosterTier,
  size: z.number().int(),
  headName: z.string(),
  headIdNumber: z.string(),
  determinationId: z.number().int().nullable(),
  baseFen: z.number().int(),
  addonFen: z.number().int(),
  careFen: z.number().int(),
  exitFen: z.number().int(),
  adjustFen: z.number().int(),
  amountFen: z.number().int(),
  note: z.string().nullable(),
});

const totals = z.object({ recipients: z.number().int(), persons: z.number().int(), amountFen: z.number().int() });

export const changeRow = z.object({
  kind: z.enum(['added', 'removed', 'changed']),
  householdId: z.number().int(),
  township: z.string(),
  village: z.string(),
  headName: z.string(),
  headIdNumber: z.string(),
  previousTier: rosterTier.nullable(),
  tier: rosterTier.nullable(),
  previousFen: z.number().int(),
  amountFen: z.number().int(),
  differenceFen: z.number().int(),
  reasons: z.array(z.string()),
});

export const paymentsMethods = {
  'payments.months': method({
    input: z.object({}),
    output: z.array(
      z.object({
        month: z.string(),
        closed: z.boolean(),
        recipients: z.number().int(),
        totalFen: z.number().int(),
        closedAt: z.string().nullable(),
        closedBy: z.string().nullable(),
      }),
    ),
    access: STAFF,
  }),
  'payments.roster': method({
    input: z.object({
      month,
      townshipId: z.number().int().optional(),
      villageId: z.number().int().optional(),
      tier: z.enum(TIERS).optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(10).max(500).default(100),
    }),
    output: z.object({
      month: z.string(),
      closed: z.boolean(),
      rows: z.array(rosterLineSchema),
      total: z.number().int(),
      totals,
      byTier: z.record(z.string(), totals),
    }),
    access: STAFF,
  }),
  'payments.close': method({
    input: z.object({ month }),
    output: z.object({ recipients: z.number().int(), totalFen: z.number().int() }),
    access: MANAGERS,
  }),
  'payments.adjust': method({
    input: z.object({
      householdId: z.number().int(),
      forMonth: month,
      amountFen: z.number().int(),
      reason: z.string().trim().min(2, 'give the reason').max(300),
    }),
    output: z.object({ appliedMonth: z.string() }),
    access: MANAGERS,
  }),
  'payments.changes': method({
    input: z.object({ month }),
    output: z.object({ month: z.string(), previousMonth: z.string(), rows: z.array(changeRow) }),
    access: STAFF,
  }),
} as const;
