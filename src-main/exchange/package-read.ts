/**
 * Opening a package (docs/rules/assistance.md §6, docs/security.md "Inputs"): a zip is unpacked
 * within PACKAGE_LIMITS (./limits.ts) into a private folder; the manifest is read within
 * MANIFEST_BYTES and its shape checked; where an encrypted package is required (a backup, a
 * package between the office's own workstations) a plain one is refused, whatever passphrase
 * comes with it; the keys come from the app's own scrypt parameters; then every listed file's
 * size and SHA-256. Nothing is used before all of it holds, and every refusal names the file.
 * All of it is streamed or runs in libuv's pool, so the app keeps answering while a backup is
 * verified.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { appError } from '../common/errors';
import { readZip } from '../shared/zip';
import { MANIFEST_BYTES, PACKAGE_FILES, PACKAGE_LIMITS } from './limits';
import { macOf, packageKeys, PACKAGE_FORMAT, SCRYPT, type Manifest } from './package-crypto';

const refuse = (code: string, en: string, zh: string, field = 'package') => appError(code, en, zh, field);

/** A zip is unpacked beside it (a backup may not fit the system's temp folder), or in the temp folder where that is read-only. */
async function unzipToTemp(zipFile: string): Promise<string> {
  let dir: string;
  try {
    dir = fs.mkdtempSync(path.join(path.dirname(zipFile), '.safetynet-unzip-'));
  } catch {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-unzip-'));
  }
  try {
    await readZip(zipFile, path.basename(zipFile), 'package', PACKAGE_LIMITS, (e) =>
      fs.createWriteStream(path.join(dir, e.name), { mode: 0o600, flags: 'wx' }),
    );
    return dir;
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

const fileName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^/\\.][^/\\]*$/, 'a plain file name');
const manifestShape = z.looseObject({
  format: z.literal(PACKAGE_FORMAT),
  kind: z.string().max(64),
  office: z.object({ name: z.string().max(200), county: z.string().max(200), regionCode: z.string().max(20) }).nullable(),
  createdAt: z.string().max(40),
  createdBy: z.string().max(200),
  appVersion: z.string().max(40),
  counts: z.record(z.string().max(64), z.number()),
  meta: z
    .looseObject({
      source: z.string().max(64).optional(),
      department: z.string().max(200).optional(),
      masked: z.boolean().optional(),
      migrations: z.array(z.string().max(200)).max(10_000).optional(),
      auditHead: z.object({ rows: z.number().int().nonnegative(), hash: z.string().max(128), short: z.string().max(200) }).optional(),
    })
    .optional(),
  files: z
    .array(
      z.object({
        name: fileName,
        bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        encrypted: z.boolean(),
      }),
    )
    .max(PACKAGE_FILES),
  encryption: z
    .object({
      cipher: z.literal('aes-256-gcm'),
      kdf: z.literal('scrypt'),
      salt: z.string().regex(/^[A-Za-z0-9+/]{22}==$/),
      N: z.number(),
      r: z.number(),
      p: z.number(),
    })
    .nullable(),
  mac: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

/** The manifest as written (its MAC is over exactly this) once its size and shape are checked. */
function readManifest(dir: string): Manifest & Record<string, unknown> {
  const mf = path.join(dir, 'manifest.json');
  const st = fs.lstatSync(mf, { throwIfNoEntry: false });
  if (!st) throw refuse('package_no_manifest', 'The package has no manifest.json.', '数据包缺少 manifest.json。');
  if (!st.isFile() || st.size > MANIFEST_BYTES)
    throw refuse(
      'package_corrupt',
      `manifest.json is not a manifest (a ${st.isFile() ? `file of ${st.size.toLocaleString('en-US')} bytes` : 'link or folder'}).`,
      `manifest.json 不是数据包清单（${st.isFile() ? `${st.size} 字节` : '链接或文件夹'}）。`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(mf, 'utf8'));
  } catch {
    throw refuse('package_corrupt', 'manifest.json is damaged.', 'manifest.json 已损坏。');
  }
  const shape = manifestShape.safeParse(raw);
  if (!shape.success) {
    const at = shape.error.issues[0]?.path.join('.') ?? '';
    throw refuse(
      'package_corrupt',
      `manifest.json is not a Safetynet package manifest (at ${at || 'its top'}).`,
      `manifest.json 不是 Safetynet 数据包清单（${at || '顶层'}处不符）。`,
    );
  }
  const names = new Set(shape.data.files.map((f) => f.name));
  if (names.size !== shape.data.files.length || names.has('manifest.json'))
    throw refuse('package_corrupt', 'manifest.json lists a file twice.', 'manifest.json 中有重复的文件。');
  // The object as parsed from the file, not zod's copy: the MAC is over the writer's JSON, key for key (its shape was just checked).
  return raw as Manifest & Record<string, unknown>;
}

async function sha256Of(file: string, limit: number): Promise<{ sha256: string; bytes: number }> {
  const h = crypto.createHash('sha256');
  let bytes = 0;
  // Read no further than one byte past what the manifest lists: a larger file is altered, however large.
  for await (const c of fs.createReadStream(file, { highWaterMark: 1 << 20, end: limit })) {
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

export interface OpenOptions {
  /** A plain package is refused unless this is false (only a check that reports what it found passes false). */
  encrypted?: boolean;
}

/** A passphrase, or how to find it from the manifest as read (a station package's key depends on its addresses: docs/stations.md). */
export type PassphraseFor = string | null | undefined | ((m: Manifest) => string | null);

async function keysFor(manifest: Manifest, given: PassphraseFor): Promise<Buffer> {
  const e = manifest.encryption!;
  const passphrase = typeof given === 'function' ? given(manifest) : given;
  if (!passphrase)
    throw refuse('passphrase_required', 'This package is encrypted: enter its passphrase.', '该数据包已加密，请输入口令。', 'passphrase');
  if (e.N !== SCRYPT.N || e.r !== SCRYPT.r || e.p !== SCRYPT.p)
    throw refuse(
      'package_kdf',
      `The package asks for key parameters (N ${e.N}, r ${e.r}, p ${e.p}) other than this app's (N ${SCRYPT.N}, r ${SCRYPT.r}, p ${SCRYPT.p}): ` +
        'it was not made by Safetynet, or its manifest was altered.',
      `数据包要求的密钥参数（N ${e.N}、r ${e.r}、p ${e.p}）与本系统的（N ${SCRYPT.N}、r ${SCRYPT.r}、p ${SCRYPT.p}）不同：它不是由 Safetynet 生成的，或清单已被改动。`,
    );
  const k = await packageKeys(passphrase, Buffer.from(e.salt, 'base64'));
  if (!crypto.timingSafeEqual(Buffer.from(macOf(manifest, k.mac), 'hex'), Buffer.from(manifest.mac ?? '0'.repeat(64), 'hex')))
    throw refuse(
      'package_passphrase',
      'Wrong passphrase, or manifest.json was altered.',
      '口令不正确，或 manifest.json 已被改动。',
      'passphrase',
    );
  return k.enc;
}

/** Every file on disk is listed, a regular file, of its listed size and SHA-256. */
async function checkFiles(dir: string, manifest: Manifest): Promise<void> {
  const listed = new Set(manifest.files.map((f) => f.name));
  for (const f of fs.readdirSync(dir)) {
    if (f !== 'manifest.json' && !listed.has(f))
      throw refuse('package_unexpected_file', `${f} is in the package but not in its manifest.`, `数据包中的 ${f} 不在清单中。`);
  }
  for (const f of manifest.files) {
    const p = path.join(dir, f.name);
    const st = fs.lstatSync(p, { throwIfNoEntry: false });
    if (!st) throw refuse('package_missing_file', `${f.name} is missing from the package.`, `数据包缺少文件 ${f.name}。`);
    if (!st.isFile())
      throw refuse('package_corrupt', `${f.name} is not a file (a link or a folder).`, `${f.name} 不是文件（是链接或文件夹）。`);
    if (f.encrypted !== !!manifest.encryption || (f.encrypted && f.bytes < 28))
      throw refuse('package_corrupt', `${f.name} is listed wrongly in the manifest.`, `清单中 ${f.name} 的记录不正确。`);
    if (st.size < f.bytes)
      throw refuse(
        'package_truncated',
        `${f.name} is truncated (${st.size} of ${f.bytes} bytes).`,
        `${f.name} 不完整（${st.size}/${f.bytes} 字节）。`,
      );
    const got = await sha256Of(p, f.bytes);
    if (st.size !== f.bytes || got.bytes !== f.bytes || got.sha256 !== f.sha256)
      throw refuse(
        'package_tampered',
        `${f.name} does not match its SHA-256 in the manifest: it was altered.`,
        `${f.name} 与清单中的 SHA-256 不符，已被改动。`,
      );
  }
}

/**
 * Opens and verifies a package folder or zip: the manifest (and its MAC when encrypted), then
 * every listed file's size and SHA-256. Refuses — naming the file — a missing, truncated,
 * altered or unexpected file, a wrong passphrase, and (unless `encrypted: false`) a plain package.
 */
export async function openPackage(target: string, passphrase?: PassphraseFor, opts: OpenOptions = {}): Promise<OpenedPackage> {
  const st = fs.statSync(target, { throwIfNoEntry: false });
  if (!st) throw refuse('file_not_found', `There is no package at ${target}.`, `${target} 处没有数据包。`);
  const isZip = st.isFile();
  const dir = isZip ? await unzipToTemp(target) : target;
  const cleanup = () => {
    if (isZip) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const manifest = readManifest(dir);
    if (!manifest.encryption && opts.encrypted !== false)
      throw refuse(
        'package_not_encrypted',
        'This package is not encrypted, and a backup or a package between the office’s workstations always is: it was not made by this office, or was altered. Nothing was read from it.',
        '该数据包未加密，而备份和本单位工作站之间的数据包都是加密的：它不是本单位生成的，或已被改动；未读取其中任何内容。',
      );
    const encKey = manifest.encryption ? await keysFor(manifest, passphrase) : null;
    await checkFiles(dir, manifest);
    const extract = async (name: string, dest: string) => {
      const f = manifest.files.find((x) => x.name === name || x.name === `${name}.enc`);
      if (!f) throw refuse('package_missing_file', `${name} is not in the package.`, `数据包中没有 ${name}。`);
      const src = path.join(dir, f.name);
      if (!f.encrypted || !encKey) {
        fs.copyFileSync(src, dest);
        return;
      }
      const fd = fs.openSync(src, 'r');
      const iv = Buffer.alloc(12),
        tag = Buffer.alloc(16);
      fs.readSync(fd, iv, 0, 12, 0);
      fs.readSync(fd, tag, 0, 16, f.bytes - 16);
      fs.closeSync(fd);
      const d = crypto.createDecipheriv('aes-256-gcm', encKey, iv);
      d.setAAD(Buffer.from(f.name.replace(/\.enc$/, ''), 'utf8'));
      d.setAuthTag(tag);
      // An empty file is IV and tag alone.
      const body =
        f.bytes > 28 ? fs.createReadStream(src, { start: 12, end: f.bytes - 17, highWaterMark: 1 << 20 }) : (async function* () {})();
      try {
        await pipeline(body, d, fs.createWriteStream(dest, { mode: 0o600 }));
      } catch (e) {
        fs.rmSync(dest, { force: true });
        // GCM's tag fails in final(): anything else (a full disk) is not the package's fault and is said as it is.
        if (!(e instanceof Error) || !/authenticate/i.test(e.message)) throw e;
        throw refuse(
          'package_tampered',
          `${f.name} failed its authentication check: it was altered.`,
          `${f.name} 未通过完整性校验，已被改动。`,
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
