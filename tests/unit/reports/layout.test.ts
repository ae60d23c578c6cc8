import { describe, expect, it } from 'vitest';
import { linesNeeded, paginate, renderDoc, rowHeight, type DocSpec, type Row } from '../../../src-main/reports/layout';

const spec = (n: number): DocSpec => ({
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
      rows: Array.from({ length: n }, (_, i): Row => ({ kind: 'data', cells: [String(i + 1), `${i}.00`] })),
    },
  ],
});

describe('print layout', () => {
  it('cuts rows into pages of a fixed size, keeps every row once, and closes the last page with the signature', () => {
    const pages = paginate(spec(1000));
    const perPage = pages[0].segments[0].rows.length;
    expect(perPage).toBeGreaterThan(30);
    expect(pages.flatMap((p) => p.segments.flatMap((s) => s.rows)).length).toBe(1000);
    expect(pages.slice(0, -1).every((p) => p.segments[0].rows.length === perPage && !p.last)).toBe(true);
    expect(pages.at(-1)!.last).toBe(true);
    expect(paginate(spec(0))).toHaveLength(1);
  });

  it('numbers pages continuously across parts and repeats the header on every page', () => {
    const doc = renderDoc(spec(500));
    const parts = doc.parts(3);
    expect(parts.length).toBe(Math.ceil(doc.pages / 3));
    const all = parts.join('');
    for (let i = 1; i <= doc.pages; i++) expect(all).toContain(`第 ${i} 页 共 ${doc.pages} 页`);
    expect(all.match(/<thead>/g)!.length).toBe(doc.pages);
    expect(all.match(/class="title"/g)!.length).toBe(doc.pages);
    expect(all.match(/制表人/g)!.length).toBe(1);
    expect(parts.at(-1)).toContain('制表人');
  });

  it('escapes what it prints', () => {
    const s = spec(1);
    s.blocks[0].rows[0].cells[0] = '<script>x</script>';
    expect(renderDoc(s).html()).not.toContain('<script>x');
  });

  it('never leaves the signature block alone on a page: the last row goes over with it', () => {
    const perPage = paginate(spec(1000))[0].segments[0].rows.length;
    // Exactly a page of rows: the signature no longer fits under them.
    const pages = paginate(spec(perPage));
    expect(pages).toHaveLength(2);
    expect(pages[1].segments[0].rows).toHaveLength(1);
    expect(pages.flatMap((p) => p.segments.flatMap((x) => x.rows)).length).toBe(perPage);
    const html = renderDoc(spec(perPage)).html();
    const last = html.slice(html.lastIndexOf('<section'));
    expect(last).toContain(`<td>${perPage}</td>`);
    expect(last).toContain('制表人');
  });

  it('wraps long text in a `wrap` form instead of cutting it, and gives its row the height it needs', () => {
    const long = '认定结果列明的专项救助，按需推送到医疗保障局，答复期限二十日'.repeat(2);
    const s: DocSpec = { ...spec(3), wrap: true, rowHeightMm: 5 };
    s.blocks[0].columns[1] = { label: '摘要', widthMm: 40 };
    s.blocks[0].rows[1].cells[1] = long;
    expect(linesNeeded(long, 40, 8)).toBeGreaterThan(3);
    expect(rowHeight(s, s.blocks[0].columns, s.blocks[0].rows[0])).toBe(5);
    expect(rowHeight(s, s.blocks[0].columns, s.blocks[0].rows[1])).toBeGreaterThan(4 * 3.5);
    const html = renderDoc(s).html();
    expect(html).toMatch(new RegExp(`<td class="w" style="height:[\\d.]+mm">${long}</td>`));
    expect(html).not.toContain('class="clip"');
  });
});
