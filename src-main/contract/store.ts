/**
 * The encrypted store (docs/security.md): opening a database with its recovery key, where the
 * key is kept, and the recovery sheet — printed in the set-up wizard, and again by an administrator.
 */
import { z } from 'zod';
import { ADMIN, method, ok } from './common';

/** The codes a service answers with while the store waits for its key (the renderer shows the recovery-key page). */
export const STORE_LOCKED_CODES = ['db_key_required', 'db_key_wrong'] as const;

export const KEY_KEPT = ['os', 'file', 'environment'] as const;

const sheetOutput = z.object({
  fileName: z.string(),
  mime: z.string(),
  pages: z.number().int().nullable(),
  html: z.string().optional(),
  base64: z.string().optional(),
});
const sheetFormat = z.enum(['html', 'pdf']);

export const storeMethods = {
  'store.unlock': method({
    input: z.object({ recoveryKey: z.string().min(1).max(200) }),
    output: ok,
    access: 'public',
  }),
  'store.status': method({
    input: z.object({}),
    output: z.object({
      encrypted: z.boolean(),
      keyKept: z.enum(KEY_KEPT).nullable(),
      where: z.string().nullable(),
      /** Said when the key is kept less well than it should be (no OS protection). */
      notice: z.string().nullable(),
      fingerprint: z.string().nullable(),
    }),
    access: ADMIN,
  }),
  'store.recoverySheet': method({
    input: z.object({ format: sheetFormat }),
    output: sheetOutput,
    access: ADMIN,
  }),
  /** In the set-up wizard, before any account exists: the office is not saved yet, so its name comes with the call. */
  'store.setupRecoverySheet': method({
    input: z.object({
      office: z.object({ name: z.string().trim().min(1).max(100), county: z.string().trim().max(100) }),
      format: sheetFormat,
    }),
    output: sheetOutput,
    access: 'public',
  }),
  /** The administrator-to-be confirms in the wizard that the sheet is printed and kept (audited). */
  'store.setupRecoveryKept': method({
    input: z.object({ username: z.string().trim().min(1).max(32), keeper: z.string().trim().max(50).optional() }),
    output: ok,
    access: 'public',
  }),
} as const;
