/** The app before anyone logs in: its status and the first-run set-up. */
import { z } from 'zod';
import { method, ok, officeSchema } from './common';
import { officeInput } from './office';
import { newPassword, username } from './users';

const firstAccount = z.object({ username, displayName: z.string().trim().min(1).max(50), password: newPassword });

export const appMethods = {
  'app.status': method({
    input: z.object({}),
    output: z.object({
      needsSetup: z.boolean(),
      office: officeSchema.nullable(),
      version: z.string(),
      idleLockMinutes: z.number(),
      /** The demo county's known password (changed at first login), or null in a real office. */
      demoPassword: z.string().nullable(),
    }),
    access: 'public',
  }),
  /**
   * The office and its first two accounts — the only ones one person makes: the administrator and
   * the first manager, who confirms what the administrator asks next (docs/security.md). The demo
   * county brings its own manager, so there the first manager may be left out.
   */
  'setup.complete': method({
    input: z
      .object({
        office: officeInput,
        admin: firstAccount,
        manager: firstAccount.optional(),
        demo: z.boolean(),
        demoHouseholds: z.number().int().min(10).max(20000).optional(),
      })
      .refine((v) => v.demo || v.manager !== undefined, { message: 'name the first manager', path: ['manager', 'username'] })
      .refine((v) => v.manager === undefined || v.manager.username !== v.admin.username, {
        message: 'the manager is another person than the administrator',
        path: ['manager', 'username'],
      }),
    output: ok,
    access: 'public',
  }),
} as const;
