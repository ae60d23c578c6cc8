/**
 * Concatenating PDFs into a file without holding them. pdf-lib's own way (copyPages into one
 * PDFDocument, then save) keeps every part parsed and the whole result in memory: printing a
 * 20,000-recipient roster grew the app's peak RSS from 251 to 449 MB. Here each part is parsed
 * alone, its objects are written straight to the file under new object numbers, and only the
 * byte offsets (for the xref table) and the page numbers (for the page tree) are kept.
 *
 * The output has one flat page tree (object 1) and a catalog (object 2), both written last.
 * From each part only what its pages reach is copied: its catalog, document info and page-tree
 * nodes (any structure tree or outline) are dropped, as copyPages did.
 */
import fs from 'node:fs';
import {
  ParseSpeeds,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFStream,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';

const PAGES = 1;
const CATALOG = 2;
const KIDS = PDFName.of('Kids');
/** Page attributes a page may take from its ancestors (PDF 32000-1, 7.7.3.4): a flat tree must copy them down. */
const INHERITABLE = ['Resources', 'MediaBox', 'CropBox', 'Rotate'].map((n) => PDFName.of(n));
// The binary comment tells transfer tools the file is not text.
const HEADER = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';

interface PdfMerger {
  /** Appends a PDF's pages; returns how many it had. */
  add(pdf: Uint8Array): Promise<number>;
  /** Writes the page tree, catalog, xref table and trailer, and closes the file. */
  finish(): Promise<{ pages: number; bytes: number }>;
  /** Closes and removes the unfinished file. */
  abort(): Promise<void>;
}

interface Part {
  pages: PDFRef[];
  numbers: Map<PDFRef, number>;
  next: number;
}

/** Writes a PDF to `file` made of the pages of every PDF given to `add`, in order. */
async function createPdfMerger(file: string): Promise<PdfMerger> {
  const fh = await fs.promises.open(file, 'w');
  const offsets: number[] = [];
  const pages: number[] = [];
  let pos = 0;
  let next = CATALOG + 1;
  const write = async (chunks: Buffer[]) => {
    const buf = Buffer.concat(chunks);
    await fh.write(buf, 0, buf.length, pos);
    pos += buf.length;
  };
  const writeObject = (n: number, body: string) => {
    offsets[n] = pos;
    return write([latin1(`${n} 0 obj\n${body}\nendobj\n`)]);
  };
  await write([latin1(HEADER)]);
  return {
    async add(pdf) {
      const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
      const part = numberPart(doc.context, next);
      await write(serializePart(doc.context, part, pos, offsets));
      for (const p of part.pages) pages.push(part.numbers.get(p)!);
      next = part.next;
      return part.pages.length;
    },
    async finish() {
      await writeObject(PAGES, `<< /Type /Pages /Kids [${pages.map((n) => ` ${n} 0 R`).join('')} ] /Count ${pages.length} >>`);
      await writeObject(CATALOG, `<< /Type /Catalog /Pages ${PAGES} 0 R >>`);
      const xref = pos;
      await write([
        latin1(xrefTable(offsets)),
        latin1(`trailer\n<< /Size ${offsets.length} /Root ${CATALOG} 0 R >>\nstartxref\n${xref}\n%%EOF\n`),
      ]);
      await fh.close();
      return { pages: pages.length, bytes: pos };
    },
    async abort() {
      await fh.close().catch(() => {});
      await fs.promises.rm(file, { force: true });
    },
  };
}

/** Merges `parts` into `file`; on failure nothing is left at `file`. */
export async function mergePdfsInto(
  file: string,
  parts: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
): Promise<{ pages: number; bytes: number }> {
  const merger = await createPdfMerger(file);
  try {
    for await (const p of parts) await merger.add(p);
    return await merger.finish();
  } catch (e) {
    await merger.abort();
    throw e;
  }
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/**
 * Gives the objects the part's pages reach new numbers from `first` on, pages first and in
 * order. Every page-tree node maps to the merged tree and the part's catalog to the merged
 * catalog, so a page's /Parent (or anything else pointing into the tree) is rewired, not copied.
 */
function numberPart(context: PDFContext, first: number): Part {
  const root = context.trailerInfo.Root as PDFRef; // the trailer's /Root is a reference (PDF 32000 7.5.5)
  const tree: PDFRef[] = [];
  const pages: PDFRef[] = [];
  const tops = context.lookup(root, PDFDict).get(PDFName.of('Pages')) as PDFRef; // the catalog's /Pages is a reference (7.7.2)
  collectPages(context, tops, new Map(), tree, pages);
  const numbers = new Map<PDFRef, number>([[root, CATALOG], ...tree.map((r): [PDFRef, number] => [r, PAGES])]);
  let n = first;
  for (const p of pages) numbers.set(p, n++);
  const queue = [...pages];
  for (let i = 0; i < queue.length; i++) {
    forEachRef(context.lookup(queue[i]), (ref) => {
      if (numbers.has(ref)) return;
      numbers.set(ref, n++);
      queue.push(ref);
    });
  }
  return { pages, numbers, next: n };
}

/** The leaf pages under `ref` in reading order, with inherited attributes copied into them; the inner nodes go to `tree`. */
function collectPages(context: PDFContext, ref: PDFRef, inherited: Map<PDFName, PDFObject>, tree: PDFRef[], pages: PDFRef[]): void {
  const node = context.lookup(ref, PDFDict);
  if (!node.has(KIDS)) {
    for (const [k, v] of inherited) if (!node.has(k)) node.set(k, v);
    pages.push(ref);
    return;
  }
  tree.push(ref);
  const mine = new Map(inherited);
  for (const k of INHERITABLE) {
    const v = node.get(k);
    if (v) mine.set(k, v);
  }
  for (const kid of node.lookup(KIDS, PDFArray).asArray()) collectPages(context, kid as PDFRef, mine, tree, pages); // /Kids are references (7.7.3.2)
}

function forEachRef(obj: PDFObject | undefined, f: (ref: PDFRef) => void): void {
  if (obj instanceof PDFRef) f(obj);
  else if (obj instanceof PDFDict) for (const v of obj.values()) forEachRef(v, f);
  else if (obj instanceof PDFArray) for (const v of obj.asArray()) forEachRef(v, f);
  else if (obj instanceof PDFStream) forEachRef(obj.dict, f);
}

/** The part's objects in PDF syntax, recording where each will start in the file (`at` on). */
function serializePart(context: PDFContext, part: Part, at: number, offsets: number[]): Buffer[] {
  const chunks: Buffer[] = [];
  for (const [ref, n] of part.numbers) {
    if (n <= CATALOG) continue;
    offsets[n] = at;
    const obj = context.lookup(ref);
    const body = obj instanceof PDFStream ? streamChunks(obj, part.numbers) : [latin1(text(obj, part.numbers))];
    for (const c of [latin1(`${n} 0 obj\n`), ...body, latin1('\nendobj\n')]) {
      chunks.push(c);
      at += c.length;
    }
  }
  return chunks;
}

function streamChunks(s: PDFStream, numbers: Map<PDFRef, number>): Buffer[] {
  // Sets /Length to the contents' size, which may have been an indirect object of the part.
  s.updateDict();
  const contents = s.getContents();
  return [
    latin1(`${text(s.dict, numbers)}\nstream\n`),
    Buffer.from(contents.buffer, contents.byteOffset, contents.length),
    latin1('\nendstream'),
  ];
}

/** The object's PDF syntax as a latin1 string (one char per byte), references renumbered. */
function text(obj: PDFObject | undefined, numbers: Map<PDFRef, number>): string {
  if (obj === undefined) return 'null';
  if (obj instanceof PDFRef) return `${numbers.get(obj)} 0 R`;
  if (obj instanceof PDFDict)
    return `<<${obj
      .entries()
      .map(([k, v]) => ` ${k.toString()} ${text(v, numbers)}`)
      .join('')} >>`;
  if (obj instanceof PDFArray)
    return `[${obj
      .asArray()
      .map((v) => ` ${text(v, numbers)}`)
      .join('')} ]`;
  if (obj instanceof PDFNumber || obj instanceof PDFName) return obj.toString();
  const b = Buffer.alloc(obj.sizeInBytes());
  obj.copyBytesInto(b, 0);
  return b.toString('latin1');
}

function xrefTable(offsets: number[]): string {
  const lines = ['xref', `0 ${offsets.length}`, '0000000000 65535 f '];
  for (let n = 1; n < offsets.length; n++) lines.push(`${String(offsets[n]).padStart(10, '0')} 00000 n `);
  return `${lines.join('\n')}\n`;
}
