/**
 * One entry point for every document: `renderReport({kind, month?, householdId?, format})`
 * gives the print view as HTML, a PDF (printed in parts, merged) or an XLSX export. Used by
 * the service (`reports.render`), the CLI (`safetynet report …`, through `writeReport`) and
 * the bench.
 */
import fs from 'node:fs';
import { streamedXlsx } from '../shared/xlsx';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appError } from '../common/errors';
import type { ReportKind } from '../common/codes';
import { renderDoc } from './layout';
import { docToPdf, docToPdfFile, type PdfOptions } from './pdf';
import { GAP, publicityForm, rosterForm, type FormOutput, type Sheet } from './forms';
import { changesForm } from './changes-form';
import { chainForm } from './chain-form';
import { warningsForm } from './warnings-form';
import { servicesLedgerForm, servicesReportForm } from './services-form';
import { recoveryLedgerForm, recoveryNoticeForm } from './recovery-form';
import { temporaryLedgerForm, temporaryPublicityForm } from './temporary-forms';
import { caseProgressForm, casePublicityForm, spotCheckForm, type CaseReportKind } from './cases-forms';

// The CLI reads them from here.
export { REPORT_KINDS, type ReportKind } from '../common/codes';
export type ReportFormat = 'html' | 'pdf' | 'xlsx';

export interface ReportRequest {
  kind: ReportKind | CaseReportKind;
  month?: string;
  /** The warnings report's period as a date range (inclusive), instead of a month. */
  from?: string;
  to?: string;
  householdId?: number;
  tier?: string;
  townshipId?: number;
  villageId?: number;
  /** A provider's service ledger; a recovery case's notice. */
  providerId?: number;
  caseId?: number;
  format: ReportFormat;
}

export interface ReportFile {
  fileName: string;
  mime: string;
  /** The bytes (PDF, XLSX) or the UTF-8 HTML text. */
  data: Buffer;
  pages: number | null;
}

export function buildForm(raw: BetterSqlite3.Database, req: ReportRequest, now: Date): FormOutput {
  const needMonth = () => {
    if (!req.month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(req.month))
      throw appError('invalid_input', 'Give the month as YYYY-MM.', '请按 YYYY-MM 填写月份。', 'month');
    return req.month;
  };
  switch (req.kind) {
    case 'roster':
      return rosterForm(raw, needMonth(), { tier: req.tier, townshipId: req.townshipId, villageId: req.villageId, now });
    case 'publicity':
      return publicityForm(raw, needMonth(), { tier: req.tier, townshipId: req.townshipId, villageId: req.villageId, now });
    case 'changes':
      return changesForm(raw, needMonth(), { now });
    case 'chain':
      if (req.householdId === undefined) throw appError('invalid_input', 'Give the household.', '请指定家庭。', 'householdId');
      return chainForm(raw, req.householdId, { now });
    case 'warnings':
      return warningsForm(raw, {
        month: req.month,
        from: req.from,
        to: req.to,
        householdId: req.householdId,
        townshipId: req.townshipId,
        villageId: req.villageId,
        now,
      });
    case 'services':
      return servicesReportForm(raw, needMonth(), { now });
    case 'services_ledger':
      return servicesLedgerForm(raw, needMonth(), req.providerId, { now });
    case 'recovery':
      return recoveryLedgerForm(raw, { townshipId: req.townshipId, now });
    case 'recovery_notice':
      return recoveryNoticeForm(raw, req.caseId, { now });
    case 'temporary_ledger':
    case 'temporary_publicity':
      return (req.kind === 'temporary_ledger' ? temporaryLedgerForm : temporaryPublicityForm)(raw, needMonth(), {
        townshipId: req.townshipId,
        now,
      });
    case 'cases':
      return caseProgressForm(raw, needMonth(), { now });
    case 'spot-checks':
      return spotCheckForm(raw, needMonth(), { now });
    case 'case-publicity':
      return casePublicityForm(raw, { now, townshipId: req.townshipId });
    default:
      throw appError('invalid_input', `Unknown report ${String(req.kind)}.`, `未知的报表：${String(req.kind)}。`, 'kind');
  }
}

/**
 * The form's sheets as XLSX, through exceljs's streaming writer: each row is written and
 * released at once. A county roster (20,000 recipients) as worksheet objects took 600 MB and
 * 4.8 s in the app's main process.
 */
export async function sheetsToXlsx(
  sheets: Sheet[],
  meta: { title: string; subtitle: string; office: string; orientation?: 'portrait' | 'landscape' },
): Promise<Buffer> {
  return streamedXlsx((wb) => {
    for (const s of sheets) {
      const ws = wb.addWorksheet(s.name, {
        pageSetup: { paperSize: 9, orientation: meta.orientation ?? 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
        views: [{ state: 'frozen', ySplit: 3 }],
      });
      s.columns.forEach((c, i) => {
        const col = ws.getColumn(i + 1);
        col.width = c.width;
        if (c.money) col.numFmt = '#,##0.00';
      });
      const title = ws.addRow([meta.title]);
      title.font = { bold: true, size: 14 };
      title.commit();
      ws.addRow([`${meta.subtitle}${GAP}${meta.office}`]).commit();
      const header = ws.addRow(s.columns.map((c) => c.header));
      header.font = { bold: true };
      header.commit();
      for (let i = 0; i < s.rows.length; i++) ws.addRow(s.rows[i]).commit();
      ws.commit();
    }
  });
}

export async function renderReport(raw: BetterSqlite3.Database, req: ReportRequest, now: Date, opts: PdfOptions = {}): Promise<ReportFile> {
  const form = buildForm(raw, req, now);
  if (req.format === 'xlsx') {
    const data = await sheetsToXlsx(form.sheets, {
      title: form.spec.title,
      subtitle: form.spec.subtitle,
      office: form.spec.office,
      orientation: form.spec.orientation,
    });
    return {
      fileName: `${form.fileBase}.xlsx`,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data,
      pages: null,
    };
  }
  const doc = renderDoc(form.spec);
  if (req.format === 'html')
    return { fileName: `${form.fileBase}.html`, mime: 'text/html; charset=utf-8', data: Buffer.from(doc.html(), 'utf8'), pages: doc.pages };
  const r = await docToPdf(doc, opts);
  return { fileName: `${form.fileBase}.pdf`, mime: 'application/pdf', data: r.pdf, pages: r.pages };
}

/**
 * The report written to `file`. A PDF goes straight from the printer to the file: a long roster
 * is never held whole in memory (renderReport's Buffer is for the service, which answers in JSON).
 */
export async function writeReport(
  raw: BetterSqlite3.Database,
  req: ReportRequest,
  now: Date,
  file: string,
  opts: PdfOptions = {},
): Promise<{ fileName: string; pages: number | null; bytes: number }> {
  if (req.format !== 'pdf') {
    const f = await renderReport(raw, req, now, opts);
    await fs.promises.writeFile(file, f.data);
    return { fileName: f.fileName, pages: f.pages, bytes: f.data.length };
  }
  const form = buildForm(raw, req, now);
  const r = await docToPdfFile(renderDoc(form.spec), file, opts);
  return { fileName: `${form.fileBase}.pdf`, pages: r.pages, bytes: r.bytes };
}
