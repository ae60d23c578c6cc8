/** Townships and their villages. */
import { z } from 'zod';
import { method, STAFF } from './common';

export const areaSchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  level: z.enum(['township', 'village']),
  name: z.string(),
});

export const areasMethods = {
  'areas.list': method({ input: z.object({}), output: z.array(areaSchema), access: STAFF }),
} as const;
