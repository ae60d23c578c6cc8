/**
 * The office database as the app, the loopback host and the command line open it for work
 * (docs/security.md): encrypted with its key; a database made before encryption is encrypted
 * on the way, once, and the audit log records it in the same step.
 */
import { appendAudit, auditHead } from '../audit/audit';
import { resealForeignChain } from '../audit/reseal';
import { anchorFile } from '../audit/anchors';
import fs from 'node:fs';
import { openStore, type OpenOptions, type Store } from '../db/open';
import { defaultKeyKeeper, type KeyKeeper } from '../db/keys';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { sweepTempFiles } from '../shared/temp-files';

export function openEncryptedStore(file: string, opts: Omit<OpenOptions, 'onEncrypted' | 'plaintext'> = {}): Promise<Store> {
  const keys = opts.keys ?? defaultKeyKeeper(file);
  return openStore(file, {
    ...opts,
    keys,
    onEncrypted: (raw) => recordEncryption(raw, file, keys),
  });
}

/** The conversion's record, in its transaction (db/encrypt.ts): the chain re-sealed under the new key, then the audit entry. */
export function recordEncryption(raw: BetterSqlite3.Database, file: string, keys: KeyKeeper): void {
  // The plain database's rows were sealed under its interim key (audit/key.ts); from now on the chain's key comes from the
  // database key, so a consistent chain is re-sealed under it here, in the conversion's transaction (docs/security.md "Audit").
  const trigger = raw.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_update'`).get() as
    { sql: string } | undefined;
  if (trigger) raw.exec('DROP TRIGGER audit_log_no_update');
  const resealed = resealForeignChain(raw, auditHead(raw));
  if (trigger) raw.exec(trigger.sql);
  // Heads anchored before name the old seals: that log is kept aside, and the next anchoring starts a new one.
  if (resealed && fs.existsSync(anchorFile(file))) fs.renameSync(anchorFile(file), `${anchorFile(file)}.before-encryption`);
  appendAudit(raw, {
    userId: null,
    username: 'system',
    action: 'encrypt',
    entity: 'database',
    entityId: null,
    summary: 'database encrypted',
    after: { cipher: 'chacha20', keyKept: keys.kind, where: keys.where, resealed },
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
