/**
 * Accounts. The administrator (or a manager) keeps them; creating one, changing its role,
 * enabling it again or resetting its password is asked here and confirmed by a second person
 * (`requests.*`, docs/security.md "Roles and the two-person rule").
 */
import { z } from 'zod';
import { KEEPERS, MANAGERS, method, roleSchema, userSchema } from './common';
import { requestSchema } from './requests';

export const username = z
  .string()
  .trim()
  .min(2, 'username needs at least 2 characters')
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');

/** The demo county's password: known to everyone (README), so changed at the first login and never accepted as a new one. */
export const DEMO_PASSWORD = 'demo2026x';

/** The password policy (docs/security.md "Sign-in"): at least 8 characters, letters and digits. */
export const newPassword = z
  .string()
  .min(8, 'a password needs at least 8 characters')
  .max(200)
  .regex(/[A-Za-z]/, 'a password needs letters and digits')
  .regex(/\d/, 'a password needs letters and digits');

export const usersMethods = {
  'users.list': method({ input: z.object({}), output: z.array(userSchema), access: KEEPERS }),
  /** Who work can be assigned to: managers assign warnings and referrals without managing users. */
  'users.assignable': method({
    input: z.object({}),
    output: z.array(z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), role: roleSchema })),
    access: MANAGERS,
  }),
  /** Asks for a new account (a second person confirms); its password is changed at the first login. */
  'users.create': method({
    input: z.object({ username, displayName: z.string().trim().min(1).max(50), role: roleSchema, password: newPassword }),
    output: requestSchema,
    access: KEEPERS,
  }),
  /**
   * A display name, or switching an account off, is done at once (administrator); a role, enabling
   * again or a password reset is asked for (`request` then holds it, and `user` is unchanged).
   */
  'users.update': method({
    input: z.object({
      id: z.number().int(),
      displayName: z.string().trim().min(1).max(50).optional(),
      role: roleSchema.optional(),
      active: z.boolean().optional(),
      password: newPassword.optional(),
    }),
    output: z.object({ user: userSchema, request: requestSchema.nullable() }),
    access: KEEPERS,
  }),
} as const;
