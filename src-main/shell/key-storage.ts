/**
 * Where the Electron app keeps the database key (docs/security.md "Where keys live"): encrypted
 * by the operating system with `safeStorage` (DPAPI on Windows, the keyring on Linux) in a file
 * beside the database. Where the OS offers no such protection (no keyring, or Chromium's
 * `basic_text` fallback, which protects nothing), the key stays in the user-only key file the
 * command line uses, and the app says so once (log and Settings › Backup).
 */
import fs from 'node:fs';
import type { SafeStorage } from 'electron';
import { fileKeyKeeper, keyFileOf, writeSecretFile, type KeyKeeper } from '../db/keys';

export type KeySafe = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

/** `safetynet.db` → `safetynet.db.key.protected`: the key as the OS encrypted it. */
export const protectedKeyFileOf = (dbFile: string): string => `${keyFileOf(dbFile)}.protected`;

export const NO_OS_PROTECTION = (file: string) => ({
  en: `This computer offers no protected key storage (Windows DPAPI or a Linux keyring), so the database key is kept in ${file}, readable by this user only. Keep the recovery sheet safe.`,
  zh: `本机不提供受保护的密钥存储（Windows DPAPI 或 Linux 密钥环），数据库密钥保存在仅本用户可读的文件 ${file} 中。请妥善保管恢复密钥单。`,
});

function osProtectionAvailable(safe: KeySafe): boolean {
  if (!safe.isEncryptionAvailable()) return false;
  // On Linux without a keyring Chromium falls back to a fixed password: that is no protection.
  return process.platform !== 'linux' || safe.getSelectedStorageBackend?.() !== 'basic_text';
}

export function shellKeyKeeper(dbFile: string, safe: KeySafe, log: (line: string) => void = console.warn): KeyKeeper {
  const plainKeeper = fileKeyKeeper(dbFile, NO_OS_PROTECTION(keyFileOf(dbFile)));
  if (!osProtectionAvailable(safe)) {
    log(`[safetynet] ${plainKeeper.notice!.en}`);
    return plainKeeper;
  }
  const file = protectedKeyFileOf(dbFile);
  const keeper: KeyKeeper = {
    kind: 'os',
    where: file,
    notice: null,
    load() {
      if (fs.existsSync(file)) {
        try {
          return safe.decryptString(fs.readFileSync(file));
        } catch {
          // Another user's or another machine's protection: the recovery key is asked for, and kept again.
          return null;
        }
      }
      // A key file the command line made for this database moves under the OS's protection.
      const plain = plainKeeper.load();
      if (plain !== null) keeper.save(plain);
      return plain;
    },
    save(key: string) {
      writeSecretFile(file, safe.encryptString(key));
      if (safe.decryptString(fs.readFileSync(file)) !== key) throw new Error('the protected key does not read back');
      fs.rmSync(keyFileOf(dbFile), { force: true });
    },
  };
  return keeper;
}
