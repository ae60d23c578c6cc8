/** The county's dated parameters: history, values in force, a new dated value. */
import { z } from 'zod';
import { PARAMETER_UNITS, parameterIdSchema, parameterValueSchema, parameterValuesSchema } from '../common/parameters';
import { ADMIN, isoDate, MANAGERS, method, STAFF } from './common';

export const parameterRowSchema = z.object({
  id: z.number().int(),
  parameterId: parameterIdSchema,
  unit: z.enum(PARAMETER_UNITS),
  effectiveFrom: isoDate,
  urban: parameterValueSchema,
  rural: parameterValueSchema,
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  superseded: z.boolean(),
});

export const parametersMethods = {
  'parameters.list': method({ input: z.object({}), output: z.array(parameterRowSchema), access: MANAGERS }),
  'parameters.inForce': method({
    input: z.object({ date: isoDate.optional() }),
    output: z.object({
      id: z.string(),
      referenceDate: z.string(),
      values: z.object({ urban: parameterValuesSchema, rural: parameterValuesSchema }),
    }),
    access: STAFF,
  }),
  'parameters.add': method({
    input: z.object({
      parameterId: parameterIdSchema,
      effectiveFrom: isoDate,
      urban: parameterValueSchema,
      rural: parameterValueSchema,
      note: z.string().max(200).optional(),
      rescan: z.boolean().default(true),
    }),
    output: z.object({ id: z.number().int(), scanId: z.number().int().nullable() }),
    access: ADMIN,
  }),
} as const;
