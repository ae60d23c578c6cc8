/**
 * The printed-form layout shared by every report: A4, explicitly paginated.
 *
 * Why paginate here instead of letting the browser break a long table: with the document
 * printed in parts (Chromium cannot print a 50,000-row table in one go) the browser's own page
 * numbers restart in every part. Every row here has a fixed height (single or double line,
 * clipped), so the number of rows a page holds is known in advance: the layout cuts the rows
 * into pages, prints on every page the title, period and office, the table's header row and
 * `第 x 页 共 y 页`, and closes the last page with the signature block. Page numbers are
 * therefore continuous whatever the parts, the preview shows exactly the printed pages, and
 * Electron's printToPDF, window.print and Chromium's page.pdf all give the same pages. The
 * PDF producer checks that no page overflowed (its page count equals the layout's, see pdf.ts).
 * A form with long text (`wrap`) gives each row the height its longest cell needs, estimated
 * generously from the characters, so a summary is never cut with "…".
 */

export type Align = 'left' | 'center' | 'right';
export interface Column {
  label: string;
  widthMm: number;
  align?: Align;
}
export type RowKind = 'data' | 'subtotal' | 'total' | 'group' | 'info';
export interface Row {
  kind: RowKind;
  cells: string[];
}
export interface Block {
  caption?: string;
  columns: Column[];
  rows: Row[];
}

export interface DocSpec {
  office: string;
  title: string;
  subtitle: string;
  orientation: 'portrait' | 'landscape';
  /** Height of every body row (the least height when `wrap`); 2-line blocks use `lines: 2`. */
  rowHeightMm: number;
  lines?: 1 | 2;
  /** Data and info rows grow to hold their whole text, wrapped (`lines` is then ignored). */
  wrap?: boolean;
  fontPt?: number;
  blocks: Block[];
  /** Printed after the last block, above the signature block (one line each). */
  notes?: string[];
  signature?: boolean;
  printedOn: string;
  /** The audit chain's head (`审计链 #48211 · 3f9a…c2`), in the last page's footer: the list can be proved against the log later (docs/security.md "Audit"). */
  auditHead?: string;
}

const PAGE = { portrait: { w: 210, h: 297 }, landscape: { w: 297, h: 210 } };
const MARGIN = { x: 10, top: 10, bottom: 8 };
const TITLE_MM = 10;
const SUBTITLE_MM = 7;
const THEAD_MM = 8;
const CAPTION_MM = 7;
const FOOTER_MM = 7;
const NOTE_MM = 6;
const SIGNATURE_MM = 20;
/** Room left unused on every page so that rounding in the browser never pushes a row over. */
const SLACK_MM = 3;

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Segment {
  block: number;
  caption: boolean;
  rows: Row[];
}
export interface Page {
  segments: Segment[];
  last: boolean;
}

/** Cuts the blocks into pages. Pure: the same spec always gives the same pages. */
export function paginate(spec: DocSpec): Page[] {
  const size = PAGE[spec.orientation];
  const body = size.h - MARGIN.top - MARGIN.bottom - TITLE_MM - SUBTITLE_MM - FOOTER_MM - SLACK_MM;
  const pages: Page[] = [];
  let page: Page = { segments: [], last: false };
  let left = body;
  const newPage = () => {
    pages.push(page);
    page = { segments: [], last: false };
    left = body;
  };
  spec.blocks.forEach((b, bi) => {
    let seg: Segment | null = null;
    const open = (): Segment => {
      const head = THEAD_MM + (b.caption ? CAPTION_MM : 0);
      if (left < head + spec.rowHeightMm) newPage();
      const s: Segment = { block: bi, caption: !!b.caption, rows: [] };
      page.segments.push(s);
      left -= head;
      return s;
    };
    if (b.rows.length === 0) {
      open();
      return;
    }
    for (const r of b.rows) {
      const h = rowHeight(spec, b.columns, r);
      if (seg === null || left < h) {
        if (seg !== null) newPage();
        seg = open();
      }
      seg.rows.push(r);
      left -= h;
    }
  });
  const tail = (spec.notes?.length ?? 0) * NOTE_MM + (spec.signature === false ? 0 : SIGNATURE_MM);
  if (left < tail) {
    // The signature block never stands alone on a page (UX.md, printed forms): the last row goes over with it.
    const lastSeg = page.segments.at(-1);
    const carried = lastSeg?.rows.pop();
    if (lastSeg && lastSeg.rows.length === 0) page.segments.pop();
    newPage();
    if (lastSeg && carried) {
      const b = spec.blocks[lastSeg.block];
      const caption = lastSeg.rows.length === 0 && lastSeg.caption;
      page.segments.push({ block: lastSeg.block, caption, rows: [carried] });
      left -= THEAD_MM + (caption ? CAPTION_MM : 0) + rowHeight(spec, b.columns, carried);
    }
  }
  page.last = true;
  pages.push(page);
  return pages.filter((p, i) => p.segments.length > 0 || i === pages.length - 1);
}

/** Line height of wrapped text, in mm (CSS line-height 1.25). */
const lineMm = (fontPt: number) => fontPt * 0.3528 * 1.25;

/**
 * Lines a text needs in a column when it wraps anywhere (word-break: break-all), filled greedily as the browser does.
 * Generous: full-width characters one em, others 0.62 em, and 6% of the width kept for line-breaking rules (no 。 first).
 */
export function linesNeeded(text: string, widthMm: number, fontPt: number): number {
  const room = (widthMm - 1.8) * 0.94;
  const emMm = fontPt * 0.3528;
  let lines = 1;
  let used = 0;
  for (const ch of text) {
    if (ch === '\n') {
      lines++;
      used = 0;
      continue;
    }
    const w = (ch.charCodeAt(0) > 0x2e7f ? 1 : 0.62) * emMm;
    if (used + w > room && used > 0) {
      lines++;
      used = 0;
    }
    used += w;
  }
  return lines;
}

/** Lines a row needs in a `wrap` form (1 in any other form, and for subtotals, totals and group rows). */
function rowLines(spec: DocSpec, cols: Column[], r: Row): number {
  if (!spec.wrap || (r.kind !== 'data' && r.kind !== 'info')) return 1;
  const font = spec.fontPt ?? 8;
  if (r.kind === 'info')
    return linesNeeded(
      r.cells[0] ?? '',
      cols.reduce((w, c) => w + c.widthMm, 0),
      font,
    );
  let lines = 1;
  for (let i = 0; i < r.cells.length; i++) lines = Math.max(lines, linesNeeded(r.cells[i], cols[i]?.widthMm ?? 10, font));
  return lines;
}

/** A row's height: fixed, or in a `wrap` form what its longest cell needs. */
export function rowHeight(spec: DocSpec, cols: Column[], r: Row): number {
  const lines = rowLines(spec, cols, r);
  if (lines === 1) return spec.rowHeightMm;
  return Math.max(spec.rowHeightMm, Math.ceil((lines * lineMm(spec.fontPt ?? 8) + 1.4) * 10) / 10);
}

function css(spec: DocSpec): string {
  const size = PAGE[spec.orientation];
  const font = spec.fontPt ?? 8;
  return `
@page { size: A4 ${spec.orientation}; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif; color: #000;
  font-size: ${font}pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { position: relative; width: ${size.w}mm; height: ${size.h - 0.5}mm; padding: ${MARGIN.top}mm ${MARGIN.x}mm ${MARGIN.bottom}mm; break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
@media screen { body { background: #888; } .page { background: #fff; margin: 6mm auto; box-shadow: 0 0 3mm #444; } }
.title { height: ${TITLE_MM}mm; line-height: ${TITLE_MM}mm; text-align: center; font-size: 15pt; font-weight: bold; letter-spacing: 0.5pt; white-space: nowrap; overflow: hidden; }
.subtitle { height: ${SUBTITLE_MM}mm; line-height: ${SUBTITLE_MM}mm; display: flex; justify-content: space-between; font-size: ${font + 1}pt; white-space: nowrap; overflow: hidden; }
table { border-collapse: collapse; table-layout: fixed; width: 100%; }
caption { height: ${CAPTION_MM}mm; line-height: ${CAPTION_MM}mm; text-align: left; font-weight: bold; font-size: ${font + 1}pt; caption-side: top; padding: 0; }
th { height: ${THEAD_MM}mm; border: 0.25mm solid #000; background: #eee; font-weight: bold; text-align: center; padding: 0 0.8mm; overflow: hidden; white-space: nowrap; }
td { height: ${spec.rowHeightMm}mm; max-height: ${spec.rowHeightMm}mm; border: 0.2mm solid #000; padding: 0 0.8mm; white-space: nowrap; }
td.clip { overflow: hidden; text-overflow: ellipsis; }
td .c2 { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; white-space: normal; line-height: 1.25; max-height: ${spec.rowHeightMm - 0.6}mm; }
td.w { white-space: normal; word-break: break-all; line-height: 1.25; max-height: none; }
td.r { text-align: right; } td.c { text-align: center; }
tr.subtotal td { font-weight: bold; background: #f3f3f3; font-size: ${font - 0.5}pt; }
tr.total td { font-weight: bold; background: #e3e3e3; font-size: ${font - 0.5}pt; }
tr.group td { font-weight: bold; border-left: none; border-right: none; }
tr.info td { border: none; }
.notes div { height: ${NOTE_MM}mm; line-height: ${NOTE_MM}mm; white-space: nowrap; overflow: hidden; }
.sign { margin-top: 4mm; height: ${SIGNATURE_MM - 4}mm; display: flex; justify-content: space-between; align-items: flex-end; font-size: ${font + 1.5}pt; padding: 0 2mm 3mm; }
.sign span { white-space: nowrap; }
.footer { position: absolute; left: 0; right: 0; bottom: ${MARGIN.bottom}mm; height: ${FOOTER_MM}mm; line-height: ${FOOTER_MM}mm; text-align: center; font-size: ${font + 1}pt; }
.footer .printed { position: absolute; right: ${MARGIN.x}mm; top: 0; font-size: ${font}pt; color: #333; }
.footer .audit-head { position: absolute; left: ${MARGIN.x}mm; top: 0; font-size: ${font}pt; color: #333; }
`;
}

/**
 * Whether a single-line cell's text may not fit its width. Clipping every cell costs Chromium
 * a clip region per cell in the PDF — it doubled the printing time of a 500-page roster — so
 * only text that may overflow is clipped (with an ellipsis). The estimate is generous:
 * full-width characters one em, others 0.6 em, bold a tenth wider.
 */
function mayOverflow(text: string, widthMm: number, fontPt: number, bold: boolean): boolean {
  let ems = 0;
  for (const ch of text) ems += ch.charCodeAt(0) > 0x2e7f ? 1 : 0.6;
  const emMm = fontPt * 0.3528 * (bold ? 1.1 : 1);
  return ems * emMm > widthMm - 1.8;
}

function cell(c: string, col: Column, kind: RowKind, lines: number, fontPt: number, span?: number, widthMm = col.widthMm): string {
  const classes = [col.align === 'right' ? 'r' : col.align === 'center' ? 'c' : ''];
  const twoLines = lines === 2 && kind === 'data';
  if (!twoLines && mayOverflow(c, widthMm, fontPt, kind !== 'data')) classes.push('clip');
  const cls = classes.filter(Boolean).join(' ');
  const inner = twoLines ? `<div class="c2">${esc(c)}</div>` : esc(c);
  return `<td${cls ? ` class="${cls}"` : ''}${span ? ` colspan="${span}"` : ''}>${inner}</td>`;
}

function wrappedHtml(r: Row, cols: Column[], heightMm: number): string {
  const style = ` style="height:${heightMm}mm"`;
  if (r.kind === 'info') return `<tr class="info"><td class="w" colspan="${cols.length}"${style}>${esc(r.cells[0])}</td></tr>`;
  const td = (c: string, col: Column) =>
    `<td class="w${col.align === 'right' ? ' r' : col.align === 'center' ? ' c' : ''}"${style}>${esc(c)}</td>`;
  return `<tr>${r.cells.map((c, i) => td(c, cols[i])).join('')}</tr>`;
}

function rowHtml(r: Row, cols: Column[], lines: number, fontPt: number, spec?: DocSpec): string {
  // Only rows that need more than one line are wrapped: a clip region per cell doubled a long roster's printing time (above).
  if (spec && rowLines(spec, cols, r) > 1) return wrappedHtml(r, cols, rowHeight(spec, cols, r));
  if (r.kind === 'group' || r.kind === 'info') {
    const width = cols.reduce((w, c) => w + c.widthMm, 0);
    return `<tr class="${r.kind}"><td colspan="${cols.length}"${mayOverflow(r.cells[0], width, fontPt, true) ? ' class="clip"' : ''}>${esc(r.cells[0])}</td></tr>`;
  }
  // A subtotal's label may span the leading empty cells.
  if (r.kind === 'subtotal' || r.kind === 'total') {
    let span = 1;
    while (span < r.cells.length && r.cells[span] === '' && span < cols.length - 1 && cols[span].align !== 'right') span++;
    const rest = r.cells
      .slice(span)
      .map((c, i) => cell(c, cols[span + i], r.kind, 1, fontPt))
      .join('');
    const spanWidth = cols.slice(0, span).reduce((w, c) => w + c.widthMm, 0);
    return `<tr class="${r.kind}">${cell(r.cells[0], cols[0], r.kind, 1, fontPt, span, spanWidth)}${rest}</tr>`;
  }
  return `<tr>${r.cells.map((c, i) => cell(c, cols[i], r.kind, lines, fontPt)).join('')}</tr>`;
}

function pageHtml(spec: DocSpec, p: Page, index: number, total: number): string {
  const out: string[] = [];
  out.push(`<section class="page" data-page="${index}"><div class="title">${esc(spec.title)}</div>`);
  out.push(`<div class="subtitle"><span>${esc(spec.subtitle)}</span><span>填报单位：${esc(spec.office)}</span></div>`);
  for (const s of p.segments) {
    const b = spec.blocks[s.block];
    out.push('<table>');
    if (s.caption && b.caption) out.push(`<caption>${esc(b.caption)}</caption>`);
    out.push(`<colgroup>${b.columns.map((c) => `<col style="width:${c.widthMm}mm">`).join('')}</colgroup>`);
    out.push(`<thead><tr>${b.columns.map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr></thead><tbody>`);
    for (const r of s.rows) out.push(rowHtml(r, b.columns, spec.lines ?? 1, spec.fontPt ?? 8, spec));
    out.push('</tbody></table>');
  }
  if (p.last) {
    if (spec.notes?.length) out.push(`<div class="notes">${spec.notes.map((n) => `<div>${esc(n)}</div>`).join('')}</div>`);
    if (spec.signature !== false)
      out.push(
        `<div class="sign"><span>制表人：＿＿＿＿＿＿</span><span>审核人：＿＿＿＿＿＿</span><span>负责人：＿＿＿＿＿＿</span><span>日期：＿＿＿＿年＿＿月＿＿日</span></div>`,
      );
  }
  out.push(
    `<div class="footer">${p.last && spec.auditHead ? `<span class="audit-head">${esc(spec.auditHead)}</span>` : ''}` +
      `第 ${index} 页 共 ${total} 页<span class="printed">打印日期：${esc(spec.printedOn)}</span></div></section>`,
  );
  return out.join('');
}

export interface RenderedDoc {
  pages: number;
  /** The whole document (preview, window.print, small PDFs). */
  html(): string;
  /** The document cut into parts of `pagesPerPart` pages, each a complete HTML document. */
  parts(pagesPerPart: number): string[];
  /** The same parts, each built only when asked for: a long document's HTML is never held whole. */
  eachPart(pagesPerPart: number): Generator<string>;
}

function wrap(spec: DocSpec, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(spec.title)}</title><style>${css(spec)}</style></head><body>${body}</body></html>`;
}

export function renderDoc(spec: DocSpec): RenderedDoc {
  const pages = paginate(spec);
  const n = pages.length;
  function* eachPart(per: number): Generator<string> {
    for (let i = 0; i < n; i += per)
      yield wrap(
        spec,
        pages
          .slice(i, i + per)
          .map((p, j) => pageHtml(spec, p, i + j + 1, n))
          .join('\n'),
      );
  }
  return {
    pages: n,
    html: () => wrap(spec, pages.map((p, i) => pageHtml(spec, p, i + 1, n)).join('\n')),
    parts: (per: number) => [...eachPart(per)],
    eachPart,
  };
}

/** `2026年11月` */
export function monthZh(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}
