/**
 * PDF production. The print views are paginated by layout.ts, so a long document is printed
 * in parts (a bounded number of pages per `page.pdf()` call — Chromium fails on one 50,000-row
 * table) and the parts are concatenated into a file as they come (pdf-merge.ts), so memory is
 * bounded by one part whatever the document's length; page numbers are already continuous in
 * the HTML, nothing has to be stamped afterwards.
 *
 * The default printer drives the system's Chromium through playwright-core (`CHROMIUM_PATH`
 * or /usr/bin/chromium): the CLI, tests and the loopback host use it. The Electron shell can
 * install its own printer (webContents.printToPDF on a hidden window) with `setPdfPrinter`.
 */
import fs from 'node:fs';
import { makeTempDir } from '../shared/temp-files';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { appError } from '../common/errors';
import type { RenderedDoc } from './layout';
import { mergePdfsInto } from './pdf-merge';
import { collectGarbage } from '../shared/gc';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
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
  if (!fs.existsSync(p))
    throw appError('no_browser', `No Chromium found at ${p}; set CHROMIUM_PATH.`, `未找到 Chromium（${p}），请设置 CHROMIUM_PATH。`);
  return p;
}

/** A printer on the system's Chromium: one browser, one tab, reused for every part. */
export async function chromiumPrinter(): Promise<PdfPrinter & { browserPid: number | null }> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  return {
    browserPid: null,
    async print(html: string) {
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      // The tab is reused for every part of a long document; left alone, its renderer kept what
      // earlier parts had used (about 30 MB a part). Emptying the page and collecting its garbage
      // after each part returns it; collecting with the part still loaded took ~0.8 s a part
      // (bench/README.md, reports).
      await page.setContent('<!doctype html><title></title>');
      await cdp.send('HeapProfiler.collectGarbage');
      return pdf;
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
  const { pdf, result } = await readBack((file) => mergePdfsInto(file, parts));
  return { pdf, pages: result.pages };
}

/** For callers that need the bytes (the service returns them in JSON): writes to a temporary file and reads it once done. */
async function readBack<T>(write: (file: string) => Promise<T>): Promise<{ pdf: Buffer; result: T }> {
  const dir = makeTempDir('pdf');
  try {
    const file = path.join(dir, 'out.pdf');
    const result = await write(file);
    return { pdf: await fs.promises.readFile(file), result };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

export interface PdfOptions {
  printer?: PdfPrinter;
  pagesPerPart?: number;
  onProgress?: (donePages: number, totalPages: number) => void;
}
export interface PdfFileResult {
  pages: number;
  parts: number;
  bytes: number;
}
export interface PdfResult {
  pdf: Buffer;
  pages: number;
  parts: number;
}

/**
 * Prints a paginated document part by part into `file` (each part's HTML is built just before
 * it is printed, and merged just after). A page whose rows did not fit would spill onto an extra
 * sheet (pages are fixed-height blocks without clipping), so comparing the PDF's page count with
 * the layout's catches any overflow: it throws rather than leave a document whose numbering is
 * wrong. The file appears only when complete (written beside it, then renamed).
 */
export async function docToPdfFile(doc: RenderedDoc, file: string, opts: PdfOptions = {}): Promise<PdfFileResult> {
  const per = opts.pagesPerPart ?? PAGES_PER_PART;
  const printer = opts.printer ?? (await openPrinter());
  const partial = `${file}.partial`;
  let parts = 0;
  async function* printed() {
    for (const html of doc.eachPart(per)) {
      yield await printer.print(html);
      parts++;
      // The previous part is merged by now: free what it left before the next one.
      collectGarbage();
      opts.onProgress?.(Math.min(doc.pages, parts * per), doc.pages);
    }
  }
  try {
    const { pages, bytes } = await mergePdfsInto(partial, printed());
    if (pages !== doc.pages) {
      await fs.promises.rm(partial, { force: true });
      throw new Error(`the PDF has ${pages} pages where the layout made ${doc.pages}`);
    }
    await fs.promises.rename(partial, file);
    return { pages, parts, bytes };
  } finally {
    if (!opts.printer) await printer.close();
  }
}

/** `docToPdfFile` for callers that need the bytes. */
export async function docToPdf(doc: RenderedDoc, opts: PdfOptions = {}): Promise<PdfResult> {
  const { pdf, result } = await readBack((file) => docToPdfFile(doc, file, opts));
  return { pdf, pages: result.pages, parts: result.parts };
}
