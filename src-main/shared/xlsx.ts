/**
 * An XLSX workbook built through exceljs's streaming writer into memory: rows are serialised
 * and released as they are committed, so a county-sized sheet never sits in memory as
 * worksheet objects (the in-memory workbook took 1.3 GB for a county scan's changes).
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export type StreamedWorkbook = ExcelJS.stream.xlsx.WorkbookWriter;

/** Runs `build` (which adds sheets and commits their rows), then returns the file's bytes. */
export async function streamedXlsx(build: (wb: StreamedWorkbook) => void | Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  wb.creator = 'Safetynet';
  await build(wb);
  await wb.commit();
  return Buffer.concat(chunks);
}
