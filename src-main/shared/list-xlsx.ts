/**
 * A list as XLSX, the same for every list: a title row with the office's name and the list's title, the column headers, and the
 * rows shown on the screen — same filters and sort, every page — with words, never codes (UX.md "Habits", docs/security.md "Audit":
 * the handler's export is audited by src-main/api/reads.ts). Written through the streaming writer (./xlsx.ts).
 */
import type { Bilingual, Lang } from '../common/errors';
import { forEachInOrder } from './list-query';
import { streamedXlsx } from './xlsx';

export interface ListColumn<R> {
  header: Bilingual;
  width: number;
  /** Yuan with two decimals (the value is already in yuan). */
  money?: boolean;
  value: (row: R) => string | number | null;
}

export interface ListXlsx<R> {
  title: Bilingual;
  office: string;
  lang: Lang;
  columns: readonly ListColumn<R>[];
  /** The list's rows `limit` at a time from `offset`, in the order shown. */
  read: (offset: number, limit: number) => R[];
}

export async function listXlsx<R>(spec: ListXlsx<R>): Promise<{ buffer: Buffer; rows: number }> {
  let n = 0;
  const buffer = await streamedXlsx(async (wb) => {
    const title = spec.title[spec.lang];
    const ws = wb.addWorksheet(title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.columns = spec.columns.map((c, i) => ({ key: `c${i}`, width: c.width, style: c.money ? { numFmt: '#,##0.00' } : {} }));
    const head = ws.addRow([spec.lang === 'zh' ? `${spec.office}\u3000${title}` : `${spec.office} — ${title}`]);
    head.font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, spec.columns.length);
    head.commit();
    const header = ws.addRow(spec.columns.map((c) => c.header[spec.lang]));
    header.font = { bold: true };
    header.commit();
    await forEachInOrder(spec.read, (r) => {
      ws.addRow(spec.columns.map((c) => c.value(r))).commit();
      n++;
    });
    ws.commit();
  });
  return { buffer, rows: n };
}
