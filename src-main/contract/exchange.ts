import { z } from 'zod';
import { isoDate, method, ok } from './common';
import { SOURCES } from '../exchange/profiles';
import { OUTCOMES, RULE_IDS } from '../monitoring/rules';

/** Departmental data exchange, monitoring (warnings, visits, reviews), packages, backup. */

const STAFF = ['clerk', 'manager', 'administrator'] as const;
const CLERKS = ['clerk', 'manager'] as const;
const MANAGERS = ['manager', 'administrator'] as const;
const ADMIN = ['administrator'] as const;

/** A file arrives as a path (Electron dialogs, a typed or dropped path) or as base64 content (small uploads). */
export const fileInput = z.object({
  path: z.string().min(1).max(4096).optional(),
  base64: z.string().max(45_000_000).optional(),
  name: z.string().max(255).optional(),
}).refine((f) => !!f.path !== (f.base64 !== undefined), { message: 'give either path or base64' });

const source = z.enum(SOURCES);
const mapping = z.record(z.string(), z.string());
const page = { page: z.number().int().min(1).optional(), pageSize: z.number().int().min(1).max(500).optional() };

export const rejectedRow = z.object({ row: z.number().int(), column: z.string(), reason: z.string() });
/** ASSISTANCE-RULES §6: the import summary's keys, exactly. */
export const importSummary = z.object({
  file: z.string(), sha256: z.string(), source: z.string(), rowsRead: z.number().int(), accepted: z.number().int(), rejected: z.array(rejectedRow),
  matchedPersons: z.number().int(), unknownPersons: z.number().int(), warningsRaised: z.number().int(), duplicateFile: z.boolean(),
});

export const importStatusSchema = z.object({
  importId: z.number().int(), status: z.string(), running: z.boolean(), phase: z.enum(['staging', 'applying']).nullable(), done: z.number().int(), total: z.number().int(),
  etaSeconds: z.number().nullable(), staged: z.number().int().nullable(), rejected: z.number().int().nullable(), file: z.string(), sha256: z.string(), source: z.string(),
  summary: importSummary.nullable(), error: z.string().nullable(),
});

const importOptions = { source, mapping: mapping.optional(), headerRow: z.number().int().min(1).optional(), fileDate: isoDate.optional() };

export const warningItem = z.object({
  id: z.number().int(), rule: z.string(), ruleText: z.string(), severity: z.enum(['urgent', 'normal']), householdId: z.number().int(), idNumber: z.string(), personName: z.string().nullable(),
  township: z.string(), village: z.string(), evidence: z.string(), source: z.string(), raisedOn: z.string(), dueOn: z.string(), ageWorkingDays: z.number().int(), overdue: z.boolean(),
  status: z.enum(['open', 'closed']), assigneeId: z.number().int().nullable(), assigneeName: z.string().nullable(), visits: z.number().int(), outcome: z.string().nullable(),
  closedAt: z.string().nullable(), determinationId: z.number().int().nullable(), referralId: z.number().int().nullable(),
});

/** exchange/package.ts Manifest. */
const manifest = z.object({
  format: z.literal('safetynet-package/1'), kind: z.string(), office: z.object({ name: z.string(), county: z.string(), regionCode: z.string() }).nullable(),
  createdAt: z.string(), createdBy: z.string(), appVersion: z.string(), counts: z.record(z.string(), z.number()), meta: z.record(z.string(), z.unknown()).optional(),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int(), sha256: z.string(), encrypted: z.boolean() })),
  encryption: z.object({ cipher: z.literal('aes-256-gcm'), kdf: z.literal('scrypt'), salt: z.string(), N: z.number().int(), r: z.number().int(), p: z.number().int() }).nullable(),
  mac: z.string().optional(),
});
const packageOut = z.object({ target: z.string(), manifest });

const int = z.number().int();
const paged = <T extends z.ZodTypeAny>(item: T) => z.object({ total: int, page: int, pageSize: int, items: z.array(item) });

export const importHistoryItem = z.object({
  id: int, file: z.string(), sha256: z.string(), source: z.string(), format: z.string(), encoding: z.string().nullable(), fileDate: z.string(), bytes: int,
  status: z.string(), running: z.boolean(), rowsRead: int.nullable(), accepted: int.nullable(), rejected: int.nullable(), matchedPersons: int.nullable(),
  unknownPersons: int.nullable(), warningsRaised: int.nullable(), startedBy: z.string(), startedAt: z.string(), appliedAt: z.string().nullable(), error: z.string().nullable(),
});

export const unknownPerson = z.object({ idNumber: z.string(), name: z.string().nullable(), firstRow: int, rows: int });

export const backupStatusSchema = z.object({
  last: z.object({ folder: z.string(), sha256: z.string(), bytes: int, appVersion: z.string(), createdBy: z.string(), createdAt: z.string() }).nullable(),
  ageDays: int.nullable(),
  reminder: z.boolean(),
});

const monitoringCounts = z.object({
  open: int, urgent: int, overdue: int, dueSoon: int, unassigned: int, mine: int, mineOverdue: int,
  byArea: z.array(z.object({ areaId: int, township: z.string(), open: int, overdue: int })),
  byRule: z.array(z.object({ rule: z.string(), ruleText: z.string(), open: int, overdue: int })),
  reviews: z.object({ due: int, overdue: int }),
  backup: backupStatusSchema,
});

const fileLayout = {
  source: z.string(), format: z.enum(['csv', 'xlsx']), encoding: z.string().nullable(), headerRow: int, mapping: z.record(z.string(), z.string()),
};

export const importPreview = z.object({
  file: z.string(), bytes: int, ...fileLayout, header: z.array(z.string()), missing: z.array(z.string()), savedMapping: z.boolean(), needsAuthorisation: z.boolean(),
  fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean(), type: z.enum(['id', 'name', 'date', 'money', 'text']) })),
  rows: z.array(z.object({ row: int, cells: z.array(z.string()) })),
});

export const importValidation = z.object({
  file: z.string(), ...fileLayout, rowsRead: int, valid: int, invalid: int, matchedRows: int, unknownRows: int,
  problems: z.array(z.object({ row: int, column: z.string(), problem: z.string() })), truncated: z.boolean(), reportCsvBase64: z.string(),
});

export const warningDetail = z.object({
  id: int, rule: z.string(), ruleText: z.string(), action: z.string(), severity: z.enum(['urgent', 'normal']), householdId: int, idNumber: z.string(), personName: z.string().nullable(),
  evidence: z.string(), evidenceKey: z.string(), source: z.string(), importId: int.nullable(), raisedOn: z.string(), dueOn: z.string(), status: z.enum(['open', 'closed']),
  assigneeId: int.nullable(), outcome: z.string().nullable(), closeNote: z.string().nullable(), closedBy: z.string().nullable(), closedAt: z.string().nullable(),
  determinationId: int.nullable(), referralId: int.nullable(),
  visits: z.array(z.object({
    id: int, kind: z.enum(['verification', 'home_visit']), visitDate: z.string(), staff: z.array(z.string()), findings: z.string(),
    attachments: z.array(z.object({ name: z.string(), sha256: z.string().optional(), note: z.string().optional() })), recordedBy: z.string(), recordedAt: z.string(),
  })),
});

export const reviewDue = z.object({
  householdId: int, headName: z.string(), township: z.string(), village: z.string(), tier: z.string(), reviewClass: z.enum(['A', 'B', 'C']).nullable(),
  lastReviewOn: z.string(), nextReviewOn: z.string(), overdue: z.boolean(),
});

export const verificationReportSchema = z.object({
  householdId: int,
  findings: z.array(z.object({
    category: z.string(), categoryText: z.string(), amountFen: int.nullable(), source: z.string(), sourceText: z.string(), date: z.string().nullable(), fileDate: z.string(),
    file: z.string(), row: int, idNumber: z.string(), name: z.string().nullable(), nameInFile: z.string().nullable(), nameDiffers: z.boolean(), evidenceKey: z.string(),
    detail: z.string().nullable(), refused: z.boolean(),
  })),
  categories: z.array(z.object({ category: z.string(), categoryText: z.string(), count: int, amountFen: int })),
});

export const exchangeMethods = {
  'exchange.sources': method({
    input: z.object({}),
    output: z.array(z.object({ source: z.string(), zh: z.string(), en: z.string(), department: z.string(), needsAuthorisation: z.boolean(), fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean(), type: z.string() })) })),
    access: STAFF,
  }),
  'exchange.preview': method({ input: z.object({ file: fileInput, ...importOptions, rows: z.number().int().min(1).max(40).optional() }), output: importPreview, access: CLERKS }),
  'exchange.validate': method({ input: z.object({ file: fileInput, ...importOptions }), output: importValidation, access: CLERKS }),
  'exchange.start': method({
    input: z.object({ file: fileInput.optional(), package: z.object({ path: z.string().min(1), passphrase: z.string().optional() }).optional(), ...importOptions, source: source.optional(), saveMapping: z.boolean().default(true) }),
    output: z.object({ importId: z.number().int(), duplicateFile: z.boolean(), resumed: z.boolean(), summary: importSummary.nullable() }),
    access: CLERKS,
    write: true,
  }),
  'exchange.status': method({ input: z.object({ importId: z.number().int() }), output: importStatusSchema, access: STAFF }),
  'exchange.cancel': method({ input: z.object({ importId: z.number().int() }), output: ok, access: CLERKS, write: true }),
  'exchange.running': method({ input: z.object({}), output: z.object({ importId: z.number().int().nullable() }), access: STAFF }),
  'exchange.history': method({ input: z.object({ source: source.optional(), ...page }), output: paged(importHistoryItem), access: STAFF }),
  'exchange.rejected': method({ input: z.object({ importId: z.number().int() }), output: z.object({ rows: z.array(rejectedRow), csvBase64: z.string() }), access: CLERKS }),
  'exchange.unknownPersons': method({ input: z.object({ importId: z.number().int(), ...page }), output: paged(unknownPerson), access: CLERKS }),
  'exchange.mappings': method({ input: z.object({}), output: z.array(z.object({ source: z.string(), mapping, updatedBy: z.string(), updatedAt: z.string() })), access: STAFF }),
  'exchange.saveMapping': method({ input: z.object({ source, mapping }), output: ok, access: CLERKS, write: true }),
  'export.verificationRequests': method({
    input: z.object({ source, folder: z.string().min(1), areaId: z.number().int().optional(), householdIds: z.array(z.number().int()).max(10_000).optional(), inTierOnly: z.boolean().optional(), zip: z.boolean().optional(), passphrase: z.string().min(8).optional() }),
    output: packageOut.extend({ persons: z.number().int(), withoutAuthorisation: z.number().int() }),
    access: STAFF,
    write: true,
  }),
  'export.package': method({
    input: z.object({ file: fileInput, source, folder: z.string().min(1), passphrase: z.string().min(8).optional(), zip: z.boolean().optional() }),
    output: packageOut,
    access: CLERKS,
    write: true,
  }),
  'export.verifyPackage': method({ input: z.object({ path: z.string().min(1), passphrase: z.string().optional() }), output: z.object({ ok: z.literal(true), manifest }), access: STAFF }),
  'monitoring.queue': method({
    input: z.object({ areaId: z.number().int().optional(), severity: z.enum(['urgent', 'normal']).optional(), status: z.enum(['open', 'closed', 'all']).optional(), assigneeId: z.number().int().nullable().optional(),
      overdue: z.boolean().optional(), householdId: z.number().int().optional(), rule: z.enum(RULE_IDS as [string, ...string[]]).optional(), ...page }),
    output: z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(warningItem) }),
    access: STAFF,
  }),
  'monitoring.get': method({ input: z.object({ id: z.number().int() }), output: warningDetail, access: STAFF }),
  'monitoring.assign': method({ input: z.object({ ids: z.array(z.number().int()).min(1).max(500), assigneeId: z.number().int() }), output: z.object({ assigned: z.number().int() }), access: MANAGERS, write: true }),
  'monitoring.recordVisit': method({
    input: z.object({ warningId: z.number().int(), kind: z.enum(['verification', 'home_visit']), visitDate: isoDate, staff: z.array(z.string().trim().min(1).max(40)).min(1).max(10), findings: z.string().trim().min(2).max(4000),
      attachments: z.array(z.object({ name: z.string().max(255), sha256: z.string().optional(), note: z.string().max(500).optional() })).max(20).optional() }),
    output: z.object({ id: z.number().int() }),
    access: CLERKS,
    write: true,
  }),
  'monitoring.close': method({
    input: z.object({ warningId: z.number().int(), outcome: z.enum(OUTCOMES), note: z.string().trim().min(2).max(2000), referral: z.object({ assistance: z.string(), department: z.string(), reason: z.string().optional() }).optional() }),
    output: z.object({ determinationId: z.number().int().nullable(), referralId: z.number().int().nullable() }),
    access: CLERKS,
    write: true,
  }),
  'monitoring.counts': method({ input: z.object({}), output: monitoringCounts, access: STAFF }),
  'monitoring.checkRegistry': method({ input: z.object({}), output: z.object({ turned60: z.number().int(), turned18: z.number().int(), reviewsOverdue: z.number().int() }), access: CLERKS, write: true }),
  'reviews.due': method({ input: z.object({ withinDays: z.number().int().min(0).max(366).optional(), areaId: z.number().int().optional(), overdueOnly: z.boolean().optional(), ...page }), output: paged(reviewDue).extend({ overdue: int }), access: STAFF }),
  'reviews.record': method({
    input: z.object({ householdId: z.number().int(), reviewedOn: isoDate, outcome: z.enum(['no_change', 'increase', 'decrease', 'stop', 'change_of_tier']), note: z.string().max(2000).optional() }),
    output: z.object({ id: z.number().int() }),
    access: CLERKS,
    write: true,
  }),
  'verification.report': method({ input: z.object({ householdId: z.number().int() }), output: verificationReportSchema, access: STAFF }),
  'calendar.list': method({ input: z.object({ year: z.string().regex(/^\d{4}$/) }), output: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string().nullable() })), access: STAFF }),
  'calendar.import': method({ input: z.object({ file: fileInput }), output: z.object({ years: z.array(z.string()), days: z.number().int() }), access: ADMIN, write: true }),
  'backup.create': method({ input: z.object({ folder: z.string().min(1), passphrase: z.string().min(8) }), output: z.object({ folder: z.string(), sha256: z.string(), bytes: z.number().int(), createdAt: z.string() }), access: ADMIN, write: true }),
  'backup.status': method({ input: z.object({}), output: backupStatusSchema, access: STAFF }),
  'backup.restore': method({
    input: z.object({ path: z.string().min(1), passphrase: z.string().min(1), confirm: z.literal(true) }),
    output: z.object({ restoredFrom: z.string(), backupCreatedAt: z.string(), appVersion: z.string(), needsMigration: z.array(z.string()), sha256: z.string() }),
    access: ADMIN, write: true,
  }),
} as const;
