/** The county's dated parameters: history, values in force, a new dated value. */
import { z } from 'zod';
import { PARAMETER_UNITS, parameterIdSchema, parameterValueSchema, parameterValuesSchema } from '../common/parameters';
import { isoDate, KEEPERS, method, STAFF } from './common';
import { requestSchema } from './requests';

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
  'parameters.list': method({ input: z.object({}), output: z.array(parameterRowSchema), access: KEEPERS }),
  'parameters.inForce': method({
    input: z.object({ date: isoDate.optional() }),
    output: z.object({
      id: z.string(),
      referenceDate: z.string(),
      values: z.object({ urban: parameterValuesSchema, rural: parameterValuesSchema }),
    }),
    access: STAFF,
  }),
  /** Asks for a new dated value: a manager who is not the asker confirms it (docs/security.md "Roles and the two-person rule"). */
  'parameters.add': method({
    input: z.object({
      parameterId: parameterIdSchema,
      effectiveFrom: isoDate,
      urban: parameterValueSchema,
      rural: parameterValueSchema,
      note: z.string().max(200).optional(),
      rescan: z.boolean().default(true),
    }),
    output: requestSchema,
    access: KEEPERS,
  }),
} as const;
