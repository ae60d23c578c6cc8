/** Determinations: a clerk proposes, another manager approves or rejects; the history stays. */
import { z } from 'zod';
import { determinationSchema, HOUSEHOLD_TIERS, REVIEW_CLASSES, screenOutputSchema } from '../common/determination';
import { householdOutputSchema } from '../common/household-file';
import { parameterSetSchema } from '../common/parameters';
import { CLERKS, int, isoDate, MANAGERS, method, ok, STAFF } from './common';
import { listExportInput, listFile, listPageInput } from './lists';

const tierOrNone = z.enum(HOUSEHOLD_TIERS);
/** Where a proposal came from: the screening page, a proactive scan, or a warning closed with an adjustment. */
export const PROPOSAL_SOURCES = ['screening', 'scan', 'warning'] as const;
export const DECISIONS = ['approved', 'rejected'] as const;

/** The approvals queue's columns it sorts by over all its pages (decisions/queue.ts); without a sort: oldest proposal first. */
export const PENDING_SORT_KEYS = ['id', 'headName', 'tier', 'monthlyBenefitFen', 'proposedBy'] as const;
const pendingFilter = {
  townshipId: z.number().int().optional(),
  villageId: z.number().int().optional(),
  tier: tierOrNone.optional(),
  source: z.enum(PROPOSAL_SOURCES).optional(),
};

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
  reviewClass: z.enum(REVIEW_CLASSES).nullable(),
  source: z.enum(PROPOSAL_SOURCES),
  note: z.string().nullable(),
  proposedBy: z.string(),
  proposedByName: z.string(),
  proposedAt: z.string(),
  decision: z.enum(DECISIONS).nullable(),
  decisionReason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  effectiveMonth: z.string().nullable(),
  previousTier: tierOrNone.nullable(),
  previousBenefitFen: z.number().int().nullable(),
});

export const determinationsMethods = {
  'determinations.propose': method({
    input: z.object({
      householdId: z.number().int(),
      referenceDate: isoDate.optional(),
      note: z.string().max(500).optional(),
      source: z.enum(PROPOSAL_SOURCES).default('screening'),
      scanId: z.number().int().optional(),
      /** A fact with a past date (recovery.facts): approving the proposal may open a recovery case. */
      factId: z.number().int().optional(),
    }),
    output: z.object({ id: z.number().int() }),
    access: CLERKS,
  }),
  'determinations.pending': method({ input: z.object({}), output: z.array(determinationSummary), access: STAFF }),
  /** The approvals queue as a list: the proposals awaiting a decision, filtered, sorted over all pages, paged (contract/lists.ts). */
  'determinations.queue': method({
    input: listPageInput(PENDING_SORT_KEYS, pendingFilter),
    output: z.object({ rows: z.array(determinationSummary), total: int, page: int, pageSize: int }),
    access: STAFF,
  }),
  'determinations.exportXlsx': method({ input: listExportInput(PENDING_SORT_KEYS, pendingFilter), output: listFile, access: STAFF }),
  'determinations.get': method({
    input: z.object({ id: z.number().int() }),
    output: determinationSummary.extend({
      output: screenOutputSchema,
      determination: determinationSchema,
      input: householdOutputSchema,
      parameters: parameterSetSchema,
    }),
    access: STAFF,
  }),
  'determinations.decide': method({
    input: z.object({
      id: z.number().int(),
      decision: z.enum(DECISIONS),
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
