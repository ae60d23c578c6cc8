/** Periodic reviews by review class (§4.1): what is due, and the review's outcome. */
import { z } from 'zod';
import { REVIEW_OUTCOMES } from '../common/codes';
import { TIERS } from '../common/household-file';
import { CLERKS, int, isoDate, method, pageInput, paged, STAFF } from './common';

export const reviewDue = z.object({
  householdId: int,
  headName: z.string(),
  township: z.string(),
  village: z.string(),
  tier: z.enum(TIERS),
  reviewClass: z.enum(['A', 'B', 'C']).nullable(),
  lastReviewOn: z.string(),
  nextReviewOn: z.string(),
  overdue: z.boolean(),
});

export const reviewsMethods = {
  'reviews.due': method({
    input: z.object({
      withinDays: z.number().int().min(0).max(366).optional(),
      areaId: z.number().int().optional(),
      overdueOnly: z.boolean().optional(),
      ...pageInput,
    }),
    output: paged(reviewDue).extend({ overdue: int }),
    access: STAFF,
  }),
  'reviews.record': method({
    input: z.object({
      householdId: z.number().int(),
      reviewedOn: isoDate,
      outcome: z.enum(REVIEW_OUTCOMES),
      note: z.string().max(2000).optional(),
    }),
    output: z.object({ id: z.number().int() }),
    access: CLERKS,
  }),
} as const;
