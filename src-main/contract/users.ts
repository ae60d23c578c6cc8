/** Accounts, kept by the administrator. */
import { z } from 'zod';
import { ADMIN, MANAGERS, method, roleSchema, userSchema } from './common';

export const username = z
  .string()
  .trim()
  .min(2, 'username needs at least 2 characters')
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');
export const newPassword = z.string().min(4, 'password needs at least 4 characters').max(200);

export const usersMethods = {
  'users.list': method({ input: z.object({}), output: z.array(userSchema), access: ADMIN }),
  /** Who work can be assigned to: managers assign warnings and referrals without managing users. */
  'users.assignable': method({
    input: z.object({}),
    output: z.array(z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), role: roleSchema })),
    access: MANAGERS,
  }),
  'users.create': method({
    input: z.object({ username, displayName: z.string().trim().min(1).max(50), role: roleSchema, password: newPassword }),
    output: userSchema,
    access: ADMIN,
  }),
  'users.update': method({
    input: z.object({
      id: z.number().int(),
      displayName: z.string().trim().min(1).max(50).optional(),
      role: roleSchema.optional(),
      active: z.boolean().optional(),
      password: newPassword.optional(),
    }),
    output: userSchema,
    access: ADMIN,
  }),
} as const;
