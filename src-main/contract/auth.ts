/** Sessions: log in, log out, unlock after the idle lock, who am I, change one's own password. */
import { z } from 'zod';
import { method, ok, userSchema } from './common';
import { newPassword } from './users';

export const authMethods = {
  'auth.login': method({
    input: z.object({
      username: z.string().trim().min(1, 'enter your username').max(64),
      password: z.string().min(1, 'enter your password').max(200),
    }),
    /** `mustChangePassword`: an initial or demo password — only `auth.changePassword` is open until it is changed. */
    output: z.object({ session: z.string(), user: userSchema, mustChangePassword: z.boolean() }),
    access: 'public',
  }),
  'auth.logout': method({ input: z.object({}), output: ok, access: 'any' }),
  'auth.unlock': method({ input: z.object({ password: z.string().min(1, 'enter your password').max(200) }), output: ok, access: 'any' }),
  'auth.me': method({ input: z.object({}), output: userSchema.extend({ mustChangePassword: z.boolean() }), access: 'any' }),
  'auth.changePassword': method({
    input: z.object({ current: z.string().min(1, 'enter your current password').max(200), next: newPassword }),
    output: ok,
    access: 'any',
  }),
} as const;
