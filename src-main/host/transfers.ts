/**
 * The loopback host's file transfers (docs/security.md "Inputs"): a browser cannot hand the app a
 * path, and must not, so a file comes in as an upload — `POST /upload/<ticket>`, its body streamed
 * into the app's transfer folder, no larger than the ticket (asked for by a signed-in caller
 * through `files.uploadTicket`) announced — and an export goes out as `GET /download/<id>`, the
 * one-time id that the export's answer carried, sent once and then removed.
 */
import type http from 'node:http';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../common/errors';
import type { TransferFolder } from '../shared/transfer';

type Send = (status: number, body: string | Buffer, type?: string, extra?: Record<string, string>) => void;

const JSON_TYPE = 'application/json; charset=utf-8';
const ID = /^\/(upload|download)\/([0-9a-f]{32})$/;

export const transferRoute = (p: string): { kind: 'upload' | 'download'; id: string } | null => {
  const m = ID.exec(p);
  return m ? { kind: m[1] === 'upload' ? 'upload' : 'download', id: m[2] } : null;
};

/** A request from another site (a page elsewhere that knows the address): refused, as /api refuses it. */
export function crossSite(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host}`) return true;
  const site = req.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

export async function handleUpload(req: http.IncomingMessage, send: Send, transfer: TransferFolder, ticket: string): Promise<void> {
  const lang = req.headers['x-safetynet-lang'] === 'en' ? 'en' : 'zh';
  try {
    const u = await transfer.receive(ticket, req);
    send(200, JSON.stringify({ ok: true, value: { upload: u.id, name: u.name, bytes: u.bytes } }));
  } catch (e) {
    const error =
      e instanceof AppError ? e.toBody(lang) : { code: 'upload_failed', message: lang === 'zh' ? '上传失败。' : 'The upload failed.' };
    // The rest of a refused body is not read.
    send(400, JSON.stringify({ ok: false, error }), JSON_TYPE, { Connection: 'close' });
    req.resume();
  }
}

export async function handleDownload(res: http.ServerResponse, send: Send, transfer: TransferFolder, id: string): Promise<void> {
  const d = transfer.take(id);
  if (!d || !fs.existsSync(d.file)) return send(404, JSON.stringify({ ok: false, error: { code: 'gone', message: 'no such download' } }));
  const ascii = d.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.writeHead(200, {
    'Content-Type': d.fileName.endsWith('.zip') ? 'application/zip' : 'application/octet-stream',
    'Content-Length': String(d.bytes),
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(d.fileName)}`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  try {
    await pipeline(fs.createReadStream(d.file), res);
  } finally {
    transfer.finish(id);
  }
}
