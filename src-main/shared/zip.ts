/**
 * Zips from outside (a department's XLSX, a package, a backup) read with bounds, streamed by
 * yauzl (docs/security.md "Inputs"): the number of entries, each entry's declared inflated size
 * and its ratio to the compressed size are checked before anything is inflated, and the bytes
 * actually inflated are counted while inflating, so a zip bomb stops at its limit, not at the
 * machine's memory. The entries must lie end to end as the central directory lists them: a
 * reader that walks the local headers (exceljs does) then sees exactly the entries checked here.
 * Every refusal names the entry and the limit.
 */
import fs from 'node:fs';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { AppError, appError } from '../common/errors';

export interface ZipLimits {
  /** Entries at most. */
  entries: number;
  /** Inflated bytes of one entry at most, declared and actual. */
  entryBytes: number;
  /** Inflated bytes of all entries together at most. */
  totalBytes: number;
  /** Inflated bytes per compressed byte at most, for an entry of more than RATIO_FREE bytes (deflate of real data: under 50). */
  ratio: number;
  /** A tighter bound for entries a reader holds in memory (an XLSX's shared strings), by name. */
  named?: Readonly<Record<string, number>>;
  /** Entry names allowed (packages: plain file names only); others are refused, named. */
  name?: (name: string) => boolean;
}

export interface ZipEntryInfo {
  name: string;
  /** Declared inflated size. */
  bytes: number;
  compressed: number;
}

/** Entries this small are never taken for a bomb, whatever their ratio (a file of spaces compresses 1000:1). */
const RATIO_FREE = 1 << 20;

/** A size as people read it: MB from 1 MB up, bytes below. */
const mb = (n: number, zh = false) =>
  n >= 1 << 20 ? `${Math.round(n / (1 << 20)).toLocaleString('en-US')} MB` : `${n.toLocaleString('en-US')} ${zh ? '字节' : 'bytes'}`;

/** What is read of the zip (`label`: the file's name, for messages) and which field a refusal concerns. */
interface Source {
  file: string;
  label: string;
  field: string;
}

const damaged = (s: Source, why: string) =>
  appError(
    'zip_damaged',
    `${s.label} is not a readable zip (${why}): truncated or damaged.`,
    `${s.label} 不是可读取的压缩文件（${why}），文件不完整或已损坏。`,
    s.field,
  );

function openZip(s: Source): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(s.file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true }, (err, zip) =>
      err || !zip ? reject(damaged(s, err?.message ?? 'no zip')) : resolve(zip),
    ),
  );
}

/** Every central-directory entry, in order, without inflating anything. */
function listEntries(zip: yauzl.ZipFile, s: Source, limits: ZipLimits): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const out: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      out.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(out));
    zip.on('error', (e: Error) => reject(damaged(s, e.message)));
    if (zip.entryCount > limits.entries)
      return reject(
        appError(
          'zip_entries',
          `${s.label} holds ${zip.entryCount.toLocaleString('en-US')} entries; at most ${limits.entries.toLocaleString('en-US')} are read.`,
          `${s.label} 含 ${zip.entryCount} 个条目，最多读取 ${limits.entries} 个。`,
          s.field,
        ),
      );
    zip.readEntry();
  });
}

/** The limits each entry's declaration must meet, checked before any inflating. */
function checkDeclared(entries: yauzl.Entry[], s: Source, limits: ZipLimits): void {
  let total = 0;
  const seen = new Set<string>();
  for (const e of entries) {
    const name = e.fileName;
    if (limits.name && !limits.name(name))
      throw appError('zip_entry_name', `${s.label} holds an unexpected entry ${name}.`, `${s.label} 中有不应出现的条目 ${name}。`, s.field);
    if (seen.has(name))
      throw appError('zip_entry_name', `${s.label} holds the entry ${name} twice.`, `${s.label} 中条目 ${name} 出现了两次。`, s.field);
    seen.add(name);
    if (e.isEncrypted())
      throw appError(
        'zip_encrypted',
        `${name} in ${s.label} is password-protected.`,
        `${s.label} 中的 ${name} 设有密码，无法读取。`,
        s.field,
      );
    if (e.compressionMethod !== 0 && e.compressionMethod !== 8) throw damaged(s, `${name}: compression method ${e.compressionMethod}`);
    const cap = limits.named?.[name] ?? limits.entryBytes;
    if (e.uncompressedSize > cap) throw tooLarge(s, name, e.uncompressedSize, cap);
    if (e.uncompressedSize > RATIO_FREE && e.uncompressedSize > limits.ratio * Math.max(1, e.compressedSize))
      throw appError(
        'zip_bomb',
        `${name} in ${s.label} inflates ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))} times its compressed size (at most ${limits.ratio}×): refused as a zip bomb.`,
        `${s.label} 中的 ${name} 解压后是压缩大小的 ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))} 倍（最多 ${limits.ratio} 倍），作为“压缩炸弹”拒绝读取。`,
        s.field,
      );
    total += e.uncompressedSize;
    if (total > limits.totalBytes) throw tooLarge(s, name, total, limits.totalBytes, true);
  }
}

function tooLarge(s: Source, name: string, bytes: number, cap: number, total = false) {
  return total
    ? appError(
        'zip_too_large',
        `${s.label} inflates to more than ${mb(cap)} in all (reached at ${name}); it was not read.`,
        `${s.label} 解压后合计超过 ${mb(cap, true)}（到 ${name} 时），未读取。`,
        s.field,
      )
    : appError(
        'zip_too_large',
        `${name} in ${s.label} inflates to ${mb(bytes)}, more than the ${mb(cap)} allowed for it; it was not read.`,
        `${s.label} 中的 ${name} 解压后为 ${mb(bytes, true)}，超过允许的 ${mb(cap, true)}，未读取。`,
        s.field,
      );
}

/**
 * The local headers must agree with the central directory and the entries must lie end to end from
 * the file's first byte to the central directory: bytes between entries could hold entries that only
 * a reader walking the local headers would see.
 */
async function checkLayout(entries: yauzl.Entry[], centralDirectory: number, s: Source): Promise<void> {
  const fh = await fs.promises.open(s.file, 'r');
  try {
    const sorted = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
    let at = 0;
    const head = Buffer.alloc(30),
      tail = Buffer.alloc(4);
    for (const e of sorted) {
      if (e.relativeOffsetOfLocalHeader !== at) throw layout(s, e.fileName);
      const { bytesRead } = await fh.read(head, 0, 30, at);
      if (bytesRead < 30 || head.readUInt32LE(0) !== 0x04034b50) throw damaged(s, `${e.fileName}: no local header`);
      const flags = head.readUInt16LE(6);
      if (head.readUInt16LE(8) !== e.compressionMethod) throw layout(s, e.fileName);
      const nameLength = head.readUInt16LE(26),
        extraLength = head.readUInt16LE(28);
      // Sizes in the local header (zero or 0xFFFFFFFF when a data descriptor or zip64 holds them) must not contradict the directory.
      const csize = head.readUInt32LE(18),
        usize = head.readUInt32LE(22);
      if (!(flags & 8) && csize !== 0xffffffff && (csize !== e.compressedSize || usize !== e.uncompressedSize)) throw layout(s, e.fileName);
      const end = at + 30 + nameLength + extraLength + e.compressedSize;
      at = end;
      if (flags & 8) {
        // A data descriptor: 12 or 20 bytes (zip64), 4 more with its optional signature.
        const next = sorted[sorted.indexOf(e) + 1]?.relativeOffsetOfLocalHeader ?? centralDirectory;
        await fh.read(tail, 0, 4, end);
        const lengths = tail.readUInt32LE(0) === 0x08074b50 ? [16, 24] : [12, 20];
        const fit = lengths.find((n) => end + n === next);
        if (fit === undefined) throw layout(s, e.fileName);
        at = end + fit;
      }
    }
    if (at !== centralDirectory) throw layout(s, sorted[sorted.length - 1]?.fileName ?? '—');
  } finally {
    await fh.close();
  }
}

const layout = (s: Source, name: string) =>
  appError(
    'zip_layout',
    `${s.label} has bytes the zip's directory does not account for (at ${name}): it may hide entries, and was not read.`,
    `${s.label} 中有压缩目录未列出的内容（在 ${name} 处），可能藏有条目，未读取。`,
    s.field,
  );

/** Counts the bytes inflated and stops past the entry's limit (yauzl also checks them against the declared size). */
function counter(s: Source, name: string, cap: number, totals: { bytes: number; cap: number }): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      totals.bytes += chunk.length;
      if (bytes > cap) return cb(tooLarge(s, name, bytes, cap));
      if (totals.bytes > totals.cap) return cb(tooLarge(s, name, totals.bytes, totals.cap, true));
      cb(null, chunk);
    },
  });
}

const discard = () =>
  new Writable({
    write(_c, _e, cb) {
      cb();
    },
  });

/**
 * Reads a zip within `limits`: the directory and layout first, then, for each entry that
 * `take` asks for (a stream to write it to, or 'count' to inflate and discard it), its bytes.
 * Entries `take` answers null for are not inflated. Answers the entries as declared.
 */
export async function readZip(
  file: string,
  label: string,
  field: string,
  limits: ZipLimits,
  take: (e: ZipEntryInfo) => Writable | 'count' | null = () => 'count',
): Promise<ZipEntryInfo[]> {
  const s: Source = { file, label, field };
  const zip = await openZip(s);
  try {
    // The central directory's offset, before the first read moves the cursor (yauzl 3 keeps it there; its types say otherwise).
    const centralDirectory: unknown = Reflect.get(zip, 'readEntryCursor');
    const entries = await listEntries(zip, s, limits);
    checkDeclared(entries, s, limits);
    if (typeof centralDirectory !== 'number') throw damaged(s, 'no central directory');
    await checkLayout(entries, centralDirectory, s);
    const totals = { bytes: 0, cap: limits.totalBytes };
    const infos: ZipEntryInfo[] = [];
    for (const e of entries) {
      const info = { name: e.fileName, bytes: e.uncompressedSize, compressed: e.compressedSize };
      infos.push(info);
      const sink = take(info);
      if (sink === null) continue;
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(e, (err, st) => (err || !st ? reject(damaged(s, `${e.fileName}: ${err?.message}`)) : resolve(st))),
      );
      try {
        await pipeline(
          stream,
          counter(s, e.fileName, limits.named?.[e.fileName] ?? limits.entryBytes, totals),
          sink === 'count' ? discard() : sink,
        );
      } catch (err) {
        if (err instanceof AppError) throw err;
        if (err instanceof Error && /too many bytes/.test(err.message))
          throw appError(
            'zip_size_mismatch',
            `${e.fileName} in ${s.label} inflates to more than the ${mb(e.uncompressedSize)} its directory declares; it was not read.`,
            `${s.label} 中的 ${e.fileName} 解压后超过目录中声明的 ${mb(e.uncompressedSize, true)}，未读取。`,
            s.field,
          );
        throw damaged(s, `${e.fileName}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return infos;
  } finally {
    zip.close();
  }
}

/** Whether a file starts as a zip does ("PK\3\4"). */
export function looksLikeZip(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(4);
    return fs.readSync(fd, b, 0, 4, 0) === 4 && b.readUInt32LE(0) === 0x04034b50;
  } finally {
    fs.closeSync(fd);
  }
}
