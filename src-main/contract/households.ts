/** The household registry: list, read, create, edit, household files in and out. */
import { z } from 'zod';
import { householdOutputSchema, householdSchema, RESIDENCES, TIERS } from '../common/household-file';
import { todayIso } from '../common/dates';
import { CLERKS, method, STAFF } from './common';

/** The household list's columns it can be sorted by, over all its pages (registry/list.ts). */
export const LIST_SORT_KEYS = [
  'id',
  'headName',
  'headIdNumber',
  'township',
  'village',
  'size',
  'currentTier',
  'currentBenefitFen',
  'updatedAt',
] as const;

/** The household as the form edits it: the household-file shape (yuan), validated against today. */
export const householdInput = householdSchema(() => todayIso());

export const householdSummary = z.object({
  id: z.number().int(),
  headName: z.string(),
  headIdNumber: z.string(),
  township: z.string(),
  village: z.string(),
  residence: z.enum(RESIDENCES),
  size: z.number().int(),
  currentTier: z.enum(TIERS).nullable(),
  currentBenefitFen: z.number().int(),
  updatedAt: z.string(),
});

export const householdDetail = z.object({
  id: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  size: z.number().int(),
  household: householdOutputSchema,
});

const listFilter = {
  townshipId: z.number().int().optional(),
  villageId: z.number().int().optional(),
  tier: z.enum([...TIERS, 'none']).optional(),
};

export const householdsMethods = {
  'households.list': method({
    input: z.object({
      ...listFilter,
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(10).max(200).default(50),
      sort: z.object({ key: z.enum(LIST_SORT_KEYS), dir: z.enum(['asc', 'desc']) }).optional(),
    }),
    output: z.object({ rows: z.array(householdSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
    access: STAFF,
  }),
  'households.exportXlsx': method({
    input: z.object(listFilter),
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
    access: STAFF,
  }),
  'households.get': method({ input: z.object({ id: z.number().int() }), output: householdDetail, access: STAFF }),
  'households.create': method({
    input: z.object({ household: householdInput }),
    output: z.object({ id: z.number().int(), version: z.number().int() }),
    access: CLERKS,
  }),
  'households.update': method({
    input: z.object({ id: z.number().int(), version: z.number().int(), household: householdInput }),
    output: z.object({ id: z.number().int(), version: z.number().int() }),
    access: CLERKS,
  }),
  'households.exportFile': method({
    input: z.object({ id: z.number().int() }),
    output: z.object({ fileName: z.string(), text: z.string() }),
    access: CLERKS,
  }),
  'households.importFile': method({
    input: z.object({ text: z.string().max(5_000_000) }),
    output: z.object({ id: z.number().int(), version: z.number().int() }),
    access: CLERKS,
  }),
} as const;
