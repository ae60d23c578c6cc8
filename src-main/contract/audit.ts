/** The audit log: a record's history, the latest entries, and the chain's verification. */
import { z } from 'zod';
import { MANAGERS, method, STAFF } from './common';

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

export const auditMethods = {
  'audit.forEntity': method({ input: z.object({ entity: z.string(), entityId: z.string() }), output: z.array(auditEntry), access: STAFF }),
  'audit.recent': method({
    input: z.object({ beforeSeq: z.number().int().optional(), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.array(auditEntry),
    access: MANAGERS,
  }),
  'audit.verify': method({
    input: z.object({}),
    output: z.object({
      ok: z.boolean(),
      rows: z.number().int(),
      lastHash: z.string(),
      problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })),
    }),
    access: MANAGERS,
  }),
} as const;
