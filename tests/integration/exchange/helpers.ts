/** Shared set-up for the exchange tests: an office with a clerk and two managers, and file makers. */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { adminService } from '../../fixtures/builders';
import { importFinished } from '../../../src-main/exchange/runner';

export const NOW = new Date('2026-11-30T09:00:00Z');

export async function office(now = NOW) {
  const s = await adminService({ now: () => now });
  for (const [u, role] of [
    ['clerk1', 'clerk'],
    ['mgr1', 'manager'],
    ['mgr2', 'manager'],
  ] as const) {
    const r = await s.call('users.create', { username: u, displayName: u, role, password: 'secret22' });
    if (!r.ok) throw new Error(JSON.stringify(r));
  }
  const login = async (u: string) =>
    ((await s.call('auth.login', { username: u, password: 'secret22' }, null)) as any).value.session as string;
  const clerk = await login('clerk1'),
    manager = await login('mgr1'),
    manager2 = await login('mgr2');
  const as =
    (session: string) =>
    (method: string, input: unknown = {}) =>
      s.call(method, input, session);
  return { ...s, clerk: as(clerk), manager: as(manager), manager2: as(manager2), admin: s.call };
}

export type Office = Awaited<ReturnType<typeof office>>;

export function writeCsv(dir: string, name: string, text: string, encoding: 'utf8' | 'utf8bom' | 'gb18030' = 'utf8'): string {
  const file = path.join(dir, name);
  if (encoding === 'gb18030') fs.writeFileSync(file, iconv.encode(text, 'gb18030'));
  else fs.writeFileSync(file, (encoding === 'utf8bom' ? '\uFEFF' : '') + text);
  return file;
}

export async function writeXlsx(dir: string, name: string, rows: unknown[][]): Promise<string> {
  const file = path.join(dir, name);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
  return file;
}

/** Starts an import as the clerk and waits for it; returns the start answer and the final status. */
export async function importFile(o: Office, file: string, source: string, extra: Record<string, unknown> = {}) {
  const st = (await o.clerk('exchange.start', { file: { path: file }, source, fileDate: '2026-11-01', ...extra })) as any;
  if (!st.ok) return { start: st, status: null as any, summary: null as any };
  await importFinished(st.value.importId);
  const status = ((await o.clerk('exchange.status', { importId: st.value.importId })) as any).value;
  return { start: st, status, summary: st.value.duplicateFile ? st.value.summary : status.summary };
}

export const csvLines = (rows: (string | number)[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';
