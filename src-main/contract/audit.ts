/** The audit log: a record's history, the latest entries, the chain's verification and its head. */
import { z } from 'zod';
import { AUDIT_READERS, method, STAFF } from './common';

export const auditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  username: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string().nullable(),
  /** The record before and after the change, as JSON (null when there is none). */
  before: z.json(),
  after: z.json(),
});

export const AUDIT_PROBLEM_KINDS = [
  'edited',
  'missing_before',
  'broken_link',
  'tail_deleted',
  'anchor_mismatch',
  'anchor_log_damaged',
  'key_missing',
] as const;

export const auditHeadSchema = z.object({ rows: z.number().int(), hash: z.string(), short: z.string() });

export const auditMethods = {
  'audit.forEntity': method({
    input: z.object({ entity: z.string().max(40), entityId: z.string().max(40) }),
    output: z.array(auditEntry),
    access: [...STAFF, 'auditor'],
  }),
  'audit.recent': method({
    input: z.object({ beforeSeq: z.number().int().optional(), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.array(auditEntry),
    access: AUDIT_READERS,
  }),
  /** Walks the whole chain: links, seals (the key outside the database), the anchor log beside it. */
  'audit.verify': method({
    input: z.object({}),
    output: z.object({
      ok: z.boolean(),
      rows: z.number().int(),
      lastHash: z.string(),
      keyedFrom: z.number().int(),
      anchorsChecked: z.number().int(),
      /** Problems by row ranges: `seq`…`through` (0 for the anchor log or the key). */
      problems: z.array(
        z.object({ seq: z.number().int(), through: z.number().int(), problem: z.enum(AUDIT_PROBLEM_KINDS), detail: z.string().optional() }),
      ),
    }),
    access: AUDIT_READERS,
  }),
  'audit.head': method({ input: z.object({}), output: auditHeadSchema, access: AUDIT_READERS }),
} as const;
