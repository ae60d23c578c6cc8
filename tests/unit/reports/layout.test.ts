import { describe, expect, it } from 'vitest';
import { paginate, renderDoc, type DocSpec, type Row } from '../../../src-main/reports/layout';

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
});
