/** Encrypted backups of the whole database, and their restore. */
import { z } from 'zod';
import { ADMIN, download, int, KEEPERS, method, onePackage, packageInput, STAFF } from './common';
import { requestSchema } from './requests';

export const backupStatusSchema = z.object({
  last: z
    .object({ folder: z.string(), sha256: z.string(), bytes: int, appVersion: z.string(), createdBy: z.string(), createdAt: z.string() })
    .nullable(),
  ageDays: int.nullable(),
  reminder: z.boolean(),
});

export const backupMethods = {
  'backup.create': method({
    // Into a folder the shell's dialog chose, or (no folder: a browser) as a zip to download.
    input: z.object({ folder: z.string().min(1).max(4096).optional(), passphrase: z.string().min(8) }),
    output: z.object({ folder: z.string(), sha256: z.string(), bytes: z.number().int(), createdAt: z.string(), download }),
    access: ADMIN,
  }),
  'backup.status': method({ input: z.object({}), output: backupStatusSchema, access: STAFF }),
  /**
   * Asks for a restore of a checked package: a second person (a manager, or another administrator)
   * confirms it with the passphrase, and the restore runs then (docs/security.md "Roles and the two-person rule").
   */
  'backup.restore': method({
    input: z
      .object({ ...packageInput, passphrase: z.string().min(1), confirm: z.literal(true) })
      .refine(onePackage, { message: 'give path or upload' }),
    output: requestSchema,
    access: KEEPERS,
  }),
} as const;
