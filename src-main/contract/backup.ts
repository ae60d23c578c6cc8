/** Encrypted backups of the whole database, and their restore. */
import { z } from 'zod';
import { ADMIN, download, int, method, onePackage, packageInput, STAFF } from './common';

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
  'backup.restore': method({
    input: z
      .object({ ...packageInput, passphrase: z.string().min(1), confirm: z.literal(true) })
      .refine(onePackage, { message: 'give path or upload' }),
    output: z.object({
      restoredFrom: z.string(),
      backupCreatedAt: z.string(),
      appVersion: z.string(),
      needsMigration: z.array(z.string()),
      sha256: z.string(),
      /** Audit entries written after the backup, appended again after the restored chain (docs/security.md). */
      carriedOver: z.number().int(),
    }),
    access: ADMIN,
  }),
} as const;
