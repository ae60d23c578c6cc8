/**
 * The streaming PDF merge (src-main/reports/pdf-merge.ts) and docToPdfFile on top of it, with
 * PDFs made by pdf-lib: several parts of different page counts and sizes, fonts and an image
 * shared within a part, a part saved with object streams, and a part whose page tree is nested
 * with attributes inherited from the inner nodes. Checked with poppler (pdfinfo, pdftotext),
 * by reading the xref table back, and by re-loading the result with pdf-lib.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, StandardFonts } from 'pdf-lib';
import { mergePdfsInto } from '../../../src-main/reports/pdf-merge';
import { docToPdf, docToPdfFile, mergePdfs, type PdfPrinter } from '../../../src-main/reports/pdf';
import { renderDoc, type DocSpec, type Row } from '../../../src-main/reports/layout';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-merge-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// A 2×2 red PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGP4z8AARAwQCoQBAD7rB/n+7SY2AAAAAElFTkSuQmCC', 'base64');
const A4: [number, number] = [595, 842];
const A5: [number, number] = [420, 595];

async function part(
  labels: string[],
  size: [number, number],
  opts: { image?: boolean; objectStreams?: boolean } = {},
): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const img = opts.image ? await doc.embedPng(PNG) : null;
  for (const label of labels) {
    const page = doc.addPage(size);
    page.drawText(label, { x: 40, y: 100, size: 24, font });
    if (img) page.drawImage(img, { x: 40, y: 40, width: 20, height: 20 });
  }
  return doc;
}

const save = async (doc: PDFDocument, objectStreams = false) => Buffer.from(await doc.save({ useObjectStreams: objectStreams }));

/**
 * Pages P05–P09 under a nested tree: root → [inner(P05, P06, deeper(P07, P08)), P09]. The
 * deeper node carries the MediaBox of P07 and P08 and the Resources of P07 (taken off them).
 */
async function nestedPart(): Promise<Buffer> {
  const doc = await part(['P05', 'P06', 'P07', 'P08', 'P09'], A4, { image: true });
  const ctx = doc.context;
  const root = doc.catalog.get(PDFName.of('Pages')) as PDFRef; // the catalog's /Pages is a reference (PDF 32000 7.7.2)
  const [p5, p6, p7, p8, p9] = doc.getPages().map((p) => p.ref);
  const node = (kids: PDFRef[], parent: PDFRef, count: number) => {
    const ref = ctx.nextRef();
    ctx.assign(ref, ctx.obj({ Type: 'Pages', Kids: kids, Count: count, Parent: parent }));
    return ref;
  };
  const inner = node([p5, p6], root, 4);
  const deeper = node([p7, p8], inner, 2);
  ctx.lookup(inner, PDFDict).lookup(PDFName.of('Kids'), PDFArray).push(deeper);
  const deeperDict = ctx.lookup(deeper, PDFDict);
  deeperDict.set(PDFName.of('MediaBox'), ctx.obj([0, 0, 300, 400]));
  deeperDict.set(PDFName.of('Resources'), ctx.lookup(p7, PDFDict).get(PDFName.of('Resources'))!);
  for (const p of [p5, p6]) ctx.lookup(p, PDFDict).set(PDFName.of('Parent'), inner);
  for (const p of [p7, p8]) {
    const d = ctx.lookup(p, PDFDict);
    d.set(PDFName.of('Parent'), deeper);
    d.delete(PDFName.of('MediaBox'));
  }
  ctx.lookup(p7, PDFDict).delete(PDFName.of('Resources'));
  const rootDict = ctx.lookup(root, PDFDict);
  rootDict.set(PDFName.of('Kids'), ctx.obj([inner, p9]));
  rootDict.set(PDFName.of('Count'), PDFNumber.of(5));
  return save(doc, true);
}

function poppler(tool: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  // Poppler repairs a broken xref or object silently but says so on stderr.
  expect(r.stderr).toBe('');
  return r.stdout;
}
const pageText = (file: string, n: number) => poppler('pdftotext', ['-f', String(n), '-l', String(n), file, '-']).trim();

/** Every xref entry points at its object's header, and startxref at the table. */
function checkXref(bytes: Buffer): number {
  const s = bytes.toString('latin1');
  const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(s)![1]);
  expect(s.startsWith('xref\n', start)).toBe(true);
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(s.slice(start))!;
  expect(first).toBe('0');
  const entries = s
    .slice(start)
    .split('\n')
    .slice(2, 2 + Number(count));
  entries.slice(1).forEach((e, i) => {
    expect(e).toMatch(/^\d{10} 00000 n $/);
    expect(s.startsWith(`${i + 1} 0 obj\n`, Number(e.slice(0, 10)))).toBe(true);
  });
  expect(s).toContain(`/Size ${count} `);
  return Number(count);
}

function objectsOfType(doc: PDFDocument, type: string): number {
  return doc.context.enumerateIndirectObjects().filter(([, o]) => {
    const dict = o instanceof PDFDict ? o : (o as { dict?: PDFDict }).dict; // a stream object carries its dictionary
    return dict?.get(PDFName.of('Type')) === PDFName.of(type) || dict?.get(PDFName.of('Subtype')) === PDFName.of(type);
  }).length;
}

describe('streaming PDF merge', () => {
  it('concatenates parts in order into one valid PDF with one flat page tree', async () => {
    const parts = [
      await save(await part(['P01', 'P02', 'P03'], A4, { image: true }), true),
      await save(await part(['P04'], A5)),
      await nestedPart(),
      await save(await part(['P10', 'P11'], A4)),
    ];
    const file = path.join(dir, 'merged.pdf');
    const r = await mergePdfsInto(file, parts);
    const bytes = fs.readFileSync(file);
    expect(r).toEqual({ pages: 11, bytes: bytes.length });

    expect(poppler('pdfinfo', [file])).toMatch(/Pages:\s+11\n/);
    for (let i = 1; i <= 11; i++) expect(pageText(file, i)).toBe(`P${String(i).padStart(2, '0')}`);
    checkXref(bytes);

    const back = await PDFDocument.load(bytes, { throwOnInvalidObject: true });
    expect(back.getPages().map((p) => [p.getWidth(), p.getHeight()])).toEqual([A4, A4, A4, A5, A4, A4, [300, 400], [300, 400], A4, A4, A4]);
    // One tree node and one catalog: the parts' own were dropped, the nested one flattened.
    expect(objectsOfType(back, 'Pages')).toBe(1);
    expect(objectsOfType(back, 'Catalog')).toBe(1);
    expect(back.getPages().every((p) => p.node.get(PDFName.of('Parent')) === back.catalog.get(PDFName.of('Pages')))).toBe(true);
    // A part's shared font and image are written once per part, not once per page.
    expect(objectsOfType(back, 'Font')).toBe(parts.length);
    expect(objectsOfType(back, 'Image')).toBe(2);
  });

  it('keeps mergePdfs(Buffer[]) working', async () => {
    const r = await mergePdfs([await save(await part(['A1', 'A2'], A4)), await save(await part(['B1'], A5), true)]);
    expect(r.pages).toBe(3);
    const file = path.join(dir, 'buffers.pdf');
    fs.writeFileSync(file, r.pdf);
    expect([1, 2, 3].map((n) => pageText(file, n))).toEqual(['A1', 'A2', 'B1']);
  });

  it('leaves no file behind when a part is not a PDF', async () => {
    const file = path.join(dir, 'broken.pdf');
    await expect(mergePdfsInto(file, [await save(await part(['A1'], A4)), Buffer.from('not a pdf')])).rejects.toThrow();
    expect(fs.existsSync(file)).toBe(false);
  });
});

/** A stand-in for Chromium: one page per `<section class="page">`, showing its page number. */
function fakePrinter(opts: { dropPage?: number } = {}): PdfPrinter & { printed: string[] } {
  const printed: string[] = [];
  return {
    printed,
    async print(html: string) {
      printed.push(html);
      const doc = await PDFDocument.create();
      const font = await doc.embedFont(StandardFonts.Helvetica);
      for (const [, n] of html.matchAll(/data-page="(\d+)"/g)) {
        if (Number(n) === opts.dropPage) continue;
        doc.addPage(A4).drawText(`page ${n}`, { x: 40, y: 780, size: 20, font });
      }
      return save(doc);
    },
    async close() {},
  };
}

const spec = (rows: number): DocSpec => ({
  office: '示范县民政局',
  title: '测试花名册',
  subtitle: '2026年11月',
  orientation: 'portrait',
  rowHeightMm: 5.2,
  printedOn: '2026-11-29',
  blocks: [
    {
      columns: [
        { label: '序号', widthMm: 20 },
        { label: '金额', widthMm: 170, align: 'right' },
      ],
      rows: Array.from({ length: rows }, (_, i): Row => ({ kind: 'data', cells: [String(i + 1), `${i}.00`] })),
    },
  ],
});

describe('docToPdfFile', () => {
  it('prints the document part by part into the file, in page order, reporting progress', async () => {
    const doc = renderDoc(spec(400));
    expect(doc.pages).toBeGreaterThan(7);
    const printer = fakePrinter();
    const progress: number[] = [];
    const file = path.join(dir, 'doc.pdf');
    const r = await docToPdfFile(doc, file, {
      printer,
      pagesPerPart: 3,
      onProgress: (d, t) => {
        expect(t).toBe(doc.pages);
        progress.push(d);
      },
    });
    const parts = Math.ceil(doc.pages / 3);
    expect(r).toEqual({ pages: doc.pages, parts, bytes: fs.statSync(file).size });
    expect(printer.printed).toEqual(doc.parts(3));
    expect(progress).toEqual(Array.from({ length: parts }, (_, i) => Math.min(doc.pages, (i + 1) * 3)));
    expect(poppler('pdfinfo', [file])).toMatch(new RegExp(`Pages:\\s+${doc.pages}\\n`));
    for (let i = 1; i <= doc.pages; i++) expect(pageText(file, i)).toBe(`page ${i}`);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    const bytes = await docToPdf(doc, { printer: fakePrinter(), pagesPerPart: 3 });
    expect(bytes.pages).toBe(doc.pages);
    expect((await PDFDocument.load(bytes.pdf)).getPageCount()).toBe(doc.pages);
  });

  it('refuses a PDF whose page count differs from the layout, leaving no file', async () => {
    const doc = renderDoc(spec(400));
    const file = path.join(dir, 'short.pdf');
    await expect(docToPdfFile(doc, file, { printer: fakePrinter({ dropPage: 5 }), pagesPerPart: 3 })).rejects.toThrow(
      `the PDF has ${doc.pages - 1} pages where the layout made ${doc.pages}`,
    );
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });
});
