/** The office's details, printed on every form. */
import { z } from 'zod';
import { ADMIN, method, officeSchema } from './common';

export const officeInput = z.object({
  name: z.string().trim().min(1, 'office name is required').max(100),
  county: z.string().trim().min(1, 'county is required').max(100),
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'region code has 6 digits'),
});

export const officeMethods = {
  'office.get': method({ input: z.object({}), output: officeSchema, access: 'any' }),
  'office.update': method({ input: officeInput, output: officeSchema, access: ADMIN }),
} as const;
