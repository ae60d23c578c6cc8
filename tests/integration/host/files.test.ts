/**
 * Files through the loopback host (docs/security.md "Inputs"): a browser names no path — not to
 * read (`/etc/passwd`), not to write (an export's or a backup's folder); files come in as uploads
 * to the transfer folder, no larger than announced, removed when used, swept at start; exports go
 * out as one-time downloads.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../../src-main/host/http-host';
import { hostGate } from '../../../src-main/shared/file-gate';
import { TransferFolder } from '../../../src-main/shared/transfer';
import { importFinished } from '../../../src-main/exchange/runner';
import { openPackage } from '../../../src-main/exchange/package';
import { OFFICE_PASSWORDS, tempDir } from '../../fixtures/builders';
import { csvLines, office, registry, NOW } from '../exchange/helpers';
import { request } from './clients';
import { idFor } from '../../fixtures/builders';

let host: RunningHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

type Env = { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string; message: string; field?: string } };

async function hostOffice() {
  const transfer = new TransferFolder(path.join(tempDir(), 'transfer'));
  const o = await office(NOW, { files: hostGate(transfer) });
  await registry(o);
  host = await startHost(o.service, { transfer });
  const h = host;
  const headers = { host: `127.0.0.1:${h.port}`, 'x-safetynet-token': h.token, 'content-type': 'application/json' };
  const call = async (method: string, input: unknown, session: string | null): Promise<Env> =>
    JSON.parse((await request(h.port, { headers, body: JSON.stringify({ method, input, session, lang: 'en' }) })).body);
  const login = async (username: string, password: string) => {
    const r = await call('auth.login', { username, password }, null);
    if (!r.ok) throw new Error(r.error.message);
    return String(r.value.session);
  };
  return { o, h, transfer, call, clerk: await login('clerk1', 'secret22'), admin: await login('admin', OFFICE_PASSWORDS.admin) };
}

/** POSTs bytes to /upload/<ticket>, as the renderer's uploadToHost does. */
function upload(
  h: RunningHost,
  ticket: string,
  body: Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: h.port,
        method: 'POST',
        path: `/upload/${ticket}`,
        headers: { host: `127.0.0.1:${h.port}`, 'x-safetynet-token': h.token, 'content-length': String(body.length), ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** GET /download/<id>, the body as bytes. */
function download(h: RunningHost, id: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: h.port, path: `/download/${id}`, headers: { host: `127.0.0.1:${h.port}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const HEAD = idFor('1960-03-01', 11);
const dataCsv = () =>
  Buffer.from(
    csvLines([
      ['身份证号码', '姓名', '入院日期', '个人自付'],
      [HEAD, '王建国', '2026-10-01', '7000'],
    ]),
  );

describe('files through the loopback host', () => {
  it('refuses every path a clerk names: /etc/passwd to preview, a package to check, a folder to export into', async () => {
    const { call, clerk, o } = await hostOffice();
    const passwd = await call('exchange.preview', { file: { path: '/etc/passwd' }, source: 'medical_insurance' }, clerk);
    expect(passwd).toMatchObject({ ok: false, error: { code: 'path_not_allowed', field: 'file' } });
    expect(JSON.stringify(passwd)).not.toContain('root:');
    expect(await call('export.verifyPackage', { path: '/etc' }, clerk)).toMatchObject({ ok: false, error: { code: 'path_not_allowed' } });
    expect(await call('exchange.start', { package: { path: '/tmp' } }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'path_not_allowed' },
    });
    const folder = path.join(o.dir, 'usb');
    const into = await call('export.verificationRequests', { source: 'medical_insurance', folder }, clerk);
    expect(into).toMatchObject({ ok: false, error: { code: 'path_not_allowed', field: 'folder' } });
    expect(fs.existsSync(folder)).toBe(false);
    expect(await call('files.mode', {}, clerk)).toMatchObject({ ok: true, value: { mode: 'host', dialogs: false } });
    expect(await call('files.choose', { kind: 'file' }, clerk)).toMatchObject({ ok: false, error: { code: 'no_dialogs' } });
  });

  it('an export without a folder downloads once, as a zip that verifies; a backup likewise, its folder refused', async () => {
    const { call, clerk, admin, h, transfer, o } = await hostOffice();
    const r = await call('export.verificationRequests', { source: 'medical_insurance' }, clerk);
    if (!r.ok) throw new Error(r.error.message);
    const d = r.value.download as { id: string; fileName: string; bytes: number };
    expect(d.fileName).toMatch(/^核对请求-medical_insurance-.*\.zip$/);
    expect(r.value.target).toBe(d.fileName);
    const got = await download(h, d.id);
    expect(got.status).toBe(200);
    expect(String(got.headers['content-disposition'])).toContain(encodeURIComponent(d.fileName));
    expect(got.body.length).toBe(d.bytes);
    const zip = path.join(o.dir, d.fileName);
    fs.writeFileSync(zip, got.body);
    const p = await openPackage(zip, null, { encrypted: false });
    expect((await p.read(p.manifest.files.find((f) => f.name.endsWith('.csv'))!.name)).toString()).toContain(HEAD);
    p.cleanup();
    // Once: the second request finds nothing, and nothing is left in the transfer folder.
    expect((await download(h, d.id)).status).toBe(404);
    expect(fs.readdirSync(transfer.root)).toEqual([]);

    expect(await call('backup.create', { folder: o.dir, passphrase: 'backup-secret' }, admin)).toMatchObject({
      ok: false,
      error: { code: 'path_not_allowed' },
    });
    const b = await call('backup.create', { passphrase: 'backup-secret' }, admin);
    if (!b.ok) throw new Error(b.error.message);
    const bd = b.value.download as { id: string; fileName: string };
    expect(bd.fileName).toMatch(/^safetynet-backup-.*\.zip$/);
    const backup = await download(h, bd.id);
    expect(backup.status).toBe(200);
    expect(backup.body.subarray(0, 2).toString()).toBe('PK');

    // Uploaded again to be restored: the upload stays while the request waits, and goes once a second person has confirmed it.
    const t = await call('files.uploadTicket', { name: bd.fileName, bytes: backup.body.length }, admin);
    if (!t.ok) throw new Error(t.error.message);
    const u = JSON.parse((await upload(h, String(t.value.ticket), backup.body)).body) as Env;
    if (!u.ok) throw new Error(u.error.message);
    const asked = await call('backup.restore', { upload: u.value.upload, passphrase: 'backup-secret', confirm: true }, admin);
    if (!asked.ok) throw new Error(asked.error.message);
    expect(fs.readdirSync(transfer.root)).toEqual([u.value.upload]);
    const director = (await call('auth.login', { username: 'director', password: OFFICE_PASSWORDS.director }, null)) as Env;
    if (!director.ok) throw new Error(director.error.message);
    const done = await call('requests.confirm', { id: asked.value.id, secret: 'backup-secret' }, String(director.value.session));
    expect(done).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    expect(fs.readdirSync(transfer.root)).toEqual([]);
  });

  it('takes a file as an upload no larger than announced, reads it by its id, and removes it when the import is done', async () => {
    const { call, clerk, h, transfer } = await hostOffice();
    const body = dataCsv();
    const t = await call('files.uploadTicket', { name: 'hospital.csv', bytes: body.length }, clerk);
    if (!t.ok) throw new Error(t.error.message);
    const ticket = String(t.value.ticket);
    // Without the token, from another site, or past the announced size: refused, nothing kept.
    expect((await upload(h, ticket, body, { 'x-safetynet-token': 'nope' })).status).toBe(401);
    expect((await upload(h, ticket, body, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const big = await upload(h, ticket, Buffer.concat([body, Buffer.from('more')]));
    expect(big.status).toBe(400);
    expect(fs.readdirSync(transfer.root)).toEqual([]);
    // The ticket was used up by the refused upload.
    expect((await upload(h, ticket, body)).status).toBe(400);

    const t2 = await call('files.uploadTicket', { name: '../../hospital.csv', bytes: body.length }, clerk);
    if (!t2.ok) throw new Error(t2.error.message);
    const u = JSON.parse((await upload(h, String(t2.value.ticket), body)).body) as Env;
    if (!u.ok) throw new Error(u.error.message);
    const id = String(u.value.upload);
    expect(u.value.name).toBe('hospital.csv');
    const dir = path.join(transfer.root, id);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'hospital.csv')).mode & 0o777).toBe(0o600);
    const prev = await call('exchange.preview', { file: { upload: id }, source: 'medical_insurance' }, clerk);
    expect(prev).toMatchObject({ ok: true, value: { file: 'hospital.csv', rows: [{ cells: [HEAD, '王建国', '2026-10-01', '7000'] }] } });
    const st = await call('exchange.start', { file: { upload: id }, source: 'medical_insurance', fileDate: '2026-11-01' }, clerk);
    if (!st.ok) throw new Error(st.error.message);
    await importFinished(Number(st.value.importId));
    await new Promise((r) => setTimeout(r, 50));
    expect(fs.existsSync(dir)).toBe(false);
    expect(await call('exchange.preview', { file: { upload: id }, source: 'medical_insurance' }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'upload_unknown' },
    });
  });

  it('sweeps what an earlier run left in the transfer folder when it starts', () => {
    const root = path.join(tempDir(), 'transfer');
    fs.mkdirSync(path.join(root, 'a'.repeat(32)), { recursive: true });
    fs.writeFileSync(path.join(root, 'a'.repeat(32), 'county.csv'), 'ID 130123199001011234');
    const t = new TransferFolder(root);
    expect(fs.readdirSync(t.root)).toEqual([]);
    expect(fs.statSync(t.root).mode & 0o777).toBe(0o700);
  });
});
