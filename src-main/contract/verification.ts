/** The household economic verification report: what departments' files found, by category. */
import { z } from 'zod';
import { SOURCES } from '../common/codes';
import { int, method, STAFF } from './common';

export const verificationReportSchema = z.object({
  householdId: int,
  findings: z.array(
    z.object({
      category: z.string(),
      categoryText: z.string(),
      amountFen: int.nullable(),
      source: z.enum(SOURCES),
      sourceText: z.string(),
      date: z.string().nullable(),
      fileDate: z.string(),
      file: z.string(),
      row: int,
      idNumber: z.string(),
      name: z.string().nullable(),
      nameInFile: z.string().nullable(),
      nameDiffers: z.boolean(),
      evidenceKey: z.string(),
      detail: z.string().nullable(),
      refused: z.boolean(),
    }),
  ),
  categories: z.array(z.object({ category: z.string(), categoryText: z.string(), count: int, amountFen: int })),
});

export const verificationMethods = {
  'verification.report': method({ input: z.object({ householdId: z.number().int() }), output: verificationReportSchema, access: STAFF }),
} as const;
