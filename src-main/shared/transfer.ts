/**
 * The folder the app manages for files that pass through it (docs/security.md "Inputs"): a
 * browser's uploads (the loopback host streams them here; the renderer then names an upload,
 * never a path) and the files a browser downloads (an export, a backup), beside the database,
 * readable by its user only. Uploads live while they are used (two hours untouched at most) and
 * are removed when done; a download is handed out once, within ten minutes; everything left is
 * swept when the app starts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { appError } from '../common/errors';

/** An upload: 32 hex characters, unguessable; its file keeps the name the user gave it (messages name it). */
export interface Upload {
  id: string;
  file: string;
  name: string;
  bytes: number;
}
export interface Download {
  id: string;
  file: string;
  fileName: string;
  bytes: number;
}

/** The largest upload: a county's department file (a million rows of CSV is about 100 MB; XLSX less). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
const UPLOAD_IDLE_MS = 2 * 3600_000;
const TICKET_MS = 5 * 60_000;
const DOWNLOAD_MS = 10 * 60_000;

const newId = () => crypto.randomBytes(16).toString('hex');
/** A name as a file name here: its last part, without what a file system would read as a path or a device. */
export const safeName = (name: string): string =>
  Array.from(path.basename(name.replaceAll('\\', '/')) || 'file', (c) => (c.charCodeAt(0) < 32 || '<>:"|?*'.includes(c) ? '_' : c))
    .join('')
    .replace(/^\.+/, '_')
    .slice(0, 200);

const unknownUpload = () =>
  appError(
    'upload_unknown',
    'The uploaded file is no longer here (it was used, or left for more than two hours): choose the file again.',
    '上传的文件已不在（已用完或超过两小时未用），请重新选择文件。',
    'file',
  );

export class TransferFolder {
  private uploads = new Map<string, Upload & { touched: number }>();
  private tickets = new Map<string, { name: string; bytes: number; until: number }>();
  private downloads = new Map<string, Download & { until: number }>();

  /** Creates the folder (user-only) and sweeps what an earlier run left. */
  constructor(readonly root: string) {
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
    fs.chmodSync(root, 0o700);
    for (const f of fs.readdirSync(root)) fs.rmSync(path.join(root, f), { recursive: true, force: true });
  }

  private slot(): { id: string; dir: string } {
    const id = newId();
    const dir = path.join(this.root, id);
    fs.mkdirSync(dir, { mode: 0o700 });
    return { id, dir };
  }

  /** Removes uploads left untouched, tickets and downloads past their time. */
  expire(now = Date.now()): void {
    for (const [id, u] of this.uploads) if (now - u.touched > UPLOAD_IDLE_MS) this.release(id);
    for (const [t, x] of this.tickets) if (x.until < now) this.tickets.delete(t);
    for (const [id, d] of this.downloads) if (d.until < now) this.finish(id);
  }

  /** A one-time ticket for one upload of at most `bytes` (given by a signed-in caller through the contract). */
  ticket(name: string, bytes: number): string {
    if (bytes > MAX_UPLOAD_BYTES)
      throw appError(
        'file_too_large',
        `${name} is larger than 2 GB: split it, or import it on the workstation itself.`,
        `${name} 超过 2 GB，请拆分后上传，或在本机导入。`,
        'file',
      );
    this.expire();
    const t = newId();
    this.tickets.set(t, { name: safeName(name), bytes, until: Date.now() + TICKET_MS });
    return t;
  }

  /** Streams a body into a new upload, no more than its ticket said; a short or long body leaves nothing behind. */
  async receive(ticket: string, body: Readable): Promise<Upload> {
    const t = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    if (!t || t.until < Date.now())
      throw appError('upload_ticket', 'This upload was not asked for, or came too late.', '该上传未经申请或已过期。');
    const { id, dir } = this.slot();
    const file = path.join(dir, t.name);
    let bytes = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _e, cb) {
        bytes += chunk.length;
        if (bytes > t.bytes) cb(appError('too_large', 'The upload is larger than announced.', '上传内容超过申报的大小。'));
        else cb(null, chunk);
      },
    });
    try {
      await pipeline(body, cap, fs.createWriteStream(file, { mode: 0o600, flags: 'wx' }));
      if (bytes !== t.bytes) throw appError('upload_incomplete', 'The upload ended early.', '上传未完成。');
    } catch (e) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    const u = { id, file, name: t.name, bytes, touched: Date.now() };
    this.uploads.set(id, u);
    return u;
  }

  /** Content that came inside a call (base64), kept as an upload named by its hash: the same content sent again is the same upload. */
  store(content: Buffer, name: string): Upload {
    this.expire();
    const id = crypto.createHash('sha256').update(content).digest('hex').slice(0, 32);
    const known = this.uploads.get(id);
    if (known && known.name === safeName(name)) {
      known.touched = Date.now();
      return known;
    }
    if (known) this.release(id);
    const dir = path.join(this.root, id);
    fs.mkdirSync(dir, { mode: 0o700 });
    const file = path.join(dir, safeName(name));
    fs.writeFileSync(file, content, { mode: 0o600 });
    const u = { id, file, name: safeName(name), bytes: content.length, touched: Date.now() };
    this.uploads.set(id, u);
    return u;
  }

  upload(id: string): Upload {
    const u = this.uploads.get(id);
    if (!u || !fs.existsSync(u.file)) throw unknownUpload();
    u.touched = Date.now();
    return u;
  }

  release(id: string): void {
    this.uploads.delete(id);
    if (/^[0-9a-f]{32}$/.test(id)) fs.rmSync(path.join(this.root, id), { recursive: true, force: true });
  }

  /** A folder inside this one for a file or package being made for download. */
  /** Releases the upload a path lies in (a request named it and is decided): true when there was one. */
  releaseFile(file: string): boolean {
    const rel = path.relative(this.root, path.resolve(file));
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    const id = rel.split(path.sep)[0];
    if (!this.uploads.has(id)) return false;
    this.release(id);
    return true;
  }

  workspace(): { id: string; dir: string } {
    this.expire();
    return this.slot();
  }

  /** Hands `file` (inside a workspace) out once, as `fileName`, within ten minutes. */
  offer(id: string, file: string, fileName: string): Download {
    const d = { id, file, fileName, bytes: fs.statSync(file).size, until: Date.now() + DOWNLOAD_MS };
    this.downloads.set(id, d);
    return { id, file, fileName, bytes: d.bytes };
  }

  /** The download for its id, taken: a second request for it finds nothing. */
  take(id: string): Download | null {
    this.expire();
    const d = this.downloads.get(id);
    if (!d) return null;
    this.downloads.delete(id);
    return d;
  }

  /** Removes a download's workspace (after it was sent, or left). */
  finish(id: string): void {
    this.downloads.delete(id);
    if (/^[0-9a-f]{32}$/.test(id)) fs.rmSync(path.join(this.root, id), { recursive: true, force: true });
  }
}
