/** Department files in: sources, preview, validation, the import with progress, its history. */
import { z } from 'zod';
import { SOURCES } from '../common/codes';
import { CLERKS, fileInput, int, isoDate, method, ok, onePackage, packageInput, pageInput, paged, STAFF } from './common';

export const source = z.enum(SOURCES);
export const mapping = z.record(z.string(), z.string());

export const rejectedRow = z.object({ row: z.number().int(), column: z.string(), reason: z.string() });
/** The import summary's keys, exactly (docs/rules/assistance.md §6). */
export const importSummary = z.object({
  file: z.string(),
  sha256: z.string(),
  source: z.string(),
  rowsRead: z.number().int(),
  accepted: z.number().int(),
  rejected: z.array(rejectedRow),
  matchedPersons: z.number().int(),
  unknownPersons: z.number().int(),
  warningsRaised: z.number().int(),
  duplicateFile: z.boolean(),
});

export const importStatusSchema = z.object({
  importId: z.number().int(),
  status: z.string(),
  running: z.boolean(),
  phase: z.enum(['staging', 'applying']).nullable(),
  done: z.number().int(),
  total: z.number().int(),
  etaSeconds: z.number().nullable(),
  staged: z.number().int().nullable(),
  rejected: z.number().int().nullable(),
  file: z.string(),
  sha256: z.string(),
  source: z.string(),
  summary: importSummary.nullable(),
  error: z.string().nullable(),
});

const importOptions = { source, mapping: mapping.optional(), headerRow: z.number().int().min(1).optional(), fileDate: isoDate.optional() };

export const importHistoryItem = z.object({
  id: int,
  file: z.string(),
  sha256: z.string(),
  source: z.string(),
  format: z.string(),
  encoding: z.string().nullable(),
  fileDate: z.string(),
  bytes: int,
  status: z.string(),
  running: z.boolean(),
  rowsRead: int.nullable(),
  accepted: int.nullable(),
  rejected: int.nullable(),
  matchedPersons: int.nullable(),
  unknownPersons: int.nullable(),
  warningsRaised: int.nullable(),
  startedBy: z.string(),
  startedAt: z.string(),
  appliedAt: z.string().nullable(),
  error: z.string().nullable(),
});

export const unknownPerson = z.object({ idNumber: z.string(), name: z.string().nullable(), firstRow: int, rows: int });

const fileLayout = {
  source: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  headerRow: int,
  mapping: z.record(z.string(), z.string()),
};

export const importPreview = z.object({
  file: z.string(),
  bytes: int,
  ...fileLayout,
  header: z.array(z.string()),
  missing: z.array(z.string()),
  savedMapping: z.boolean(),
  needsAuthorisation: z.boolean(),
  fields: z.array(
    z.object({ key: z.string(), label: z.string(), required: z.boolean(), type: z.enum(['id', 'name', 'date', 'money', 'text']) }),
  ),
  rows: z.array(z.object({ row: int, cells: z.array(z.string()) })),
});

export const importValidation = z.object({
  file: z.string(),
  ...fileLayout,
  rowsRead: int,
  valid: int,
  invalid: int,
  matchedRows: int,
  unknownRows: int,
  problems: z.array(z.object({ row: int, column: z.string(), problem: z.string() })),
  truncated: z.boolean(),
  reportCsvBase64: z.string(),
});

export const exchangeMethods = {
  'exchange.sources': method({
    input: z.object({}),
    output: z.array(
      z.object({
        source: z.string(),
        zh: z.string(),
        en: z.string(),
        department: z.string(),
        needsAuthorisation: z.boolean(),
        fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean(), type: z.string() })),
      }),
    ),
    access: STAFF,
  }),
  'exchange.preview': method({
    input: z.object({ file: fileInput, ...importOptions, rows: z.number().int().min(1).max(40).optional() }),
    output: importPreview,
    access: CLERKS,
  }),
  'exchange.validate': method({ input: z.object({ file: fileInput, ...importOptions }), output: importValidation, access: CLERKS }),
  'exchange.start': method({
    input: z.object({
      file: fileInput.optional(),
      package: z
        .object({ ...packageInput, passphrase: z.string().optional() })
        .refine(onePackage, { message: 'give path or upload' })
        .optional(),
      ...importOptions,
      source: source.optional(),
      saveMapping: z.boolean().default(true),
    }),
    output: z.object({ importId: z.number().int(), duplicateFile: z.boolean(), resumed: z.boolean(), summary: importSummary.nullable() }),
    access: CLERKS,
  }),
  'exchange.status': method({ input: z.object({ importId: z.number().int() }), output: importStatusSchema, access: STAFF }),
  'exchange.cancel': method({ input: z.object({ importId: z.number().int() }), output: ok, access: CLERKS }),
  'exchange.running': method({ input: z.object({}), output: z.object({ importId: z.number().int().nullable() }), access: STAFF }),
  'exchange.history': method({
    input: z.object({ source: source.optional(), ...pageInput }),
    output: paged(importHistoryItem),
    access: STAFF,
  }),
  'exchange.rejected': method({
    input: z.object({ importId: z.number().int() }),
    output: z.object({ rows: z.array(rejectedRow), csvBase64: z.string() }),
    access: CLERKS,
  }),
  'exchange.unknownPersons': method({
    input: z.object({ importId: z.number().int(), ...pageInput }),
    output: paged(unknownPerson),
    access: CLERKS,
  }),
  'exchange.mappings': method({
    input: z.object({}),
    output: z.array(z.object({ source: z.string(), mapping, updatedBy: z.string(), updatedAt: z.string() })),
    access: STAFF,
  }),
  'exchange.saveMapping': method({ input: z.object({ source, mapping }), output: ok, access: CLERKS }),
} as const;
