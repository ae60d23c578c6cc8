/** One household (person), one assistance chain; and the household's happiness list. */
import { z } from 'zod';
import { CHAIN_KINDS, DEPARTMENTS, REFERRAL_STATUSES } from '../common/codes';
import { method, STAFF } from './common';

export const chainEventSchema = z.object({
  id: z.number().int(),
  householdId: z.number().int(),
  idNumber: z.string().nullable(),
  at: z.string(),
  kind: z.enum(CHAIN_KINDS),
  department: z.string().nullable(),
  basis: z.string().nullable(),
  amountFen: z.number().int().nullable(),
  item: z.string().nullable(),
  status: z.string().nullable(),
  refTable: z.string().nullable(),
  refId: z.number().int().nullable(),
  summary: z.string(),
  recordedBy: z.string(),
});

export const happinessItemSchema = z.object({
  kind: z.enum(['cash', 'entitlement', 'referral', 'service']),
  /** A kind of assistance, or the tier of a cash benefit. */
  assistance: z.string(),
  department: z.enum(DEPARTMENTS),
  idNumber: z.string().nullable(),
  personName: z.string().nullable(),
  label: z.string(),
  basis: z.string().nullable(),
  status: z.enum(['received', 'pending', 'declined']),
  referralId: z.number().int().nullable(),
  referralNumber: z.string().nullable(),
  referralStatus: z.enum(REFERRAL_STATUSES).nullable(),
  amountFen: z.number().nullable(),
  item: z.string().nullable(),
  date: z.string().nullable(),
  note: z.string().nullable(),
});

export const chainMethods = {
  'chain.list': method({
    input: z
      .object({
        householdId: z.number().int().optional(),
        idNumber: z.string().optional(),
        limit: z.number().int().min(1).max(5000).default(1000),
      })
      .refine((v) => v.householdId !== undefined || v.idNumber !== undefined, 'give a household or an ID number'),
    output: z.array(chainEventSchema),
    access: STAFF,
  }),
  'chain.happiness': method({
    input: z.object({ householdId: z.number().int() }),
    output: z.object({
      householdId: z.number().int(),
      tier: z.string().nullable(),
      determinationId: z.number().int().nullable(),
      items: z.array(happinessItemSchema),
    }),
    access: STAFF,
  }),
} as const;
