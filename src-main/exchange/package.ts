/**
 * Packages (docs/rules/assistance.md §6): a folder (or a zip) with a manifest — office, date, counts and
 * the SHA-256 and size of each file. Between the office's own workstations a package can be
 * encrypted with a passphrase: AES-256-GCM per file (the file name is the associated data,
 * so files cannot be swapped), key from scrypt; the manifest is authenticated with an
 * HMAC under a second key from the same scrypt output. Reading verifies everything before
 * anything is used, and names the file that is missing, truncated or altered.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import JSZip from 'jszip';
import { appError } from '../common/errors';

export const PACKAGE_FORMAT = 'safetynet-package/1';
const SCRYPT = { N: 1 << 15, r: 8, p: 1 } as const;

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

export interface Entry {
  name: string;
  data?: Buffer;
  path?: string;
}

/** Refuses a passphrase too short to protect a package (callers check before long work, not after). */
export function checkPassphrase(passphrase: string): void {
  if (passphrase.length < 8)
    throw appError('weak_passphrase', 'The passphrase must have at least 8 characters.', '口令至少 8 个字符。', 'passphrase');
}

function keys(passphrase: string, salt: Buffer, params = SCRYPT): { enc: Buffer; mac: Buffer } {
  checkPassphrase(passphrase);
  const k = crypto.scryptSync(passphrase.normalize('NFC'), salt, 64, { ...params, maxmem: 128 * params.N * params.r * 2 });
  return { enc: k.subarray(0, 32), mac: k.subarray(32) };
}

const macOf = (m: Manifest, key: Buffer) => {
  const { mac: _mac, ...rest } = m;
  return crypto.createHmac('sha256', key).update(JSON.stringify(rest)).digest('hex');
};

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
  const out = fs.createWriteStream(dest);
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
  const k = passphrase ? keys(passphrase, salt) : null;
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
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** Zips a package folder into `zipFile` (the folder's files at the zip's root). */
export async function zipFolder(dir: string, zipFile: string): Promise<void> {
  const zip = new JSZip();
  for (const f of fs.readdirSync(dir)) zip.file(f, fs.readFileSync(path.join(dir, f)));
  fs.writeFileSync(zipFile, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** A zip is unpacked into a private temp folder first; the caller removes it. */
async function unzipToTemp(zipFile: string): Promise<string> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(fs.readFileSync(zipFile));
  } catch {
    throw appError(
      'package_corrupt',
      `${path.basename(zipFile)} is not a readable zip (truncated or damaged).`,
      `${path.basename(zipFile)} 不是可读取的压缩包（不完整或已损坏）。`,
      'package',
    );
  }
  const dir = fs.mkdtempSync(path.join(path.dirname(zipFile), '.safetynet-unzip-'));
  for (const [name, f] of Object.entries(zip.files)) {
    if (f.dir) continue;
    if (name.includes('/') || name.includes('\\') || name.startsWith('.'))
      throw appError('package_corrupt', `Unexpected entry ${name} in the package.`, `压缩包中有不应出现的条目 ${name}。`, 'package');
    fs.writeFileSync(path.join(dir, name), await f.async('nodebuffer'));
  }
  return dir;
}

async function sha256Of(file: string): Promise<{ sha256: string; bytes: number }> {
  const h = crypto.createHash('sha256');
  let bytes = 0;
  for await (const c of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    h.update(c as Buffer);
    bytes += (c as Buffer).length;
  }
  return { sha256: h.digest('hex'), bytes };
}

export interface OpenedPackage {
  manifest: Manifest;
  dir: string;
  /** Decrypts (or copies) one file to `dest`, streamed; the GCM tag is checked at the end. */
  extract(name: string, dest: string): Promise<void>;
  read(name: string): Promise<Buffer>;
  cleanup(): void;
}

/**
 * Opens and verifies a package folder or zip: the manifest (and its MAC when encrypted), then
 * every listed file's size and SHA-256. Refuses — naming the file — a missing, truncated,
 * altered or unexpected file, and a wrong passphrase.
 */
export async function openPackage(target: string, passphrase?: string | null): Promise<OpenedPackage> {
  if (!fs.existsSync(target)) throw appError('file_not_found', `There is no package at ${target}.`, `${target} 处没有数据包。`, 'package');
  const isZip = fs.statSync(target).isFile();
  const dir = isZip ? await unzipToTemp(target) : target;
  const cleanup = () => {
    if (isZip) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const mf = path.join(dir, 'manifest.json');
    if (!fs.existsSync(mf))
      throw appError('package_no_manifest', 'The package has no manifest.json.', '数据包缺少 manifest.json。', 'package');
    let manifest: Manifest;
    try {
      manifest = JSON.parse(fs.readFileSync(mf, 'utf8'));
    } catch {
      throw appError('package_corrupt', 'manifest.json is damaged.', 'manifest.json 已损坏。', 'package');
    }
    if (manifest.format !== PACKAGE_FORMAT || !Array.isArray(manifest.files))
      throw appError(
        'package_corrupt',
        'manifest.json is not a Safetynet package manifest.',
        'manifest.json 不是 Safetynet 数据包清单。',
        'package',
      );
    let encKey: Buffer | null = null;
    if (manifest.encryption) {
      if (!passphrase)
        throw appError(
          'passphrase_required',
          'This package is encrypted: enter its passphrase.',
          '该数据包已加密，请输入口令。',
          'passphrase',
        );
      const e = manifest.encryption;
      const k = keys(passphrase, Buffer.from(e.salt, 'base64'), { N: e.N, r: e.r, p: e.p } as typeof SCRYPT);
      if (
        !manifest.mac ||
        !crypto.timingSafeEqual(Buffer.from(macOf(manifest, k.mac), 'hex'), Buffer.from(manifest.mac.padEnd(64, '0').slice(0, 64), 'hex'))
      ) {
        throw appError(
          'package_passphrase',
          'Wrong passphrase, or manifest.json was altered.',
          '口令不正确，或 manifest.json 已被改动。',
          'passphrase',
        );
      }
      encKey = k.enc;
    }
    const listed = new Set(manifest.files.map((f) => f.name));
    for (const f of fs.readdirSync(dir)) {
      if (f !== 'manifest.json' && !listed.has(f))
        throw appError(
          'package_unexpected_file',
          `${f} is in the package but not in its manifest.`,
          `数据包中的 ${f} 不在清单中。`,
          'package',
        );
    }
    for (const f of manifest.files) {
      const p = path.join(dir, f.name);
      if (path.basename(f.name) !== f.name)
        throw appError('package_corrupt', `Bad file name ${f.name} in the manifest.`, `清单中的文件名 ${f.name} 无效。`, 'package');
      if (!fs.existsSync(p))
        throw appError('package_missing_file', `${f.name} is missing from the package.`, `数据包缺少文件 ${f.name}。`, 'package');
      const got = await sha256Of(p);
      if (got.bytes < f.bytes)
        throw appError(
          'package_truncated',
          `${f.name} is truncated (${got.bytes} of ${f.bytes} bytes).`,
          `${f.name} 不完整（${got.bytes}/${f.bytes} 字节）。`,
          'package',
        );
      if (got.bytes !== f.bytes || got.sha256 !== f.sha256)
        throw appError(
          'package_tampered',
          `${f.name} does not match its SHA-256 in the manifest: it was altered.`,
          `${f.name} 与清单中的 SHA-256 不符，已被改动。`,
          'package',
        );
    }
    const extract = async (name: string, dest: string) => {
      const f = manifest.files.find((x) => x.name === name || x.name === `${name}.enc`);
      if (!f) throw appError('package_missing_file', `${name} is not in the package.`, `数据包中没有 ${name}。`, 'package');
      const src = path.join(dir, f.name);
      if (!f.encrypted) {
        fs.copyFileSync(src, dest);
        return;
      }
      const fd = fs.openSync(src, 'r');
      const iv = Buffer.alloc(12),
        tag = Buffer.alloc(16);
      fs.readSync(fd, iv, 0, 12, 0);
      fs.readSync(fd, tag, 0, 16, f.bytes - 16);
      fs.closeSync(fd);
      const d = crypto.createDecipheriv('aes-256-gcm', encKey!, iv);
      d.setAAD(Buffer.from(f.name.replace(/\.enc$/, ''), 'utf8'));
      d.setAuthTag(tag);
      try {
        await pipeline(fs.createReadStream(src, { start: 12, end: f.bytes - 17, highWaterMark: 1 << 20 }), d, fs.createWriteStream(dest));
      } catch {
        fs.rmSync(dest, { force: true });
        throw appError(
          'package_tampered',
          `${f.name} failed its authentication check: it was altered.`,
          `${f.name} 未通过完整性校验，已被改动。`,
          'package',
        );
      }
    };
    const read = async (name: string) => {
      const tmp = path.join(os.tmpdir(), `.safetynet-read-${crypto.randomBytes(6).toString('hex')}`);
      try {
        await extract(name, tmp);
        return fs.readFileSync(tmp);
      } finally {
        fs.rmSync(tmp, { force: true });
      }
    };
    return { manifest, dir, extract, read, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}
