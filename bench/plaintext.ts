/**
 * Benchmarks only (bench/README.md, encryption): a database the app made, encrypted, turned back
 * into a plain one in place, so that a bench can time the same data without the cipher
 * (`openStore(file, { plaintext: true })`). The app never does this.
 */
import fs from 'node:fs';
import { openConnection } from '../src-main/db/connection';
import { defaultKeyKeeper, keyFileOf } from '../src-main/db/keys';

export function decryptInPlace(file: string): void {
  const raw = openConnection(file, defaultKeyKeeper(file).load());
  raw.pragma('wal_checkpoint(TRUNCATE)');
  // SQLite3 Multiple Ciphers re-keys only outside WAL mode; an empty key removes the encryption.
  raw.pragma('journal_mode = DELETE');
  raw.rekey(Buffer.alloc(0));
  raw.close();
  fs.rmSync(keyFileOf(file), { force: true });
}
