/**
 * A package's format and keys (docs/rules/assistance.md §6, docs/security.md "Inputs"): AES-256-GCM
 * per file under a key from scrypt, the manifest authenticated by an HMAC under a second key from
 * the same scrypt output. The scrypt parameters are the app's own, fixed here: a manifest names
 * them (for a reader of the file), but they are never taken from it — a forged manifest could
 * otherwise ask for gigabytes and minutes before its MAC is even checked.
 */
import crypto from 'node:crypto';
import { appError } from '../common/errors';

export const PACKAGE_FORMAT = 'safetynet-package/1';
/** 32 MB and about 0.1 s: the same for every package, written and read. */
export const SCRYPT = Object.freeze({ N: 1 << 15, r: 8, p: 1 });

export interface ManifestFile {
  name: string;
  bytes: number;
  sha256: string;
  encrypted: boolean;
}
/** What a package says beside its files: a department file's source and department and whether it is masked; a backup's migrations. */
export interface ManifestMeta {
  source?: string;
  department?: string;
  masked?: boolean;
  migrations?: string[];
  /** A backup's audit chain head when it was taken (backup/backup.ts; docs/security.md). */
  auditHead?: { rows: number; hash: string; short: string };
}
export interface Manifest {
  format: typeof PACKAGE_FORMAT;
  kind: string;
  office: { name: string; county: string; regionCode: string } | null;
  createdAt: string;
  createdBy: string;
  appVersion: string;
  counts: Record<string, number>;
  meta?: ManifestMeta;
  files: ManifestFile[];
  encryption: null | { cipher: 'aes-256-gcm'; kdf: 'scrypt'; salt: string; N: number; r: number; p: number };
  /** HMAC-SHA256 of the manifest without this field, when encrypted. */
  mac?: string;
}

/** Refuses a passphrase too short to protect a package (callers check before long work, not after). */
export function checkPassphrase(passphrase: string): void {
  if (passphrase.length < 8)
    throw appError('weak_passphrase', 'The passphrase must have at least 8 characters.', '口令至少 8 个字符。', 'passphrase');
}

/** The two keys of a package, derived off the main thread (libuv's pool): the app keeps answering meanwhile. */
export async function packageKeys(passphrase: string, salt: Buffer): Promise<{ enc: Buffer; mac: Buffer }> {
  checkPassphrase(passphrase);
  const k = await new Promise<Buffer>((resolve, reject) =>
    crypto.scrypt(passphrase.normalize('NFC'), salt, 64, { ...SCRYPT, maxmem: 128 * SCRYPT.N * SCRYPT.r * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
  return { enc: k.subarray(0, 32), mac: k.subarray(32) };
}

/** The manifest's MAC: over its JSON without the `mac` field, as written. */
export function macOf(m: object, key: Buffer): string {
  const rest: Record<string, unknown> = { ...m };
  delete rest.mac;
  return crypto.createHmac('sha256', key).update(JSON.stringify(rest)).digest('hex');
}
