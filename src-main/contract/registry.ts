import { z } from 'zod';
import { householdSchema, TIERS } from '../common/household-file';
import { todayIso } from '../common/dates';
import { method } from './common';

/** The household list's columns it can be sorted by, over all its pages (registry/list.ts). */
export const LIST_SORT_KEYS = ['id', 'headName', 'headIdNumber', 'township', 'village', 'size', 'currentTier', 'currentBenefitFen', 'updatedAt'] as const;

const READ = ['clerk', 'manager', 'administrator'] as const;
const WRITE = ['clerk', 'manager', 'administrator'] as const;

/** The household as the form edits it: the household-file shape (yuan), validated against today. */
export const householdInput = householdSchema(() => todayIso());

export const areaSchema = z.object({ id: z.number().int(), parentId: z.number().int().nullable(), level: z.enum(['township', 'village']), name: z.string() });

export const householdSummary = z.object({
  id: z.number().int(),
  headName: z.string(),
  headIdNumber: z.string(),
  township: z.string(),
  village: z.string(),
  residence: z.enum(['urban', 'rural']),
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
  household: z.any(),
});

export const searchHit = z.object({
  memberId: z.number().int(),
  householdId: z.number().int(),
  idNumber: z.string(),
  name: z.string(),
  relation: z.string(),
  status: z.string(),
  township: z.string(),
  village: z.string(),
  headName: z.string(),
});

export const auditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  username: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string().nullable(),
  before: z.any(),
  after: z.any(),
});

export const registryMethods = {
  'areas.list': method({ input: z.object({}), output: z.array(areaSchema), access: READ }),
  'registry.search': method({
    input: z.object({ q: z.string().max(64), limit: z.number().int().min(1).max(100).default(20) }),
    output: z.object({ hits: z.array(searchHit), elapsedMs: z.number() }),
    access: READ,
  }),
  'households.list': method({
    input: z.object({
      townshipId: z.number().int().optional(),
      villageId: z.number().int().optional(),
      tier: z.enum([...TIERS, 'none']).optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(10).max(200).default(50),
      sort: z.object({ key: z.enum(LIST_SORT_KEYS), dir: z.enum(['asc', 'desc']) }).optional(),
    }),
    output: z.object({ rows: z.array(householdSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
    access: READ,
  }),
  'households.exportXlsx': method({
    input: z.object({ townshipId: z.number().int().optional(), villageId: z.number().int().optional(), tier: z.enum([...TIERS, 'none']).optional() }),
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
    access: READ,
  }),
  'households.get': method({ input: z.object({ id: z.number().int() }), output: householdDetail, access: READ }),
  'households.create': method({ input: z.object({ household: householdInput }), output: z.object({ id: z.number().int(), version: z.number().int() }), access: WRITE, write: true }),
  'households.update': method({
    input: z.object({ id: z.number().int(), version: z.number().int(), household: householdInput }),
    output: z.object({ id: z.number().int(), version: z.number().int() }),
    access: WRITE,
    write: true,
  }),
  'households.exportFile': method({ input: z.object({ id: z.number().int() }), output: z.object({ fileName: z.string(), text: z.string() }), access: READ }),
  'households.importFile': method({ input: z.object({ text: z.string().max(5_000_000) }), output: z.object({ id: z.number().int(), version: z.number().int() }), access: WRITE, write: true }),
  'audit.forEntity': method({ input: z.object({ entity: z.string(), entityId: z.string() }), output: z.array(auditEntry), access: READ }),
  'audit.recent': method({ input: z.object({ beforeSeq: z.number().int().optional(), limit: z.number().int().min(1).max(200).default(50) }), output: z.array(auditEntry), access: ['manager', 'administrator'] }),
  'audit.verify': method({
    input: z.object({}),
    output: z.object({ ok: z.boolean(), rows: z.number().int(), lastHash: z.string(), problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })) }),
    access: ['manager', 'administrator'],
  }),
} as const;
