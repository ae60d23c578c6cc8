/**
 * Requests under the two-person rule: one person asks (users.create, users.update, parameters.add,
 * backup.restore …), a second confirms or refuses here (docs/security.md "Roles and the two-person rule").
 */
import { z } from 'zod';
import { KEEPERS, method } from './common';

const bilingual = z.object({ en: z.string(), zh: z.string() });

export const requestSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  /** What will happen when it is confirmed. */
  description: bilingual,
  note: z.string().nullable(),
  askedBy: z.string(),
  askedAt: z.string(),
  status: z.enum(['pending', 'confirmed', 'refused', 'withdrawn', 'expired']),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  result: z.json(),
  /** What the confirmer types when confirming (a backup's passphrase), never stored. */
  secret: z.enum(['passphrase']).nullable(),
  canDecide: z.boolean(),
  /** Why the caller may not confirm or refuse it (the asker, another role, expired): shown before any input. */
  cannotDecide: bilingual.nullable(),
});
export type RequestInfo = z.infer<typeof requestSchema>;

export const requestsMethods = {
  /** Pending requests (oldest first), then the 50 latest decided ones. */
  'requests.list': method({ input: z.object({}), output: z.array(requestSchema), access: KEEPERS }),
  'requests.get': method({ input: z.object({ id: z.number().int() }), output: requestSchema, access: KEEPERS }),
  'requests.confirm': method({
    input: z.object({ id: z.number().int(), secret: z.string().min(1).max(500).optional() }),
    output: requestSchema,
    access: KEEPERS,
  }),
  'requests.refuse': method({
    input: z.object({ id: z.number().int(), reason: z.string().trim().min(2, 'say why').max(500) }),
    output: requestSchema,
    access: KEEPERS,
  }),
  'requests.withdraw': method({ input: z.object({ id: z.number().int() }), output: requestSchema, access: KEEPERS }),
} as const;
