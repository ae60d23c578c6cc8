/**
 * The household list as XLSX, through exceljs's streaming writer: rows are written and
 * released as they are read, so the whole county (200,000 households) never sits in memory
 * as worksheet objects, a page at a time with the app's other calls answered in between.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { householdsWithAreas, listWhere, type ListFilter } from './list';
import { all } from '../db/query';
import { maskIdNumber } from '../common/id-number';
import type { Lang } from '../common/errors';
import { TIER_LABEL } from '../common/labels';
import { forEachPaged } from '../shared/pages';
import { streamedXlsx } from '../shared/xlsx';

export async function householdListXlsx(
  raw: BetterSqlite3.Database,
  f: Omit<ListFilter, 'page' | 'pageSize'>,
  lang: Lang,
  mask: boolean,
): Promise<{ buffer: Buffer; rows: number }> {
  let n = 0;
  const buffer = await streamedXlsx(async (wb) => {
    const ws = wb.addWorksheet(lang === 'zh' ? '家庭档案' : 'Households', { views: [{ state: 'frozen', ySplit: 1 }] });
    const zh = lang === 'zh';
    ws.columns = [
      { header: zh ? '家庭编号' : 'Household', key: 'id', width: 10 },
      { header: zh ? '户主' : 'Head', key: 'head', width: 12 },
      { header: zh ? '户主身份证号码' : 'Head ID number', key: 'idNumber', width: 22 },
      { header: zh ? '乡镇' : 'Township', key: 'township', width: 12 },
      { header: zh ? '村（社区）' : 'Village', key: 'village', width: 14 },
      { header: zh ? '城乡' : 'Residence', key: 'residence', width: 8 },
      { header: zh ? '在家人口' : 'Present members', key: 'size', width: 10 },
      { header: zh ? '救助类别' : 'Tier', key: 'tier', width: 14 },
      { header: zh ? '月救助金（元）' : 'Monthly benefit (yuan)', key: 'benefit', width: 16, style: { numFmt: '#,##0.00' } },
    ];
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    const where = listWhere(f);
    const rows = householdsWithAreas()
      .leftJoin('members as hm', (j) => j.onRef('hm.household_id', '=', 'h.id').on('hm.relation', '=', 'head').on('hm.active', '=', 1))
      .select((eb) => [
        'h.id',
        'h.residence',
        'h.current_tier as tier',
        'h.current_benefit_fen as benefit',
        't.name as township',
        'v.name as village',
        eb.fn.coalesce('hm.name', eb.val('')).as('head'),
        eb.fn.coalesce('hm.id_number', eb.val('')).as('idNumber'),
        eb
          .selectFrom('members as pm')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('pm.household_id', '=', 'h.id')
          .where('pm.active', '=', 1)
          .where('pm.status', '=', 'present')
          .as('size'),
      ])
      .where(where);
    await forEachPaged(
      (after, limit) => all(raw, rows.where('h.id', '>', after).orderBy('h.id').limit(limit)),
      (r) => r.id,
      (r) => {
        ws.addRow({
          id: r.id,
          head: r.head,
          idNumber: mask ? maskIdNumber(r.idNumber) : r.idNumber,
          township: r.township,
          village: r.village,
          residence: r.residence === 'urban' ? (zh ? '城市' : 'urban') : zh ? '农村' : 'rural',
          size: r.size,
          tier: TIER_LABEL[r.tier ?? 'none']?.[lang] ?? r.tier,
          benefit: r.benefit / 100,
        }).commit();
        n++;
      },
    );
    ws.commit();
  });
  return { buffer, rows: n };
}
