/**
 * Files reach the service either as a filesystem path (Electron's dialogs give paths; the
 * loopback host on the same machine can read a path the user typed or dropped) or as base64
 * content for small uploads. Both are bounded; base64 content is written to a private temp
 * file named by its hash so the worker always reads a path.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { processTempDir } from '../shared/temp-files';
import path from 'node:path';
import { appError } from '../common/errors';

/** Uploads as base64 travel through IPC/HTTP in one message: keep them small. */
export const MAX_BASE64_BYTES = 32 * 1024 * 1024;
/** A path may be a whole county's file. */
export const MAX_PATH_BYTES = 4 * 1024 * 1024 * 1024;

export interface FileInput {
  path?: string;
  base64?: string;
  name?: string;
}

export function resolveFileInput(f: FileInput): { file: string; name: string; bytes: number; temp: boolean } {
  if (f.path && f.base64)
    throw appError('invalid_input', 'Give either a path or the content, not both.', '请提供文件路径或文件内容之一。', 'file');
  if (f.path) {
    const p = path.resolve(f.path);
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      throw appError('file_not_found', `There is no file ${p}.`, `找不到文件 ${p}。`, 'file');
    }
    if (!st.isFile()) throw appError('not_a_file', `${p} is not a file.`, `${p} 不是文件。`, 'file');
    if (st.size > MAX_PATH_BYTES) throw appError('file_too_large', `${p} is larger than 4 GB.`, `${p} 超过 4 GB。`, 'file');
    if (st.size === 0) throw appError('file_empty', `${p} is empty.`, `${p} 是空文件。`, 'file');
    return { file: p, name: f.name ?? path.basename(p), bytes: st.size, temp: false };
  }
  if (f.base64 !== undefined) {
    if (f.base64.length > Math.ceil(MAX_BASE64_BYTES / 3) * 4 + 4)
      throw appError(
        'file_too_large',
        'Uploaded content is limited to 32 MB; choose the file by its path instead.',
        '上传内容不能超过 32 MB，请改为选择文件路径。',
        'file',
      );
    const buf = Buffer.from(f.base64, 'base64');
    if (buf.length === 0) throw appError('file_empty', 'The uploaded file is empty.', '上传的文件是空的。', 'file');
    // In the app's temporary folder, this process's own: swept once it has ended (shared/temp-files.ts).
    const dir = processTempDir('uploads');
    const sha = crypto.createHash('sha256').update(buf).digest('hex');
    const name = (f.name ?? 'upload').replace(/[\\/]/g, '_');
    const file = path.join(dir, `${sha}${path.extname(name) || ''}`);
    if (!fs.existsSync(file)) fs.writeFileSync(file, buf, { mode: 0o600 });
    return { file, name, bytes: buf.length, temp: true };
  }
  throw appError('invalid_input', 'Choose a file.', '请选择文件。', 'file');
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
