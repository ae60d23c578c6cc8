/** Shared set-up for the exchange tests: an office with a clerk and two managers, and file makers. */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { adminService, household, typedClient, type HouseholdInput, type Service } from '../../fixtures/builders';
import { importFinished } from '../../../src-main/exchange/runner';
import type { Input } from '../../../src-main/contract';
import { isSource } from '../../../src-main/exchange/profiles';

export const NOW = new Date('2026-11-30T09:00:00Z');

/**
 * A user's client: `value` and `call` typed by the contract (./fixtures/builders.ts typedClient), `raw` for inputs the
 * dispatcher must refuse; called as a function it answers the untyped envelope, as tests of other domains use it.
 */
function client(service: Service, session: string | null) {
  const typed = typedClient(service, session);
  return Object.assign((method: string, input: unknown = {}) => typed.raw(method, input), typed);
}
export type Client = ReturnType<typeof client>;

export async function office(now = NOW, opts: Parameters<typeof adminService>[0] = {}) {
  // Accounts the office's way (asked, confirmed by a second person, initial password changed): docs/security.md.
  const s = await adminService({ now: () => now, ...opts }, [
    { username: 'clerk1', role: 'clerk' },
    { username: 'mgr1', role: 'manager' },
    { username: 'mgr2', role: 'manager' },
  ]);
  const { clerk1: clerk, mgr1: manager, mgr2: manager2 } = s.accounts;
  return {
    ...s,
    clerk: client(s.service, clerk),
    manager: client(s.service, manager),
    manager2: client(s.service, manager2),
    admin: client(s.service, s.adminSession),
  };
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

/** Starts an import as the clerk and waits for it; the start's answer, the final status and the summary (of the duplicate, for one). */
export async function importFile(o: Office, file: string, source: string, extra: Omit<Partial<Input<'exchange.start'>>, 'source'> = {}) {
  if (!isSource(source)) throw new Error(`no source ${source}`);
  const started = await o.clerk.value('exchange.start', { file: { path: file }, source, fileDate: '2026-11-01', ...extra });
  await importFinished(started.importId);
  const status = await o.clerk.value('exchange.status', { importId: started.importId });
  const summary = started.duplicateFile ? started.summary : status.summary;
  if (!summary) throw new Error(`import #${started.importId} ended ${status.status}: ${status.error}`);
  return { started, status, summary };
}

/**
 * The builders' household (head, spouse, child) in a tier or none, the first `authorised` members with a signed
 * authorisation dated 2026-01-05; its id.
 */
export async function registry(o: Office, opts: { tier?: 'dibao' | null; authorised?: number } = {}): Promise<number> {
  const { tier = 'dibao', authorised = 1 } = opts;
  const base: HouseholdInput = household(tier ? { current: { tier, monthlyBenefit: 300 } } : {});
  const members = base.members.map((m, i) => (i < authorised ? { ...m, authorisedOn: '2026-01-05' } : m));
  return (await o.clerk.value('households.create', { household: { ...base, members } })).id;
}

export const csvLines = (rows: (string | number)[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';
