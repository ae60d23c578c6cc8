/** "Policies looking for people": the county re-evaluated, results by kind. */
import { z } from 'zod';
import { SCAN_KINDS, SCAN_TRIGGERS } from '../common/codes';
import { HOUSEHOLD_TIERS } from '../common/determination';
import { TIERS } from '../common/household-file';
import { isoDate, MANAGERS, method, ok, STAFF } from './common';
import { listExportInput, listFile, listPageInput } from './lists';

export { SCAN_KINDS };
const tierOrNone = z.enum(HOUSEHOLD_TIERS);

export const scanStatus = z.object({
  id: z.number().int(),
  status: z.enum(['running', 'done', 'cancelled', 'failed']),
  referenceDate: z.string(),
  trigger: z.enum(SCAN_TRIGGERS),
  parameterSet: z.string().nullable(),
  done: z.number().int(),
  total: z.number().int(),
  etaSeconds: z.number().nullable(),
  counts: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const scanResultRow = z.object({
  id: z.number().int(),
  householdId: z.number().int(),
  headName: z.string(),
  township: z.string(),
  village: z.string(),
  kind: z.enum(SCAN_KINDS),
  oldTier: z.enum(TIERS).nullable(),
  newTier: tierOrNone,
  oldBenefitFen: z.number().int(),
  newBenefitFen: z.number().int(),
  reasons: z.array(z.string()),
});

const resultFilter = {
  id: z.number().int(),
  kind: z.enum(SCAN_KINDS).optional(),
  townshipId: z.number().int().optional(),
  villageId: z.number().int().optional(),
};

/** The results' columns they sort by over all their pages (scan/results.ts); without a sort: by result number. */
export const SCAN_SORT_KEYS = [
  'householdId',
  'headName',
  'area',
  'kind',
  'oldTier',
  'newTier',
  'oldBenefitFen',
  'newBenefitFen',
  'deltaFen',
] as const;

export const scanMethods = {
  'scan.start': method({
    input: z.object({ referenceDate: isoDate.optional() }),
    output: z.object({ id: z.number().int() }),
    access: MANAGERS,
  }),
  'scan.status': method({ input: z.object({ id: z.number().int().optional() }), output: scanStatus.nullable(), access: STAFF }),
  'scan.cancel': method({ input: z.object({ id: z.number().int() }), output: ok, access: MANAGERS }),
  'scan.results': method({
    input: listPageInput(SCAN_SORT_KEYS, resultFilter),
    output: z.object({ rows: z.array(scanResultRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
    access: STAFF,
  }),
  'scan.exportXlsx': method({ input: listExportInput(SCAN_SORT_KEYS, resultFilter), output: listFile, access: STAFF }),
} as const;
