/** Conflicts between stations (docs/rules/workstations.md "Conflicts"): both versions field by field; resolved and audited. */
import { z } from 'zod';
import { CLERKS, int, method } from './common';

export const CONFLICT_KINDS = ['household', 'duplicate_person', 'review'] as const;
export const CONFLICT_FIELD_NAMES = [
  'residence',
  'area',
  'address',
  'externalId',
  'members',
  'supportersOutside',
  'assets',
  'expenses12Months',
  'housing',
  'flags',
] as const;
const side = z.enum(['county', 'township']);

export const conflictSchema = z.object({
  id: int,
  kind: z.enum(CONFLICT_KINDS),
  householdGid: z.string(),
  householdId: int.nullable(),
  otherHouseholdId: int.nullable(),
  personIdNumber: z.string().nullable(),
  station: z.string(),
  packageSeq: int,
  headName: z.string(),
  status: z.enum(['open', 'resolved']),
  resolution: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const conflictsMethods = {
  'conflicts.list': method({
    input: z.object({ status: z.enum(['open', 'resolved']).optional() }),
    output: z.array(conflictSchema),
    access: CLERKS,
  }),
  'conflicts.get': method({
    input: z.object({ id: int }),
    output: conflictSchema.extend({
      fields: z.array(
        z.object({
          field: z.enum(CONFLICT_FIELD_NAMES),
          county: z.string().nullable(),
          township: z.string().nullable(),
          differs: z.boolean(),
        }),
      ),
    }),
    access: CLERKS,
  }),
  // The station's level narrows this to a county manager, or a township's clerk for a review (stations/access.ts).
  'conflicts.resolve': method({
    input: z.object({
      id: int,
      take: z.enum(['county', 'township', 'fields']),
      fields: z.partialRecord(z.enum(CONFLICT_FIELD_NAMES), side).optional(),
    }),
    output: z.object({ householdId: int.nullable(), version: int.nullable() }),
    access: ['clerk', 'manager'],
  }),
} as const;
