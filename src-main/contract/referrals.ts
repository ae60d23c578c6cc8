/** Needs pushed to the department that serves them, push lists, and the results that come back. */
import { z } from 'zod';
import { ASSISTANCES, DEPARTMENTS, REFERRAL_RESULTS, REFERRAL_STATUSES } from '../common/codes';
import { CLERKS, fileOut, isoDate, method, ok, STAFF } from './common';
import { listExportInput, listFile, listPageInput } from './lists';

/** Where a need was found (a determination's entitlements, a warning, a person). */
export const REFERRAL_SOURCES = ['entitlement', 'warning', 'manual'] as const;

export const referralSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  householdId: z.number().int(),
  idNumber: z.string().nullable(),
  personName: z.string().nullable(),
  headName: z.string(),
  township: z.string(),
  village: z.string(),
  assistance: z.enum(ASSISTANCES),
  department: z.enum(DEPARTMENTS),
  programmeId: z.number().int().nullable(),
  programmeName: z.string().nullable(),
  organisationName: z.string().nullable(),
  reason: z.string(),
  source: z.enum(REFERRAL_SOURCES),
  sourceId: z.number().int().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  escalatedAt: z.string().nullable(),
  result: z.enum(REFERRAL_RESULTS).nullable(),
  amountFen: z.number().int().nullable(),
  item: z.string().nullable(),
  resultDate: z.string().nullable(),
  resultReason: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});

/** The list's columns it sorts by over all its pages (referrals/list.ts); without a sort: newest first. */
export const REFERRAL_SORT_KEYS = ['number', 'household', 'personName', 'assistance', 'department', 'status', 'dueDate', 'result'] as const;

const referralFilter = {
  department: z.enum(DEPARTMENTS).optional(),
  status: z.enum(REFERRAL_STATUSES).optional(),
  householdId: z.number().int().optional(),
  organisationId: z.number().int().optional(),
  townshipId: z.number().int().optional(),
  villageId: z.number().int().optional(),
  overdue: z.boolean().optional(),
};

export const referralsMethods = {
  'referrals.list': method({
    input: listPageInput(REFERRAL_SORT_KEYS, referralFilter),
    output: z.object({ rows: z.array(referralSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
    access: STAFF,
  }),
  'referrals.exportXlsx': method({ input: listExportInput(REFERRAL_SORT_KEYS, referralFilter), output: listFile, access: STAFF }),
  'referrals.get': method({
    input: z.object({ id: z.number().int() }),
    output: referralSchema.extend({
      events: z.array(z.object({ status: z.string(), at: z.string(), by: z.string(), note: z.string().nullable() })),
    }),
    access: STAFF,
  }),
  'referrals.create': method({
    input: z.object({
      householdId: z.number().int(),
      idNumber: z.string().nullable().default(null),
      assistance: z.enum(ASSISTANCES),
      department: z.enum(DEPARTMENTS).optional(),
      reason: z.string().trim().min(2, 'give the reason').max(500),
      programmeId: z.number().int().optional(),
    }),
    output: z.object({ id: z.number().int(), number: z.string() }),
    access: CLERKS,
  }),
  'referrals.fromEntitlements': method({
    input: z.object({ householdId: z.number().int() }),
    output: z.object({ ids: z.array(z.number().int()) }),
    access: CLERKS,
  }),
  'referrals.exportPushList': method({
    input: z.object({ department: z.enum(DEPARTMENTS), organisationId: z.number().int().optional() }),
    output: fileOut.extend({ manifestFileName: z.string(), manifest: z.string(), rows: z.number().int(), batchId: z.number().int() }),
    access: CLERKS,
  }),
  'referrals.acknowledge': method({
    input: z.object({ id: z.number().int(), note: z.string().max(200).optional() }),
    output: ok,
    access: CLERKS,
  }),
  'referrals.recordResult': method({
    input: z.object({
      id: z.number().int(),
      result: z.enum(REFERRAL_RESULTS),
      amountFen: z.number().int().min(0).nullable().default(null),
      item: z.string().max(100).nullable().default(null),
      date: isoDate,
      reason: z.string().max(500).nullable().default(null),
    }),
    output: ok,
    access: CLERKS,
  }),
  /** Applies feedback rows already read from a file (the exchange wizard reads the file). */
  'referrals.applyFeedback': method({
    input: z.object({
      file: z.object({ name: z.string(), sha256: z.string() }),
      rows: z.array(
        z.object({
          row: z.number().int(),
          referralNumber: z.string(),
          idNumber: z.string(),
          result: z.enum(REFERRAL_RESULTS),
          amountFen: z.number().int().nullable(),
          item: z.string().nullable(),
          date: z.string(),
          reason: z.string().nullable(),
        }),
      ),
    }),
    output: z.object({
      applied: z.number().int(),
      rejected: z.array(z.object({ row: z.number().int(), column: z.string(), reason: z.string() })),
    }),
    access: CLERKS,
  }),
  'referrals.escalateOverdue': method({ input: z.object({}), output: z.object({ escalated: z.number().int() }), access: CLERKS }),
} as const;
