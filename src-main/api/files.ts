import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../db/open';
import { appError } from '../common/errors';
import type { filesMethods } from '../contract/files';
import { allowedPath, resolveFileInput, type FileInput, type ResolvedFile } from '../exchange/file-input';
import { zipFolder } from '../exchange/package';
import { hostGate, type FileGate } from '../shared/file-gate';
import { MAX_UPLOAD_BYTES, TransferFolder, type Download } from '../shared/transfer';
import type { Ctx, HandlerMap } from './context';

/** A service given no gate names no path (as the loopback host): its transfer folder beside the database. */
const defaults = new WeakMap<Store, FileGate>();

export function gateOf(ctx: Ctx): FileGate {
  if (ctx.opts.files) return ctx.opts.files;
  let g = defaults.get(ctx.store);
  if (!g) defaults.set(ctx.store, (g = hostGate(new TransferFolder(path.join(path.dirname(ctx.store.file), 'transfer')))));
  return g;
}

export const fileOf = (ctx: Ctx, f: FileInput): ResolvedFile => resolveFileInput(f, gateOf(ctx));

/** The package or backup to read: a path the caller may name, or an upload. */
export function packagePathOf(ctx: Ctx, p: { path?: string; upload?: string }): string {
  const gate = gateOf(ctx);
  if (p.upload !== undefined) return gate.transfer.upload(p.upload).file;
  return allowedPath(p.path!, gate, 'package');
}

/**
 * Makes an export into `folder` (one the caller may name) or, without one, into a workspace of the
 * transfer folder, zipped and offered as a download. `make` answers the path it wrote (a folder or a zip).
 */
export async function intoFolderOrDownload<T>(
  ctx: Ctx,
  folder: string | undefined,
  make: (folder: string, forDownload: boolean) => Promise<T & { target: string }>,
): Promise<{ result: T & { target: string }; download: Download | null }> {
  const gate = gateOf(ctx);
  if (folder !== undefined) return { result: await make(allowedPath(folder, gate, 'folder'), false), download: null };
  const ws = gate.transfer.workspace();
  try {
    const result = await make(ws.dir, true);
    let file = result.target;
    if (fs.statSync(file).isDirectory()) {
      await zipFolder(file, `${file}.zip`);
      fs.rmSync(file, { recursive: true });
      file = `${file}.zip`;
    }
    const d = gate.transfer.offer(ws.id, file, path.basename(file));
    return { result: { ...result, target: d.fileName }, download: d };
  } catch (e) {
    gate.transfer.finish(ws.id);
    throw e;
  }
}

export const downloadOut = (d: Download | null) => (d ? { id: d.id, fileName: d.fileName, bytes: d.bytes } : null);

export const filesHandlers: HandlerMap<keyof typeof filesMethods> = {
  'files.mode': (_i, ctx) => {
    const g = gateOf(ctx);
    return { mode: g.mode, dialogs: !!g.choose, maxUploadBytes: MAX_UPLOAD_BYTES };
  },
  'files.choose': async (i, ctx) => {
    const g = gateOf(ctx);
    if (!g.choose)
      throw appError(
        'no_dialogs',
        'There is no file chooser of the app here: upload the file from the page.',
        '此处没有系统的文件选择窗口，请在页面上上传文件。',
        'file',
      );
    const p = await g.choose(i.kind, i.extensions);
    if (!p) return null;
    const st = fs.statSync(p, { throwIfNoEntry: false });
    return { path: p, name: path.basename(p), bytes: st?.isFile() ? st.size : null };
  },
  'files.uploadTicket': (i, ctx) => ({ ticket: gateOf(ctx).transfer.ticket(i.name, i.bytes) }),
  'files.release': (i, ctx) => {
    gateOf(ctx).transfer.release(i.upload);
    return { ok: true as const };
  },
};
