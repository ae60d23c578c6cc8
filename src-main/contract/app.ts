/** The app before anyone logs in: its status and the first-run set-up. */
import { z } from 'zod';
import { method, ok, officeSchema } from './common';
import { officeInput } from './office';
import { newPassword, username } from './users';

export const appMethods = {
  'app.status': method({
    input: z.object({}),
    output: z.object({ needsSetup: z.boolean(), office: officeSchema.nullable(), version: z.string(), idleLockMinutes: z.number() }),
    access: 'public',
  }),
  'setup.complete': method({
    input: z.object({
      office: officeInput,
      admin: z.object({ username, displayName: z.string().trim().min(1).max(50), password: newPassword }),
      demo: z.boolean(),
      demoHouseholds: z.number().int().min(10).max(20000).optional(),
    }),
    output: ok,
    access: 'public',
  }),
} as const;
