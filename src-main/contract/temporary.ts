/** Temporary assistance (docs/rules/temporary-service-recovery.md §11): assess, record, decide, pay, paperwork, the standby fund, lists. */
import { z } from 'zod';
import {
  DECIDING_LEVELS,
  PAID_FROM,
  TEMPORARY_BANDS,
  TEMPORARY_KINDS,
  TEMPORARY_PARAMETER_IDS,
  TEMPORARY_REASONS,
  TEMPORARY_STATUSES,
  TEMPORARY_TRACKS,
} from '../common/codes';
import { RESIDENCES, TIERS } from '../common/household-file';
import { CLERKS, fileOut, int, isoDate, KEEPERS, method, month, MANAGERS, STAFF } from './common';
import { requestSchema } from './requests';

const fen = z.number().int().nonnegative();

const request = {
  kind: z.enum(TEMPORARY_KINDS),
  reason: z.enum(TEMPORARY_REASONS),
  eventDate: isoDate,
  householdId: z.number().int().nullable().optional(),
  idNumber: z.string().max(18).nullable().optional(),
  nonLocal: z
    .object({
      idNumber: z.string().trim().min(1, 'enter the ID number').max(18),
      name: z.string().trim().min(1, 'enter the name').max(50),
      hukouPlace: z.string().trim().min(1, 'enter the place of household registration').max(100),
      phone: z.string().trim().max(30).nullable().optional(),
      residence: z.enum(RESIDENCES).default('urban'),
      townshipId: z.number().int(),
    })
    .nullable()
    .optional(),
  spendingFen: fen.nullable().optional(),
  requestedFen: fen.nullable().optional(),
};

const reason = z.object({ rule: z.string(), pass: z.boolean().nullable(), text: z.string() });

export const assessmentSchema = z.object({
  eligible: z.boolean(),
  amountFen: int,
  computedFen: int.nullable(),
  capFen: int,
  maxFen: int,
  standardFen: int,
  band: z.enum(TEMPORARY_BANDS).nullable(),
  caseByCase: z.boolean(),
  tier: z.enum(TIERS).nullable(),
  reasons: z.array(reason),
  earlierCase: z.string().nullable(),
  sameEvent: z.string().nullable(),
});

export const caseRowSchema = z.object({
  id: int,
  number: z.string(),
  kind: z.enum(TEMPORARY_KINDS),
  track: z.enum(TEMPORARY_TRACKS),
  reason: z.enum(TEMPORARY_REASONS),
  eventId: z.string(),
  eventDate: z.string(),
  requestedOn: z.string(),
  householdId: int.nullable(),
  idNumber: z.string(),
  personName: z.string(),
  nonLocal: z.boolean(),
  hukouPlace: z.string().nullable(),
  townshipId: int,
  township: z.string(),
  village: z.string().nullable(),
  tier: z.string().nullable(),
  band: z.enum(TEMPORARY_BANDS),
  caseByCase: z.boolean(),
  proposedFen: int,
  approvedFen: int.nullable(),
  paidFen: int,
  status: z.enum(TEMPORARY_STATUSES),
  paidFrom: z.enum(PAID_FROM),
  decidedBy: z.array(z.string()),
  decidedOn: z.string().nullable(),
  lastPaidOn: z.string().nullable(),
  earlierCase: z.string().nullable(),
  createdBy: z.string(),
});

const listFilter = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  townshipId: z.number().int().optional(),
  villageId: z.number().int().optional(),
  status: z.enum(TEMPORARY_STATUSES).optional(),
  kind: z.enum(TEMPORARY_KINDS).optional(),
  track: z.enum(TEMPORARY_TRACKS).optional(),
  householdId: z.number().int().optional(),
  q: z.string().max(50).optional(),
};

const fundEntry = z.object({
  id: int.nullable(),
  kind: z.enum(['allocation', 'top_up', 'payment']),
  amountFen: int,
  onDate: z.string(),
  caseId: int.nullable(),
  caseNumber: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
  balanceFen: int,
});

export const temporaryMethods = {
  'temporary.assess': method({
    input: z.object({
      ...request,
      track: z.enum(TEMPORARY_TRACKS).default('ordinary'),
      eventId: z.string().max(100).nullable().optional(),
    }),
    output: assessmentSchema,
    access: STAFF,
  }),
  'temporary.create': method({
    input: z.object({
      ...request,
      track: z.enum(TEMPORARY_TRACKS),
      eventId: z.string().trim().max(100).nullable().optional(),
      requestedOn: isoDate.nullable().optional(),
      receiptsFen: fen.nullable().optional(),
      description: z.string().trim().max(1000).nullable().optional(),
      paidFrom: z.enum(PAID_FROM).nullable().optional(),
      warningId: z.number().int().nullable().optional(),
      paidOn: isoDate.nullable().optional(),
      level: z.enum(DECIDING_LEVELS).optional(),
    }),
    output: z.object({
      id: int,
      number: z.string(),
      status: z.enum(TEMPORARY_STATUSES),
      band: z.enum(TEMPORARY_BANDS),
      amountFen: int,
      label: z.string(),
      earlierCase: z.string().nullable(),
    }),
    access: CLERKS,
  }),
  'temporary.decide': method({
    input: z.object({
      id: z.number().int(),
      decision: z.enum(['approve', 'refuse']),
      amountFen: z.number().int().positive().nullable().optional(),
      reason: z.string().trim().min(2, 'give the reason').max(1000),
      level: z.enum(DECIDING_LEVELS).optional(),
    }),
    output: z.object({ status: z.enum(TEMPORARY_STATUSES), approvedFen: int.nullable() }),
    access: CLERKS,
  }),
  'temporary.pay': method({
    input: z.object({ id: z.number().int(), paidOn: isoDate, amountFen: z.number().int().positive() }),
    output: z.object({ paymentId: int, stage: int, status: z.enum(TEMPORARY_STATUSES), paidFen: int }),
    access: CLERKS,
  }),
  'temporary.paperwork': method({
    input: z.object({
      id: z.number().int(),
      verifiedOn: isoDate,
      visitedOn: isoDate.nullable().optional(),
      visitStaff: z.array(z.string().trim().min(1).max(40)).max(10).optional(),
      publicityFrom: isoDate.nullable().optional(),
      note: z.string().trim().min(2, 'say what was done').max(2000),
    }),
    output: z.object({ id: int }),
    access: CLERKS,
  }),
  'temporary.checkPaperwork': method({
    input: z.object({}),
    output: z.object({ raised: int, overdue: int, overdueNonLocal: int }),
    access: CLERKS,
  }),
  'temporary.list': method({
    input: z.object({ ...listFilter, page: z.number().int().min(1).optional(), pageSize: z.number().int().min(1).max(500).optional() }),
    output: z.object({
      total: int,
      page: int,
      pageSize: int,
      totals: z.object({ cases: int, approvedFen: int, paidFen: int }),
      items: z.array(caseRowSchema),
    }),
    access: STAFF,
  }),
  'temporary.export': method({ input: z.object(listFilter), output: fileOut, access: STAFF }),
  'temporary.get': method({
    input: z.object({ id: z.number().int() }),
    output: caseRowSchema.extend({
      phone: z.string().nullable(),
      description: z.string().nullable(),
      spendingFen: int.nullable(),
      receiptsFen: int.nullable(),
      requestedFen: int.nullable(),
      standardFen: int,
      computedFen: int.nullable(),
      capFen: int,
      maxFen: int,
      warningId: int.nullable(),
      reasons: z.array(reason),
      decisions: z.array(
        z.object({
          step: z.enum(['approve', 'confirm', 'refuse']),
          amountFen: int.nullable(),
          level: z.enum(DECIDING_LEVELS),
          reason: z.string(),
          username: z.string(),
          role: z.string(),
          decidedAt: z.string(),
        }),
      ),
      payments: z.array(z.object({ stage: int, paidOn: z.string(), amountFen: int, paidFrom: z.enum(PAID_FROM), recordedBy: z.string() })),
      paperwork: z.array(
        z.object({
          verifiedOn: z.string().nullable(),
          visitedOn: z.string().nullable(),
          visitStaff: z.array(z.string()),
          publicityFrom: z.string().nullable(),
          note: z.string(),
          recordedBy: z.string(),
          recordedAt: z.string(),
        }),
      ),
      paperworkDueOn: z.string().nullable(),
      paperworkOverdue: z.boolean(),
      can: z.object({
        approve: z.boolean(),
        approveWhy: z.string().nullable(),
        refuse: z.boolean(),
        refuseWhy: z.string().nullable(),
        pay: z.boolean(),
      }),
    }),
    access: STAFF,
  }),
  'temporary.paperworkDue': method({
    input: z.object({}),
    output: z.array(
      z.object({
        caseId: int,
        number: z.string(),
        householdId: int.nullable(),
        idNumber: z.string(),
        personName: z.string(),
        paidOn: z.string(),
        dueOn: z.string(),
        done: z.boolean(),
        overdue: z.boolean(),
      }),
    ),
    access: STAFF,
  }),
  'temporary.month': method({
    input: z.object({ month }),
    output: z.object({ month: z.string(), payments: int, totalFen: int, closed: z.boolean() }),
    access: STAFF,
  }),
  'temporary.fund': method({
    input: z.object({ townshipId: z.number().int(), year: z.number().int().min(2000).max(2100) }),
    output: z.object({
      townshipId: int,
      township: z.string(),
      year: int,
      allocatedFen: int,
      paidFen: int,
      balanceFen: int,
      entries: z.array(fundEntry),
    }),
    access: STAFF,
  }),
  'temporary.topUp': method({
    input: z.object({
      townshipId: z.number().int(),
      year: z.number().int().min(2000).max(2100),
      amountFen: z.number().int().positive(),
      onDate: isoDate,
      note: z.string().trim().min(2, 'give the reason').max(300),
    }),
    output: z.object({ balanceFen: int }),
    access: MANAGERS,
  }),
  'temporary.parameters': method({
    input: z.object({}),
    output: z.array(
      z.object({
        id: int.nullable(),
        parameterId: z.enum(TEMPORARY_PARAMETER_IDS),
        unit: z.enum(['multiplier', 'rate', 'working_days', 'days', 'fen_per_year']),
        effectiveFrom: z.string(),
        value: z.number(),
        note: z.string().nullable(),
        createdAt: z.string().nullable(),
        createdBy: z.string().nullable(),
      }),
    ),
    access: STAFF,
  }),
  'temporary.addParameter': method({
    input: z.object({
      parameterId: z.enum(TEMPORARY_PARAMETER_IDS),
      effectiveFrom: isoDate,
      value: z.number(),
      note: z.string().trim().max(300).optional(),
    }),
    // Asked, then confirmed by a second manager (docs/security.md "Roles and the two-person rule").
    output: requestSchema,
    access: KEEPERS,
  }),
} as const;
