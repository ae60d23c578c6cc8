/** "People looking for policies": a household, saved or typed, evaluated for every tier. */
import { z } from 'zod';
import { determinationSchema, screenOutputSchema } from '../common/determination';
import { isoDate, method, STAFF } from './common';
import { householdInput } from './households';

/** A determination for the screen: rendered in the reader's language, plus the data behind it. */
export const screeningSchema = z.object({
  output: screenOutputSchema,
  determination: determinationSchema,
  parameters: z.object({ id: z.string(), referenceDate: z.string() }),
});

export const screeningMethods = {
  'screening.evaluate': method({
    input: z.object({ householdId: z.number().int().optional(), household: householdInput.optional(), referenceDate: isoDate.optional() }),
    output: screeningSchema,
    access: STAFF,
  }),
} as const;
