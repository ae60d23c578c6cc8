/**
 * The office database as the app, the loopback host and the command line open it for work
 * (docs/security.md): encrypted with its key; a database made before encryption is encrypted
 * on the way, once, and the audit log records it in the same step.
 */
import { appendAudit } from '../audit/audit';
import { openStore, type OpenOptions, type Store } from '../db/open';
import { defaultKeyKeeper } from '../db/keys';
import { sweepTempFiles } from '../shared/temp-files';

export function openEncryptedStore(file: string, opts: Omit<OpenOptions, 'onEncrypted' | 'plaintext'> = {}): Promise<Store> {
  const keys = opts.keys ?? defaultKeyKeeper(file);
  return openStore(file, {
    ...opts,
    keys,
    onEncrypted: (raw) =>
      appendAudit(raw, {
        userId: null,
        username: 'system',
        action: 'encrypt',
        entity: 'database',
        entityId: null,
        summary: 'database encrypted',
        after: { cipher: 'chacha20', keyKept: keys.kind, where: keys.where },
      }),
  });
}

/**
 * At the start of every process that opens the store (app, host, CLI): files it creates are its
 * user's only (database, WAL, key file, backups, exports, temporary files), and what crashed
 * processes left in the app's temporary folder goes. Main thread only: workers cannot set the umask.
 */
export function secureProcessStart(): void {
  process.umask(0o077);
  sweepTempFiles();
}
