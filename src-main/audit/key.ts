/**
 * The audit chain's key (docs/security.md "Audit"). Rows are sealed with HMAC-SHA256 under a key
 * that is not in the database, so that whoever can edit the file cannot re-compute the chain.
 *
 * The key is derived with HKDF from a secret: the database key once the encrypted store holds
 * one (call `useAuditKey(raw, auditKey(databaseKey))` on every connection that opens it, the
 * workers' too), and until then `SAFETYNET_AUDIT_KEY` or a user-only key file beside the database.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appError } from '../common/errors';
import { connectionKey } from '../db/connection';

/** The fixed HKDF label: changing it would orphan every sealed row. */
export const AUDIT_KEY_LABEL = 'safetynet audit chain v1';

/** The chain's key from a secret of at least 32 bytes (the database key): HKDF-SHA256 with the fixed label, 32 bytes. */
export function auditKey(secret: Uint8Array): Buffer {
  if (secret.length < 32) throw new Error('the audit key needs a secret of at least 32 bytes');
  return Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), AUDIT_KEY_LABEL, 32));
}

/**
 * The chain's key of an encrypted store: HKDF of its database key (the recovery key, or the passphrase
 * in SAFETYNET_DB_KEY) with the same fixed label. Whoever opens the file opens it with that key, and
 * every connection — the threads' too — holds it (db/connection.ts), so no second secret is kept.
 */
export function databaseAuditKey(databaseKey: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', Buffer.from(databaseKey, 'utf8'), Buffer.alloc(0), AUDIT_KEY_LABEL, 32));
}

/** The database key's audit key for a connection to an encrypted store; null for a plaintext one (benches, `:memory:`). */
export function storeAuditKey(raw: BetterSqlite3.Database): Buffer | null {
  const k = connectionKey(raw);
  return k === null ? null : databaseAuditKey(k);
}

/** Where the interim secret lives beside a database file: `<file>.audit-key`, 64 hex characters. */
export const auditKeyFile = (dbFile: string) => `${dbFile}.audit-key`;

const keys = new WeakMap<BetterSqlite3.Database, Buffer>();
/** For databases without a file (`:memory:`): a key for this process only. */
let processKey: Buffer | null = null;

/** Seals this connection's rows with `key` (the encrypted store calls it with `auditKey(databaseKey)`). */
export function useAuditKey(raw: BetterSqlite3.Database, key: Buffer): void {
  keys.set(raw, key);
}

function secretFromEnv(): Buffer | null {
  const v = process.env.SAFETYNET_AUDIT_KEY?.trim();
  if (!v) return null;
  const b = /^[0-9a-fA-F]{64,}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (b.length < 32) throw new Error('SAFETYNET_AUDIT_KEY must hold at least 32 bytes (64 hex characters)');
  return b;
}

function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (e) {
    if (e instanceof Error && Reflect.get(e, 'code') === 'ENOENT') return null;
    throw e;
  }
  if (!/^[0-9a-f]{64}$/.test(text))
    throw appError('audit_key_damaged', `The audit key file ${file} is damaged.`, `审计密钥文件 ${file} 已损坏。`);
  return Buffer.from(text, 'hex');
}

/** Writes a new random key file, user-only; never replaces one (`wx`). */
function createKeyFile(file: string): Buffer {
  const secret = crypto.randomBytes(32);
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (e) {
    // Another connection (a worker) made it a moment ago: theirs is the key.
    const theirs = e instanceof Error && Reflect.get(e, 'code') === 'EEXIST' ? readKeyFile(file) : null;
    if (theirs) return theirs;
    throw e;
  }
  try {
    fs.writeSync(fd, secret.toString('hex') + '\n');
  } finally {
    fs.closeSync(fd);
  }
  return secret;
}

/**
 * The secret of a database file, without creating anything: the environment's, or the key file's;
 * null when neither exists (a verification then says so instead of inventing a key).
 */
export function existingSecret(dbFile: string): Buffer | null {
  return secretFromEnv() ?? (dbFile && dbFile !== ':memory:' ? readKeyFile(auditKeyFile(dbFile)) : null);
}

/**
 * The key sealing rows on this connection. A missing key file is created only while no row is
 * sealed yet (a new office); otherwise a lost key is an error, never silently replaced.
 */
export function keyFor(raw: BetterSqlite3.Database, hasSealedRows: () => boolean): Buffer {
  const known = keys.get(raw) ?? storeAuditKey(raw);
  if (known) {
    keys.set(raw, known);
    return known;
  }
  // A plaintext store (benches, `:memory:`): the environment's secret or a key file beside it.
  const file = raw.name;
  let secret: Buffer | null;
  if (!file || file === ':memory:') secret = secretFromEnv() ?? (processKey ??= crypto.randomBytes(32));
  else {
    secret = existingSecret(file);
    if (!secret) {
      if (hasSealedRows())
        throw appError(
          'audit_key_missing',
          `The audit key (${auditKeyFile(file)} or SAFETYNET_AUDIT_KEY) is missing: the audit log cannot be continued. Restore the key file; nothing was written.`,
          `审计密钥（${auditKeyFile(file)} 或 SAFETYNET_AUDIT_KEY）缺失，无法续写操作日志。请恢复密钥文件；未写入任何数据。`,
        );
      secret = createKeyFile(auditKeyFile(file));
    }
  }
  const key = auditKey(secret);
  keys.set(raw, key);
  return key;
}
