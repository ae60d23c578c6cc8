/**
 * What every contract file shares: the method declaration, role groups, and small schemas
 * (dates, months, pages, files). A contract file imports only this folder and src-main/common.
 */
import { z } from 'zod';
import { ROLES, type Role } from '../common/codes';

export { ROLES, type Role };
export const roleSchema = z.enum(ROLES);

/** Who may call a method: nobody logged in (`public`), any logged-in user, or listed roles. */
export type Access = 'public' | 'any' | readonly Role[];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

/**
 * Role groups, named once (docs/security.md "Roles and the two-person rule"). The administrator
 * keeps the system and reads (masked) but has no business right: writes about cases are CLERKS'
 * or MANAGERS'. The auditor reads the audit log only.
 */
export const STAFF = ['clerk', 'manager', 'administrator'] as const;
export const CLERKS = ['clerk', 'manager'] as const;
export const MANAGERS = ['manager'] as const;
export const ADMIN = ['administrator'] as const;
/** Who keeps accounts and asks for two-person changes. */
export const KEEPERS = ['administrator', 'manager'] as const;
/** Who reads the audit log. */
export const AUDIT_READERS = ['manager', 'administrator', 'auditor'] as const;

export const int = z.number().int();
export const id = z.number().int().positive();
export const ok = z.object({ ok: z.literal(true) });
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD');
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is written YYYY-MM');

/** Page arguments of a list (1-based). */
export const pageInput = { page: z.number().int().min(1).optional(), pageSize: z.number().int().min(1).max(500).optional() };
export const paged = <T extends z.ZodType>(item: T) => z.object({ total: int, page: int, pageSize: int, items: z.array(item) });

/** A file the service made for the user to save (XLSX, CSV, JSON, PDF). */
export const fileOut = z.object({ fileName: z.string(), base64: z.string() });

/** An upload to the app's transfer folder (files.uploadTicket, then the host's /upload): 32 hex characters. */
export const uploadId = z.string().regex(/^[0-9a-f]{32}$/, 'an upload is named by 32 hex characters');

/**
 * A file arrives as an upload (a browser), as base64 content (small files), or as a path — which
 * the service takes only from the Electron shell's own dialogs (files.choose), never from a browser.
 */
export const fileInput = z
  .object({
    path: z.string().min(1).max(4096).optional(),
    base64: z.string().max(45_000_000).optional(),
    upload: uploadId.optional(),
    name: z.string().max(255).optional(),
  })
  .refine((f) => [f.path, f.base64, f.upload].filter((x) => x !== undefined).length === 1, {
    message: 'give one of path, base64, upload',
  });

/** A package or backup to read: a path the shell's dialog chose, or an upload (a zip). */
export const packageInput = {
  path: z.string().min(1).max(4096).optional(),
  upload: uploadId.optional(),
};
export const onePackage = (p: { path?: string; upload?: string }) => (p.path === undefined) !== (p.upload === undefined);

/** A file the service made for a browser to download once (GET /download/<id> on the loopback host, within ten minutes). */
export const download = z.object({ id: uploadId, fileName: z.string(), bytes: int }).nullable();

export const userSchema = z.object({
  id: int,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  active: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const officeSchema = z.object({
  name: z.string(),
  county: z.string(),
  regionCode: z.string(),
  isDemo: z.boolean(),
});
export type Office = z.infer<typeof officeSchema>;
