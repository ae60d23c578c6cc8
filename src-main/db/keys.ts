/**
 * The database key: what it is, where it is kept outside Electron, and the recovery key's
 * printed form (docs/security.md "What is encrypted and where keys live").
 *
 * The key is a passphrase handed to SQLite3 Multiple Ciphers as it is (`PRAGMA key`, the
 * library's default cipher, ChaCha20-Poly1305), so an operator holding it opens the file with
 * the same library. A key the app makes is a recovery key: 36 characters of Crockford's
 * base32 in 6 groups of 6 (180 bits), printed on the recovery sheet exactly as the cipher gets it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Bilingual } from '../common/errors';

/** Crockford's base32: no I, L, O or U, so that what is read aloud is typed back the same. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_GROUPS = 6;
export const RECOVERY_GROUP_LENGTH = 6;

/** The environment variable that gives the key outside Electron (CLI, loopback host, tests). */
export const DB_KEY_ENV = 'SAFETYNET_DB_KEY';

/** A new random recovery key, `XXXXXX-XXXXXX-XXXXXX-XXXXXX-XXXXXX-XXXXXX`. */
export function newRecoveryKey(): string {
  const chars = Array.from({ length: RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]);
  return groups(chars.join('')).join('-');
}

function groups(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += RECOVERY_GROUP_LENGTH) out.push(s.slice(i, i + RECOVERY_GROUP_LENGTH));
  return out;
}

/**
 * A recovery key as typed back (lower case, spaces or no dashes, O for 0, I or L for 1) in its
 * printed form; null when the text is not a recovery key (any other passphrase is used as given).
 */
export function normalizeRecoveryKey(typed: string): string | null {
  const s = typed
    .toUpperCase()
    .replace(/[\s\-_.·]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH || [...s].some((c) => !ALPHABET.includes(c))) return null;
  return groups(s).join('-');
}

/** The key's groups as printed (a key that is not a recovery key is printed whole, as one group). */
export function keyGroups(key: string): string[] {
  return normalizeRecoveryKey(key) === key ? key.split('-') : [key];
}

/** The keys to try for what the user typed: as typed, then in the recovery key's printed form. */
export function keyCandidates(typed: string): string[] {
  const norm = normalizeRecoveryKey(typed);
  const trimmed = typed.trim();
  return [...new Set([typed, trimmed, ...(norm ? [norm] : [])])].filter((k) => k.length > 0);
}

/** A short fingerprint that tells which sheet belongs to which database without saying anything about the key. */
export function keyFingerprint(key: string): string {
  const h = crypto.createHash('sha256').update(`safetynet-recovery-key\n${key}`, 'utf8').digest('hex').toUpperCase();
  return `${h.slice(0, 4)}-${h.slice(4, 8)}`;
}

export type KeyKind = 'os' | 'file' | 'environment';

/** Where a store's key is kept: read at open, written when a store is made or unlocked with its recovery key. */
export interface KeyKeeper {
  readonly kind: KeyKind;
  /** A path, or the variable's name; shown to the administrator, never the key. */
  readonly where: string;
  /** Said once (log and settings) when the key is kept less well than it should be. */
  readonly notice: Bilingual | null;
  load(): string | null;
  save(key: string): void;
}

/** The key file beside a database: `safetynet.db` → `safetynet.db.key`. */
export const keyFileOf = (dbFile: string): string => `${path.resolve(dbFile)}.key`;

/**
 * Writes a small secret file readable by its owner only (0600 on POSIX; on Windows the data
 * folder's ACL is the user's own): into a temporary name, flushed, then renamed, so that a
 * crash leaves the old file or the new one, never half of one.
 */
export function writeSecretFile(file: string, data: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
  syncFolder(path.dirname(file));
}

/** Makes a rename durable (POSIX); Windows cannot open a folder for this and needs nothing more. */
export function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The key in a user-only file beside the database, made on first use. */
export function fileKeyKeeper(dbFile: string, notice: Bilingual | null = null): KeyKeeper {
  const file = keyFileOf(dbFile);
  return {
    kind: 'file',
    where: file,
    notice,
    load() {
      if (!fs.existsSync(file)) return null;
      const key = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
      return key.length > 0 ? key : null;
    },
    save(key: string) {
      writeSecretFile(file, key + '\n');
    },
  };
}

/** The key given by the operator in SAFETYNET_DB_KEY: used as given, never written anywhere. */
export function envKeyKeeper(value: string): KeyKeeper {
  return { kind: 'environment', where: DB_KEY_ENV, notice: null, load: () => value, save: () => {} };
}

/** Outside Electron: SAFETYNET_DB_KEY when set, otherwise the key file beside the database. */
export function defaultKeyKeeper(dbFile: string, env: NodeJS.ProcessEnv = process.env): KeyKeeper {
  const given = env[DB_KEY_ENV];
  return given ? envKeyKeeper(given) : fileKeyKeeper(dbFile);
}
