/** "Policies looking for people": the county re-evaluated, results by kind. */
import { z } from 'zod';
import { SCAN_KINDS, SCAN_TRIGGERS } from '../common/codes';
import { HOUSEHOLD_TIERS } from '../common/determination';
import { TIERS } from '../common/household-file';
import { isoDate, MANAGERS, method, ok, STAFF } from './common';

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

export const scanMethods = {
  'scan.start': method({
    input: z.object({ referenceDate: isoDate.optional() }),
    output: z.object({ id: z.number().int() }),
    access: MANAGERS,
  }),
  'scan.status': method({ input: z.object({ id: z.number().int().optional() }), output: scanStatus.nullable(), access: STAFF }),
  'scan.cancel': method({ input: z.object({ id: z.number().int() }), output: ok, access: MANAGERS }),
  'scan.results': method({
    input: z.object({ ...resultFilter, page: z.number().int().min(1).default(1), pageSize: z.number().int().min(10).max(200).default(50) }),
    output: z.object({ rows: z.array(scanResultRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
    access: STAFF,
  }),
  'scan.exportXlsx': method({
    input: z.object(resultFilter),
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
    access: STAFF,
  }),
} as const;
