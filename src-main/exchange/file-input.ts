/**
 * Files reach the service as an upload to the app's transfer folder (a browser, through the
 * loopback host), as base64 content for small ones (kept there too), or as a path — only one
 * the caller may name (docs/security.md "Inputs"; shared/file-gate.ts): the Electron shell's own
 * dialogs' choices, or anything from the command line. Everything is bounded, and the worker
 * always reads a path.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { appError } from '../common/errors';
import type { FileGate } from '../shared/file-gate';

/** Uploads as base64 travel through IPC/HTTP in one message: keep them small. */
export const MAX_BASE64_BYTES = 32 * 1024 * 1024;
/** A path may be a whole county's file. */
export const MAX_PATH_BYTES = 4 * 1024 * 1024 * 1024;

export interface FileInput {
  path?: string;
  base64?: string;
  upload?: string;
  name?: string;
}

export interface ResolvedFile {
  file: string;
  name: string;
  bytes: number;
  /** The upload it came as (removed when the import is done), or null. */
  upload: string | null;
}

/** A path the caller may not name: every path from a browser, any path the Electron shell's dialog did not just choose. */
export function pathRefused(field: string): Error {
  return appError(
    'path_not_allowed',
    'Files are not opened or written by a path sent from the page: choose the file or folder with the app’s own chooser (in a browser, upload the file; exports download).',
    '系统不按页面发来的路径打开或写入文件：请用本系统的选择窗口选择文件或文件夹（在浏览器中请上传文件，导出的文件会自动下载）。',
    field,
  );
}

/** The path, when the gate allows the caller to name it (a file or package to read, a folder to write into). */
export function allowedPath(p: string, gate: FileGate, field: string): string {
  if (!gate.allows(p)) throw pathRefused(field);
  return path.resolve(p);
}

/** A file named by the machine's user (the command line), checked as any path is. */
export function localFile(p: string, name?: string): ResolvedFile {
  const abs = path.resolve(p);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw appError('file_not_found', `There is no file ${abs}.`, `找不到文件 ${abs}。`, 'file');
  }
  if (!st.isFile()) throw appError('not_a_file', `${abs} is not a file.`, `${abs} 不是文件。`, 'file');
  if (st.size > MAX_PATH_BYTES) throw appError('file_too_large', `${abs} is larger than 4 GB.`, `${abs} 超过 4 GB。`, 'file');
  if (st.size === 0) throw appError('file_empty', `${abs} is empty.`, `${abs} 是空文件。`, 'file');
  return { file: abs, name: name ?? path.basename(abs), bytes: st.size, upload: null };
}

export function resolveFileInput(f: FileInput, gate: FileGate): ResolvedFile {
  const given = [f.path !== undefined, f.base64 !== undefined, f.upload !== undefined].filter(Boolean).length;
  if (given !== 1)
    throw appError(
      'invalid_input',
      'Give one of: the file’s path, its content, its upload.',
      '请提供文件路径、文件内容或上传文件之一。',
      'file',
    );
  if (f.path !== undefined) return localFile(allowedPath(f.path, gate, 'file'), f.name);
  if (f.upload !== undefined) {
    const u = gate.transfer.upload(f.upload);
    if (u.bytes === 0) throw appError('file_empty', `${u.name} is empty.`, `${u.name} 是空文件。`, 'file');
    return { file: u.file, name: f.name ?? u.name, bytes: u.bytes, upload: u.id };
  }
  if (f.base64!.length > Math.ceil(MAX_BASE64_BYTES / 3) * 4 + 4)
    throw appError(
      'file_too_large',
      'Content sent inside a call is limited to 32 MB; upload the file instead.',
      '随调用发送的内容不能超过 32 MB，请改为上传文件。',
      'file',
    );
  const buf = Buffer.from(f.base64!, 'base64');
  if (buf.length === 0) throw appError('file_empty', 'The uploaded file is empty.', '上传的文件是空的。', 'file');
  const u = gate.transfer.store(buf, f.name ?? 'upload');
  return { file: u.file, name: f.name ?? u.name, bytes: u.bytes, upload: u.id };
}

/**
 * Read into one buffer, over and over: a read stream's new buffer for every megabyte left a
 * county-sized file's worth of garbage in the app's main thread, which then idles through the
 * import without collecting it (a large part of the import's peak memory, bench/README.md import).
 */
export async function sha256File(file: string): Promise<string> {
  const h = crypto.createHash('sha256');
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n = (await fh.read(buf, 0, buf.length, null)).bytesRead; n > 0; n = (await fh.read(buf, 0, buf.length, null)).bytesRead)
      h.update(buf.subarray(0, n));
  } finally {
    await fh.close();
  }
  return h.digest('hex');
}
