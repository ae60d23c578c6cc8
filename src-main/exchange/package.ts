/**
 * Packages (docs/rules/assistance.md §6): a folder (or a zip) with a manifest — office, date, counts and
 * the SHA-256 and size of each file. Between the office's own workstations a package is
 * encrypted with a passphrase: AES-256-GCM per file (the file name is the associated data,
 * so files cannot be swapped), key from scrypt with the app's own parameters; the manifest is
 * authenticated with an HMAC under a second key from the same scrypt output (./package-crypto.ts).
 * Reading verifies everything before anything is used, and names the file that is missing,
 * truncated or altered (./package-read.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import JSZip from 'jszip';
import { appError } from '../common/errors';
import { macOf, packageKeys, PACKAGE_FORMAT, SCRYPT, type Manifest, type ManifestFile } from './package-crypto';

export { checkPassphrase, PACKAGE_FORMAT, type Manifest, type ManifestFile, type ManifestMeta } from './package-crypto';
export { openPackage, type OpenedPackage, type OpenOptions } from './package-read';

export interface Entry {
  name: string;
  data?: Buffer;
  path?: string;
}

/** Streams one entry to `dest`, encrypting when a key is given: IV ‖ ciphertext ‖ tag. Returns size and SHA-256 of what was written. */
async function writeEntry(e: Entry, dest: string, key: Buffer | null): Promise<{ bytes: number; sha256: string }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const count = new Transform({
    transform(chunk, _enc, cb) {
      hash.update(chunk);
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  const source = e.path
    ? fs.createReadStream(e.path, { highWaterMark: 1 << 20 })
    : (async function* () {
        yield e.data!;
      })();
  const out = fs.createWriteStream(dest, { mode: 0o600 });
  if (!key) {
    await pipeline(source, count, out);
  } else {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(e.name, 'utf8'));
    count.write(iv);
    await pipeline(
      source,
      cipher,
      new Transform({
        transform(c, _e, cb) {
          cb(null, c);
        },
        flush(cb) {
          cb(null, cipher.getAuthTag());
        },
      }),
      count,
      out,
    );
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Writes the package folder `dir` (created; must not exist or be empty). */
export async function writePackage(
  dir: string,
  entries: Entry[],
  m: Omit<Manifest, 'format' | 'files' | 'encryption' | 'mac'>,
  passphrase?: string | null,
): Promise<Manifest> {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0)
    throw appError('target_exists', `${dir} already exists and is not empty.`, `${dir} 已存在且不为空。`, 'folder');
  fs.mkdirSync(dir, { recursive: true });
  const salt = crypto.randomBytes(16);
  const k = passphrase ? await packageKeys(passphrase, salt) : null;
  const files: ManifestFile[] = [];
  for (const e of entries) {
    const stored = k ? `${e.name}.enc` : e.name;
    const w = await writeEntry(e, path.join(dir, stored), k?.enc ?? null);
    files.push({ name: stored, bytes: w.bytes, sha256: w.sha256, encrypted: !!k });
  }
  const manifest: Manifest = {
    format: PACKAGE_FORMAT,
    ...m,
    files,
    encryption: k ? { cipher: 'aes-256-gcm', kdf: 'scrypt', salt: salt.toString('base64'), ...SCRYPT } : null,
  };
  if (k) manifest.mac = macOf(manifest, k.mac);
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2), { mode: 0o600 });
  return manifest;
}

/** Zips a package folder into `zipFile` (the folder's files at the zip's root), streamed: a county's backup never sits in memory whole. */
export async function zipFolder(dir: string, zipFile: string): Promise<void> {
  const zip = new JSZip();
  for (const f of fs.readdirSync(dir)) zip.file(f, fs.createReadStream(path.join(dir, f)));
  await pipeline(
    zip.generateNodeStream({ type: 'nodebuffer', streamFiles: true, compression: 'DEFLATE' }),
    fs.createWriteStream(zipFile, { mode: 0o600 }),
  );
}
