/** Printed forms: preview as HTML, print to PDF, or export to XLSX. */
import { z } from 'zod';
import { REPORT_KINDS } from '../common/codes';
import { TIERS } from '../common/household-file';
import { CLERKS, isoDate, method, month } from './common';

export const reportsMethods = {
  'reports.render': method({
    input: z.object({
      kind: z.enum(REPORT_KINDS),
      month: month.optional(),
      householdId: z.number().int().optional(),
      tier: z.enum(TIERS).optional(),
      // The warnings report's period may be a date range (inclusive) instead of a month.
      from: isoDate.optional(),
      to: isoDate.optional(),
      townshipId: z.number().int().optional(),
      villageId: z.number().int().optional(),
      providerId: z.number().int().optional(),
      caseId: z.number().int().optional(),
      format: z.enum(['html', 'pdf', 'xlsx']),
    }),
    output: z.object({
      fileName: z.string(),
      mime: z.string(),
      pages: z.number().int().nullable(),
      html: z.string().optional(),
      base64: z.string().optional(),
    }),
    access: CLERKS,
  }),
} as const;
