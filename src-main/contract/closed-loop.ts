import { z } from 'zod';
import { method, ok, isoDate } from './common';

/** dashboard/summary.ts: the open month's figures, the trend of the closed months, warnings, referrals and the queue. */
const figure = z.object({ recipients: z.number().int(), persons: z.number().int(), amountFen: z.number().int() });
const dashboardSummary = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/), total: figure, byTier: z.record(z.string(), figure), byTownship: z.record(z.string(), figure),
  trend: z.array(z.object({ month: z.string(), recipients: z.number().int(), amountFen: z.number().int(), byTier: z.record(z.string(), figure) })),
  referrals: z.object({ byDepartmentStatus: z.array(z.object({ department: z.string(), status: z.string(), n: z.number().int() })), overdue: z.number().int(), drafted: z.number().int() }),
  warnings: z.object({ byStatus: z.record(z.string(), z.number().int()), overdue: z.number().int() }).nullable(),
  queue: z.object({ overdueReferrals: z.number().int(), draftedReferrals: z.number().int(), pendingProposals: z.number().int(), overdueWarnings: z.number().int() }),
});

/** Referrals, charity, the assistance chain, monthly payments, reports, dashboard. */
const STAFF = ['clerk', 'manager', 'administrator'] as const;
const MANAGERS = ['manager', 'administrator'] as const;
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is written YYYY-MM');
const ASSISTANCES = ['medical', 'education', 'housing', 'employment', 'temporary', 'charity'] as const;
const DEPARTMENTS = ['medical_insurance', 'education', 'housing', 'hrss', 'civil_affairs', 'charity'] as const;
const STATUSES = ['drafted', 'pushed', 'acknowledged', 'completed', 'declined'] as const;
const RESULTS = ['assisted', 'declined', 'not_eligible'] as const;

export const referralSchema = z.object({
  id: z.number().int(), number: z.string(), householdId: z.number().int(), idNumber: z.string().nullable(), personName: z.string().nullable(), headName: z.string(),
  township: z.string(), village: z.string(), assistance: z.string(), department: z.string(), programmeId: z.number().int().nullable(), programmeName: z.string().nullable(),
  organisationName: z.string().nullable(), reason: z.string(), source: z.string(), sourceId: z.number().int().nullable(), status: z.string(), dueDate: z.string().nullable(),
  overdue: z.boolean(), escalatedAt: z.string().nullable(), result: z.string().nullable(), amountFen: z.number().int().nullable(), item: z.string().nullable(),
  resultDate: z.string().nullable(), resultReason: z.string().nullable(), createdAt: z.string(), createdBy: z.string(), updatedAt: z.string(),
});

export const chainEventSchema = z.object({
  id: z.number().int(), householdId: z.number().int(), idNumber: z.string().nullable(), at: z.string(), kind: z.string(), department: z.string().nullable(), basis: z.string().nullable(),
  amountFen: z.number().int().nullable(), item: z.string().nullable(), status: z.string().nullable(), refTable: z.string().nullable(), refId: z.number().int().nullable(), summary: z.string(), recordedBy: z.string(),
});

export const happinessItemSchema = z.object({
  kind: z.enum(['cash', 'entitlement', 'referral']), assistance: z.string(), department: z.string(), idNumber: z.string().nullable(), personName: z.string().nullable(), label: z.string(),
  basis: z.string().nullable(), status: z.enum(['received', 'pending', 'declined']), referralId: z.number().int().nullable(), referralNumber: z.string().nullable(),
  referralStatus: z.string().nullable(), amountFen: z.number().nullable(), item: z.string().nullable(), date: z.string().nullable(), note: z.string().nullable(),
});

export const rosterLineSchema = z.object({
  householdId: z.number().int(), areaId: z.number().int(), townshipId: z.number().int(), township: z.string(), village: z.string(), tier: z.string(), size: z.number().int(),
  headName: z.string(), headIdNumber: z.string(), determinationId: z.number().int().nullable(), baseFen: z.number().int(), addonFen: z.number().int(), careFen: z.number().int(),
  exitFen: z.number().int(), adjustFen: z.number().int(), amountFen: z.number().int(), note: z.string().nullable(),
});

const totals = z.object({ recipients: z.number().int(), persons: z.number().int(), amountFen: z.number().int() });
const fileOut = z.object({ fileName: z.string(), base64: z.string() });

export const closedLoopMethods = {
  // ---- referrals ------------------------------------------------------------------------
  'referrals.list': method({
    input: z.object({
      department: z.enum(DEPARTMENTS).optional(), status: z.enum(STATUSES).optional(), householdId: z.number().int().optional(), organisationId: z.number().int().optional(),
      townshipId: z.number().int().optional(), villageId: z.number().int().optional(),
      overdue: z.boolean().optional(), page: z.number().int().min(1).default(1), pageSize: z.number().int().min(10).max(200).default(50),
    }),
    output: z.object({ rows: z.array(referralSchema), total: z.number().int() }),
    access: STAFF,
  }),
  'referrals.get': method({
    input: z.object({ id: z.number().int() }),
    output: referralSchema.extend({ events: z.array(z.object({ status: z.string(), at: z.string(), by: z.string(), note: z.string().nullable() })) }),
    access: STAFF,
  }),
  'referrals.create': method({
    input: z.object({
      householdId: z.number().int(), idNumber: z.string().nullable().default(null), assistance: z.enum(ASSISTANCES), department: z.enum(DEPARTMENTS).optional(),
      reason: z.string().trim().min(2, 'give the reason').max(500), programmeId: z.number().int().optional(),
    }),
    output: z.object({ id: z.number().int(), number: z.string() }),
    access: STAFF,
    write: true,
  }),
  'referrals.fromEntitlements': method({ input: z.object({ householdId: z.number().int() }), output: z.object({ ids: z.array(z.number().int()) }), access: STAFF, write: true }),
  'referrals.exportPushList': method({
    input: z.object({ department: z.enum(DEPARTMENTS), organisationId: z.number().int().optional() }),
    output: fileOut.extend({ manifestFileName: z.string(), manifest: z.string(), rows: z.number().int(), batchId: z.number().int() }),
    access: STAFF,
    write: true,
  }),
  'referrals.acknowledge': method({ input: z.object({ id: z.number().int(), note: z.string().max(200).optional() }), output: ok, access: STAFF, write: true }),
  'referrals.recordResult': method({
    input: z.object({ id: z.number().int(), result: z.enum(RESULTS), amountFen: z.number().int().min(0).nullable().default(null), item: z.string().max(100).nullable().default(null), date: isoDate, reason: z.string().max(500).nullable().default(null) }),
    output: ok,
    access: STAFF,
    write: true,
  }),
  /** Applies feedback rows already read from a file (the exchange wizard reads the file). */
  'referrals.applyFeedback': method({
    input: z.object({
      file: z.object({ name: z.string(), sha256: z.string() }),
      rows: z.array(z.object({ row: z.number().int(), referralNumber: z.string(), idNumber: z.string(), result: z.enum(RESULTS), amountFen: z.number().int().nullable(), item: z.string().nullable(), date: z.string(), reason: z.string().nullable() })),
    }),
    output: z.object({ applied: z.number().int(), rejected: z.array(z.object({ row: z.number().int(), column: z.string(), reason: z.string() })) }),
    access: STAFF,
    write: true,
  }),
  'referrals.escalateOverdue': method({ input: z.object({}), output: z.object({ escalated: z.number().int() }), access: STAFF, write: true }),

  // ---- charity --------------------------------------------------------------------------
  'charity.list': method({
    input: z.object({}),
    output: z.array(z.object({ id: z.number().int(), name: z.string(), contact: z.string().nullable(), active: z.boolean(), programmes: z.array(z.object({ id: z.number().int(), organisationId: z.number().int(), name: z.string(), assistance: z.string(), description: z.string().nullable(), active: z.boolean() })) })),
    access: STAFF,
  }),
  'charity.createOrganisation': method({ input: z.object({ name: z.string().trim().min(2).max(100), contact: z.string().max(200).optional() }), output: z.object({ id: z.number().int() }), access: MANAGERS, write: true }),
  'charity.createProgramme': method({
    input: z.object({ organisationId: z.number().int(), name: z.string().trim().min(2).max(100), assistance: z.string().default('charity'), description: z.string().max(500).optional() }),
    output: z.object({ id: z.number().int() }),
    access: MANAGERS,
    write: true,
  }),
  'charity.setActive': method({ input: z.object({ kind: z.enum(['organisation', 'programme']), id: z.number().int(), active: z.boolean() }), output: ok, access: MANAGERS, write: true }),

  // ---- chain ----------------------------------------------------------------------------
  'chain.list': method({
    input: z.object({ householdId: z.number().int().optional(), idNumber: z.string().optional(), limit: z.number().int().min(1).max(5000).default(1000) }).refine((v) => v.householdId !== undefined || v.idNumber !== undefined, 'give a household or an ID number'),
    output: z.array(chainEventSchema),
    access: STAFF,
  }),
  'chain.happiness': method({
    input: z.object({ householdId: z.number().int() }),
    output: z.object({ householdId: z.number().int(), tier: z.string().nullable(), determinationId: z.number().int().nullable(), items: z.array(happinessItemSchema) }),
    access: STAFF,
  }),

  // ---- payments -------------------------------------------------------------------------
  'payments.months': method({
    input: z.object({}),
    output: z.array(z.object({ month: z.string(), closed: z.boolean(), recipients: z.number().int(), totalFen: z.number().int(), closedAt: z.string().nullable(), closedBy: z.string().nullable() })),
    access: STAFF,
  }),
  'payments.roster': method({
    input: z.object({ month, townshipId: z.number().int().optional(), villageId: z.number().int().optional(), tier: z.string().optional(), page: z.number().int().min(1).default(1), pageSize: z.number().int().min(10).max(500).default(100) }),
    output: z.object({ month: z.string(), closed: z.boolean(), rows: z.array(rosterLineSchema), total: z.number().int(), totals, byTier: z.record(z.string(), totals) }),
    access: STAFF,
  }),
  'payments.close': method({ input: z.object({ month }), output: z.object({ recipients: z.number().int(), totalFen: z.number().int() }), access: MANAGERS, write: true }),
  'payments.adjust': method({
    input: z.object({ householdId: z.number().int(), forMonth: month, amountFen: z.number().int(), reason: z.string().trim().min(2, 'give the reason').max(300) }),
    output: z.object({ appliedMonth: z.string() }),
    access: MANAGERS,
    write: true,
  }),
  'payments.changes': method({
    input: z.object({ month }),
    output: z.object({
      month: z.string(), previousMonth: z.string(),
      rows: z.array(z.object({ kind: z.enum(['added', 'removed', 'changed']), householdId: z.number().int(), township: z.string(), village: z.string(), headName: z.string(), headIdNumber: z.string(), previousTier: z.string().nullable(), tier: z.string().nullable(), previousFen: z.number().int(), amountFen: z.number().int(), differenceFen: z.number().int(), reasons: z.array(z.string()) })),
    }),
    access: STAFF,
  }),

  // ---- reports --------------------------------------------------------------------------
  'reports.render': method({
    input: z.object({
      kind: z.enum(['roster', 'changes', 'publicity', 'chain', 'warnings']), month: month.optional(), householdId: z.number().int().optional(), tier: z.string().optional(),
      // The warnings report's period may be a date range (inclusive) instead of a month.
      from: isoDate.optional(), to: isoDate.optional(),
      townshipId: z.number().int().optional(), villageId: z.number().int().optional(), format: z.enum(['html', 'pdf', 'xlsx']),
    }),
    output: z.object({ fileName: z.string(), mime: z.string(), pages: z.number().int().nullable(), html: z.string().optional(), base64: z.string().optional() }),
    access: STAFF,
  }),

  // ---- dashboard ------------------------------------------------------------------------
  'dashboard.summary': method({ input: z.object({}), output: dashboardSummary, access: STAFF }),
} as const;
