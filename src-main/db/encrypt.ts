/**
 * Encrypting a plain database, once, on open (docs/security.md "A database made before
 * encryption"). The plain file is never rewritten in place: its WAL is folded in, a copy is
 * encrypted beside it (`PRAGMA rekey`, which SQLite3 Multiple Ciphers refuses in WAL mode) and
 * renamed over it. A crash at any point leaves the plain file or the encrypted one, whole; the
 * half-made copy is removed at the next open.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { applyKey } from './connection';
import { syncFolder } from './keys';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** What is at `file`: nothing (or an empty file), a plain SQLite database, or something else (an encrypted one). */
export function fileState(file: string): 'absent' | 'plain' | 'encrypted' {
  if (!fs.existsSync(file)) return 'absent';
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    if (n === 0) return 'absent';
    return n === head.length && head.equals(SQLITE_HEADER) ? 'plain' : 'encrypted';
  } finally {
    fs.closeSync(fd);
  }
}

const copyOf = (file: string) => `${file}.encrypting`;

/** Removes what an interrupted conversion left beside `file` (the plain file itself is still whole). */
export function removeConversionLeftovers(file: string): void {
  for (const f of [copyOf(file), `${copyOf(file)}-journal`]) fs.rmSync(f, { force: true });
}

/** The steps of a conversion, named for the test that stops the process after each (tests/integration/db/encrypt-kill.test.ts). */
export type ConversionStep = 'folded' | 'copied' | 'encrypted' | 'recorded' | 'replaced';

/**
 * Encrypts the plain database `file` with `key`. `onEncrypted` runs on the encrypted copy in one
 * transaction before it replaces the plain file (the audit entry: the change and its record
 * arrive together or not at all).
 */
export function encryptPlainFile(
  file: string,
  key: string,
  onEncrypted: (raw: BetterSqlite3.Database) => void,
  afterStep: (step: ConversionStep) => void = () => {},
): void {
  // 1. The WAL folded into the main file and the journal mode set back to DELETE: the file alone is then the database.
  const plain = new BetterSqlite3(file, { fileMustExist: true });
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.pragma('journal_mode = DELETE');
  } finally {
    plain.close();
  }
  afterStep('folded');
  // 2. A copy beside it (same folder, so that the rename below is atomic), user-only.
  const copy = copyOf(file);
  removeConversionLeftovers(file);
  fs.copyFileSync(file, copy);
  if (process.platform !== 'win32') fs.chmodSync(copy, 0o600);
  afterStep('copied');
  // 3. The copy encrypted page by page, read back with the key, and the conversion recorded in it.
  const c = new BetterSqlite3(copy, { fileMustExist: true });
  try {
    c.rekey(Buffer.from(key, 'utf8'));
    afterStep('encrypted');
    c.close();
    const check = new BetterSqlite3(copy, { fileMustExist: true });
    try {
      applyKey(check, key);
      check.pragma('foreign_keys = ON');
      check.transaction(() => onEncrypted(check))();
    } finally {
      check.close();
    }
    afterStep('recorded');
  } finally {
    if (c.open) c.close();
  }
  const fd = fs.openSync(copy, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // 4. The encrypted copy takes the plain file's place in one rename.
  fs.renameSync(copy, file);
  syncFolder(path.dirname(file));
  afterStep('replaced');
}
