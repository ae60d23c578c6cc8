/** Sessions: log in, log out, unlock after the idle lock, who am I. */
import { z } from 'zod';
import { method, ok, userSchema } from './common';

export const authMethods = {
  'auth.login': method({
    input: z.object({ username: z.string().trim().min(1, 'enter your username'), password: z.string().min(1, 'enter your password') }),
    output: z.object({ session: z.string(), user: userSchema }),
    access: 'public',
  }),
  'auth.logout': method({ input: z.object({}), output: ok, access: 'any' }),
  'auth.unlock': method({ input: z.object({ password: z.string().min(1, 'enter your password') }), output: ok, access: 'any' }),
  'auth.me': method({ input: z.object({}), output: userSchema, access: 'any' }),
} as const;
