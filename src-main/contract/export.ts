/** Files out: verification requests to departments, and packages (encrypted, verified). */
import { z } from 'zod';
import { CLERKS, download, fileInput, method, onePackage, packageInput, STAFF } from './common';
import { source } from './exchange';

/** exchange/package.ts ManifestMeta: a department file's source and department and whether it is masked; a backup's migrations. */
export const manifestMeta = z.object({
  source: z.string().optional(),
  department: z.string().optional(),
  masked: z.boolean().optional(),
  migrations: z.array(z.string()).optional(),
  auditHead: z.object({ rows: z.number().int(), hash: z.string(), short: z.string() }).optional(),
});
/** exchange/package.ts Manifest. */
export const manifestSchema = z.object({
  format: z.literal('safetynet-package/1'),
  kind: z.string(),
  office: z.object({ name: z.string(), county: z.string(), regionCode: z.string() }).nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  appVersion: z.string(),
  counts: z.record(z.string(), z.number()),
  meta: manifestMeta.optional(),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int(), sha256: z.string(), encrypted: z.boolean() })),
  encryption: z
    .object({
      cipher: z.literal('aes-256-gcm'),
      kdf: z.literal('scrypt'),
      salt: z.string(),
      N: z.number().int(),
      r: z.number().int(),
      p: z.number().int(),
    })
    .nullable(),
  mac: z.string().optional(),
});
/** Into a folder the shell's dialog chose (`target` its path), or, without one, as a zip to download (`target` its name). */
const packageOut = z.object({ target: z.string(), manifest: manifestSchema, download });

export const exportMethods = {
  'export.verificationRequests': method({
    input: z.object({
      source,
      folder: z.string().min(1).max(4096).optional(),
      areaId: z.number().int().optional(),
      householdIds: z.array(z.number().int()).max(10_000).optional(),
      inTierOnly: z.boolean().optional(),
      zip: z.boolean().optional(),
      passphrase: z.string().min(8).optional(),
    }),
    output: packageOut.extend({ persons: z.number().int(), withoutAuthorisation: z.number().int() }),
    access: CLERKS,
  }),
  'export.package': method({
    input: z.object({
      file: fileInput,
      source,
      folder: z.string().min(1).max(4096).optional(),
      // A package between the office's workstations is always encrypted: a plain one is refused on arrival.
      passphrase: z.string().min(8),
      zip: z.boolean().optional(),
    }),
    output: packageOut,
    access: CLERKS,
  }),
  'export.verifyPackage': method({
    input: z.object({ ...packageInput, passphrase: z.string().optional() }).refine(onePackage, { message: 'give path or upload' }),
    output: z.object({ ok: z.literal(true), encrypted: z.boolean(), manifest: manifestSchema }),
    access: STAFF,
  }),
} as const;
