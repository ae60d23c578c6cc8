/** Search across the registry while typing: ID number, name or village. */
import { z } from 'zod';
import { MEMBER_STATUSES, RELATIONS } from '../common/household-file';
import { method, STAFF } from './common';

export const searchHit = z.object({
  memberId: z.number().int(),
  householdId: z.number().int(),
  idNumber: z.string(),
  name: z.string(),
  relation: z.enum(RELATIONS),
  status: z.enum(MEMBER_STATUSES),
  township: z.string(),
  village: z.string(),
  headName: z.string(),
});

export const registryMethods = {
  'registry.search': method({
    input: z.object({ q: z.string().max(64), limit: z.number().int().min(1).max(100).default(20) }),
    // total: everyone the query finds (at most 10,001 counted; capped says there are more), of whom `hits` are the first.
    output: z.object({ hits: z.array(searchHit), total: z.number().int(), capped: z.boolean(), elapsedMs: z.number() }),
    access: STAFF,
  }),
} as const;
