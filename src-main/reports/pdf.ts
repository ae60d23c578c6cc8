/**
 * PDF production. The print views are paginated by layout.ts, so a long document is printed
 * in parts (a bounded number of pages per `page.pdf()` call — Chromium fails on one 50,000-row
 * table) and the parts are concatenated with pdf-lib; page numbers are already continuous in
 * the HTML, nothing has to be stamped afterwards.
 *
 * The default printer drives the system's Chromium through playwright-core (`CHROMIUM_PATH`
 * or /usr/bin/chromium): the CLI, tests and the loopback host use it. The Electron shell can
 * install its own printer (webContents.printToPDF on a hidden window) with `setPdfPrinter`.
 */
import fs from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { appError } from '../shared/errors';
import type { RenderedDoc } from './layout';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Pages per `page.pdf()` call. */
export const PAGES_PER_PART = 40;

export interface PdfPrinter {
  /** Prints one complete HTML document (A4 pages sized by its own @page CSS). */
  print(html: string): Promise<Buffer>;
  close(): Promise<void>;
}

let installed: (() => Promise<PdfPrinter>) | null = null;
/** The Electron shell installs its printToPDF-based printer here. */
export function setPdfPrinter(factory: (() => Promise<PdfPrinter>) | null): void {
  installed = factory;
}

export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(p)) throw appError('no_browser', `No Chromium found at ${p}; set CHROMIUM_PATH.`, `未找到 Chromium（${p}），请设置 CHROMIUM_PATH。`);
  return p;
}

/** A printer on the system's Chromium: one browser, one tab, reused for every part. */
export async function chromiumPrinter(): Promise<PdfPrinter & { browserPid: number | null }> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage();
  return {
    browserPid: null,
    async print(html: string) {
      await page.setContent(html, { waitUntil: 'load' });
      return Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    },
    async close() {
      await browser.close();
    },
  };
}

export async function openPrinter(): Promise<PdfPrinter> {
  return installed ? installed() : chromiumPrinter();
}

/** Concatenates PDFs (in order) into one. */
export async function mergePdfs(parts: Buffer[]): Promise<{ pdf: Buffer; pages: number }> {
  if (parts.length === 1) return { pdf: parts[0], pages: (await PDFDocument.load(parts[0], { updateMetadata: false })).getPageCount() };
  const out = await PDFDocument.create();
  for (const p of parts) {
    const src = await PDFDocument.load(p, { updateMetadata: false });
    const pages = await out.copyPages(src, src.getPageIndices());
    for (const pg of pages) out.addPage(pg);
  }
  return { pdf: Buffer.from(await out.save({ useObjectStreams: false })), pages: out.getPageCount() };
}

export interface PdfResult { pdf: Buffer; pages: number; parts: number }

/**
 * Prints a paginated document in parts and merges them. A page whose rows did not fit would
 * spill onto an extra sheet (pages are fixed-height blocks without clipping), so comparing the
 * PDF's page count with the layout's catches any overflow: it throws rather than print a
 * document whose numbering is wrong.
 */
export async function docToPdf(doc: RenderedDoc, opts: { printer?: PdfPrinter; pagesPerPart?: number; onProgress?: (donePages: number, totalPages: number) => void } = {}): Promise<PdfResult> {
  const per = opts.pagesPerPart ?? PAGES_PER_PART;
  const printer = opts.printer ?? (await openPrinter());
  try {
    const parts = doc.parts(per);
    const bufs: Buffer[] = [];
    for (let i = 0; i < parts.length; i++) {
      bufs.push(await printer.print(parts[i]));
      parts[i] = '';
      opts.onProgress?.(Math.min(doc.pages, (i + 1) * per), doc.pages);
    }
    const { pdf, pages } = await mergePdfs(bufs);
    if (pages !== doc.pages) throw new Error(`the PDF has ${pages} pages where the layout made ${doc.pages}`);
    return { pdf, pages, parts: parts.length };
  } finally {
    if (!opts.printer) await printer.close();
  }
}
