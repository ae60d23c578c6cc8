/**
 * Files between the user's computer and the service (docs/security.md "Inputs"): the renderer
 * never names a path of its own. In Electron it asks the shell's own dialog (`files.choose`),
 * whose choice the service then accepts for a while; in a browser it uploads (a ticket here,
 * then the loopback host's /upload/<ticket>) and downloads what exports make.
 */
import { z } from 'zod';
import { int, method, ok, STAFF, uploadId } from './common';

export const fileModeSchema = z.enum(['local', 'shell', 'host']);

export const filesMethods = {
  /** How this transport moves files: `shell` has dialogs, `host` uploads and downloads, `local` is the command line and tests. */
  'files.mode': method({
    input: z.object({}),
    output: z.object({ mode: fileModeSchema, dialogs: z.boolean(), maxUploadBytes: int }),
    access: 'any',
  }),
  'files.choose': method({
    input: z.object({
      kind: z.enum(['file', 'folder']),
      extensions: z
        .array(z.string().regex(/^[a-z0-9]{1,8}$/))
        .max(10)
        .optional(),
    }),
    output: z.object({ path: z.string(), name: z.string(), bytes: int.nullable() }).nullable(),
    access: STAFF,
  }),
  'files.uploadTicket': method({
    input: z.object({ name: z.string().min(1).max(255), bytes: int.min(1) }),
    output: z.object({ ticket: uploadId }),
    access: STAFF,
  }),
  'files.release': method({ input: z.object({ upload: uploadId }), output: ok, access: STAFF }),
} as const;
