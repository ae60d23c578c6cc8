/**
 * Recovery of overpaid benefits (docs/rules/temporary-service-recovery.md §13): facts with a past
 * date, cases with their months, repayments (clerks record them), waivers and deductions from
 * next payments (a manager's recorded decision only), a household's balance and the county ledger.
 */
import { z } from 'zod';
import { RECOVERY_ENTRY_KINDS, RECOVERY_FACT_KINDS } from '../common/codes';
import { CLERKS, id, int, isoDate, method, month } from './common';

/** Waivers, deductions and extensions are a manager's decisions. */
const MANAGER = ['manager'] as const;
const amount = int.min(1, 'the amount is above 0').max(100_000_000);

export const factSchema = z.object({
  id: int,
  householdId: int,
  idNumber: z.string().nullable(),
  personName: z.string().nullable(),
  kind: z.enum(RECOVERY_FACT_KINDS),
  factDate: z.string(),
  source: z.enum(['import', 'manual']),
  importId: int.nullable(),
  evidence: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  paidMonthsAfter: z.array(z.string()),
  determinationIds: z.array(int),
  caseId: int.nullable(),
});

const balance = {
  totalFen: int,
  repaidFen: int,
  waivedFen: int,
  deductedFen: int,
  scheduledFen: int,
  balanceFen: int,
  openFen: int,
};

export const caseSchema = z.object({
  ...balance,
  id: int,
  number: z.string(),
  householdId: int,
  township: z.string(),
  village: z.string(),
  address: z.string().nullable(),
  determinationId: int,
  effectiveMonth: z.string().nullable(),
  newTier: z.string(),
  newBenefitFen: int,
  fact: z.object({ id: int, kind: z.enum(RECOVERY_FACT_KINDS), date: z.string(), personName: z.string().nullable(), evidence: z.string() }),
  liableKind: z.enum(['head', 'estate']),
  liableName: z.string(),
  liableIdNumber: z.string().nullable(),
  basis: z.string(),
  openedBy: z.string(),
  openedAt: z.string(),
  months: z.array(z.object({ month: z.string(), paidFen: int, dueFen: int, overpaidFen: int })),
  entries: z.array(
    z.object({
      id: int,
      kind: z.enum(RECOVERY_ENTRY_KINDS),
      onDate: z.string(),
      month: z.string().nullable(),
      amountFen: int,
      reason: z.string(),
      recordedBy: z.string(),
      recordedAt: z.string(),
    }),
  ),
  status: z.enum(['open', 'settled']),
});

export const recoveryMethods = {
  'recovery.household': method({
    input: z.object({ householdId: id }),
    output: z.object({ facts: z.array(factSchema), cases: z.array(caseSchema), balanceFen: int }),
    access: CLERKS,
  }),
  'recovery.recordFact': method({
    input: z.object({
      householdId: id,
      kind: z.enum(RECOVERY_FACT_KINDS),
      factDate: isoDate,
      idNumber: z.string().min(15).max(18).optional(),
      evidence: z.string().trim().min(2, 'say where the fact comes from').max(300),
    }),
    output: z.object({ id: int }),
    access: CLERKS,
  }),
  'recovery.case': method({ input: z.object({ id }), output: caseSchema, access: CLERKS }),
  'recovery.ledger': method({
    input: z.object({ townshipId: int.optional(), open: z.boolean().default(false) }),
    output: z.array(caseSchema),
    access: CLERKS,
  }),
  'recovery.repay': method({
    input: z.object({ caseId: id, date: isoDate, amountFen: amount, note: z.string().trim().max(200).optional() }),
    output: z.object({ id: int }),
    access: CLERKS,
  }),
  'recovery.waive': method({
    input: z.object({ caseId: id, amountFen: amount, reason: z.string().trim().min(4, 'write the reason for the waiver').max(300) }),
    output: z.object({ id: int }),
    access: MANAGER,
  }),
  'recovery.deduct': method({
    input: z.object({
      caseId: id,
      months: z
        .array(z.object({ month, amountFen: amount }))
        .min(1, 'give at least one month')
        .max(24),
      reason: z.string().trim().min(4, 'write the decision’s reason').max(300),
    }),
    output: z.object({ ids: z.array(int) }),
    access: MANAGER,
  }),
  'recovery.extend': method({ input: z.object({ caseId: id }), output: z.object({ added: int }), access: MANAGER }),
} as const;
