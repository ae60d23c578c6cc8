/** The office calendar: holidays and make-up working days that deadlines count with. */
import { z } from 'zod';
import { ADMIN, fileInput, method, STAFF } from './common';

export const calendarMethods = {
  'calendar.list': method({
    input: z.object({ year: z.string().regex(/^\d{4}$/) }),
    output: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string().nullable() })),
    access: STAFF,
  }),
  'calendar.import': method({
    input: z.object({ file: fileInput }),
    output: z.object({ years: z.array(z.string()), days: z.number().int() }),
    access: ADMIN,
  }),
} as const;
