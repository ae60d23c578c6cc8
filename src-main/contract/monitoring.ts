/** Dynamic monitoring: the warning queue, visits, closing with an outcome, the counts. */
import { z } from 'zod';
import { ASSISTANCES, DEPARTMENTS, WARNING_OUTCOMES, WARNING_RULES } from '../common/codes';
import { CLERKS, int, isoDate, MANAGERS, method, STAFF } from './common';
import { listExportInput, listFile, listPageInput } from './lists';
import { backupStatusSchema } from './backup';

const rule = z.enum(WARNING_RULES);
const outcome = z.enum(WARNING_OUTCOMES);
const attachment = { name: z.string(), sha256: z.string().optional(), note: z.string().optional() };

export const warningItem = z.object({
  id: int,
  rule,
  ruleText: z.string(),
  severity: z.enum(['urgent', 'normal']),
  householdId: int,
  idNumber: z.string(),
  personName: z.string().nullable(),
  township: z.string(),
  village: z.string(),
  evidence: z.string(),
  source: z.string(),
  raisedOn: z.string(),
  dueOn: z.string(),
  ageWorkingDays: int,
  overdue: z.boolean(),
  status: z.enum(['open', 'closed']),
  assigneeId: int.nullable(),
  assigneeName: z.string().nullable(),
  visits: int,
  outcome: outcome.nullable(),
  closedAt: z.string().nullable(),
  determinationId: int.nullable(),
  referralId: int.nullable(),
});

export const warningDetail = z.object({
  id: int,
  rule,
  ruleText: z.string(),
  action: z.string(),
  severity: z.enum(['urgent', 'normal']),
  householdId: int,
  idNumber: z.string(),
  personName: z.string().nullable(),
  evidence: z.string(),
  evidenceKey: z.string(),
  source: z.string(),
  importId: int.nullable(),
  raisedOn: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'closed']),
  assigneeId: int.nullable(),
  outcome: outcome.nullable(),
  closeNote: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  determinationId: int.nullable(),
  referralId: int.nullable(),
  visits: z.array(
    z.object({
      id: int,
      kind: z.enum(['verification', 'home_visit']),
      visitDate: z.string(),
      staff: z.array(z.string()),
      findings: z.string(),
      attachments: z.array(z.object(attachment)),
      recordedBy: z.string(),
      recordedAt: z.string(),
    }),
  ),
});

const monitoringCounts = z.object({
  open: int,
  urgent: int,
  overdue: int,
  dueSoon: int,
  unassigned: int,
  mine: int,
  mineOverdue: int,
  byArea: z.array(z.object({ areaId: int, township: z.string(), open: int, overdue: int })),
  byRule: z.array(z.object({ rule, ruleText: z.string(), open: int, overdue: int })),
  reviews: z.object({ due: int, overdue: int }),
  backup: backupStatusSchema,
});

/** The queue's columns it sorts by over all its pages (monitoring/warnings.ts); without a sort: overdue, urgent, due first. */
export const WARNING_SORT_KEYS = [
  'id',
  'severity',
  'rule',
  'personName',
  'area',
  'raisedOn',
  'dueOn',
  'assigneeName',
  'visits',
  'status',
] as const;

const queueFilter = {
  areaId: z.number().int().optional(),
  severity: z.enum(['urgent', 'normal']).optional(),
  status: z.enum(['open', 'closed', 'all']).optional(),
  assigneeId: z.number().int().nullable().optional(),
  overdue: z.boolean().optional(),
  householdId: z.number().int().optional(),
  rule: rule.optional(),
};

export const monitoringMethods = {
  'monitoring.queue': method({
    input: listPageInput(WARNING_SORT_KEYS, queueFilter),
    output: z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(warningItem) }),
    access: STAFF,
  }),
  'monitoring.exportXlsx': method({ input: listExportInput(WARNING_SORT_KEYS, queueFilter), output: listFile, access: STAFF }),
  'monitoring.get': method({ input: z.object({ id: z.number().int() }), output: warningDetail, access: STAFF }),
  'monitoring.assign': method({
    input: z.object({ ids: z.array(z.number().int()).min(1).max(500), assigneeId: z.number().int() }),
    output: z.object({ assigned: z.number().int() }),
    access: MANAGERS,
  }),
  'monitoring.recordVisit': method({
    input: z.object({
      warningId: z.number().int(),
      kind: z.enum(['verification', 'home_visit']),
      visitDate: isoDate,
      staff: z.array(z.string().trim().min(1).max(40)).min(1).max(10),
      findings: z.string().trim().min(2).max(4000),
      attachments: z
        .array(z.object({ ...attachment, name: attachment.name.max(255), note: z.string().max(500).optional() }))
        .max(20)
        .optional(),
    }),
    output: z.object({ id: z.number().int() }),
    access: CLERKS,
  }),
  'monitoring.close': method({
    input: z.object({
      warningId: z.number().int(),
      outcome,
      note: z.string().trim().min(2).max(2000),
      referral: z.object({ assistance: z.enum(ASSISTANCES), department: z.enum(DEPARTMENTS), reason: z.string().optional() }).optional(),
    }),
    output: z.object({ determinationId: z.number().int().nullable(), referralId: z.number().int().nullable() }),
    access: CLERKS,
  }),
  'monitoring.counts': method({ input: z.object({}), output: monitoringCounts, access: STAFF }),
  'monitoring.checkRegistry': method({
    input: z.object({}),
    output: z.object({ turned60: z.number().int(), turned18: z.number().int(), reviewsOverdue: z.number().int() }),
    access: CLERKS,
  }),
} as const;
