/**
 * Imports as departments really send them (docs/rules/assistance.md §6): every source profile,
 * the encodings, XLSX, title rows, mangled ID numbers, unknown persons, authorisation refusals,
 * duplicate files and warnings raised once.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { idFor } from '../../fixtures/builders';
import { importFinished } from '../../../src-main/exchange/runner';
import { office, writeCsv, writeXlsx, importFile, csvLines, registry as household, type Office } from './helpers';

const HEAD = idFor('1960-03-01', 11),
  SPOUSE = idFor('1962-05-20', 12),
  CHILD = idFor('1990-08-08', 13);
const STRANGER = idFor('1975-07-07', 21, '130124');

/** The builders' household, in dibao, with the head's and the spouse's authorisations signed (the child has none). */
const registry = (o: Office) => household(o, { authorised: 2 });

const count = (o: Office, sql: string) => (o.store.raw.prepare(sql).get() as { n: number }).n;

/** One file per source: a registry member (authorised), the unauthorised child, a stranger. */
const FIXTURES: Record<string, { header: string[]; rows: (string | number)[][]; rule: string | null }> = {
  public_security_deaths: {
    header: ['身份证号码', '姓名', '死亡日期', '注销原因'],
    rows: [
      [HEAD, '王建国', '2026-10-12', '死亡'],
      [CHILD, '王小明', '2026-10-01', '服刑'],
      [STRANGER, '路人', '2026-10-01', '死亡'],
    ],
    rule: 'death',
  },
  public_security_vehicles: {
    header: ['身份证号码', '姓名', '号牌号码', '车辆类型', '初次登记日期'],
    rows: [
      [HEAD, '王建国', '冀A12345', '小型轿车', '2026-09-01'],
      [CHILD, '王小明', '冀A54321', '小型轿车', '2026-09-01'],
      [STRANGER, '路人', '冀A00001', '小型轿车', '2026-09-01'],
    ],
    rule: 'vehicle_found',
  },
  real_estate: {
    header: ['身份证号码', '姓名', '不动产权证号', '坐落', '建筑面积', '登记日期'],
    rows: [
      [HEAD, '王建国', '冀(2026)示范县不动产权第0001号', '城关镇', '120', '2026-08-01'],
      [CHILD, '王小明', 'X2', '城关镇', '80', '2026-08-01'],
      [STRANGER, '路人', 'X3', '', '', ''],
    ],
    rule: 'property_found',
  },
  market_regulation: {
    header: ['身份证号码', '姓名', '统一社会信用代码', '企业名称', '注册资本', '成立日期'],
    rows: [
      [HEAD, '王建国', '91130123MA0ABCDE1X', '建国商店', '100000', '2026-07-01'],
      [CHILD, '王小明', '91130123MA0ABCDE2X', 'x', '', ''],
      [STRANGER, '路人', '9113', 'y', '', ''],
    ],
    rule: 'business_found',
  },
  hrss: {
    header: ['身份证号码', '姓名', '业务类型', '月领取金额', '开始日期'],
    rows: [
      [HEAD, '王建国', '城乡居民养老金', '180.00', '2026-10-01'],
      [CHILD, '王小明', '失业登记', '', '2026-10-01'],
      [STRANGER, '路人', '失业登记', '', '2026-10-01'],
    ],
    rule: 'pension_start',
  },
  tax: {
    header: ['身份证号码', '姓名', '所得项目', '收入额', '所属期'],
    rows: [
      [HEAD, '王建国', '工资薪金', '5000.00', '2026-09'],
      [CHILD, '王小明', '劳务报酬', '800', '2026-09'],
      [STRANGER, '路人', '工资薪金', '1', '2026-09'],
    ],
    rule: 'income_record',
  },
  housing_fund: {
    header: ['身份证号码', '姓名', '公积金账号', '月缴存额', '余额', '缴存日期'],
    rows: [
      [HEAD, '王建国', 'GJJ001', '300', '12000', '2026-09-30'],
      [CHILD, '王小明', 'GJJ002', '200', '100', '2026-09-30'],
      [STRANGER, '路人', 'GJJ003', '1', '1', '2026-09-30'],
    ],
    rule: 'income_record',
  },
  banks: {
    header: ['身份证号码', '姓名', '金融机构', '资产类型', '余额', '查询日期'],
    rows: [
      [HEAD, '王建国', '示范县农商行', '定期存款', '80000', '2026-10-31'],
      [CHILD, '王小明', '示范县农商行', '活期', '100', '2026-10-31'],
      [STRANGER, '路人', '银行', '活期', '1', '2026-10-31'],
    ],
    rule: 'financial_assets',
  },
  medical_insurance: {
    header: ['身份证号码', '姓名', '入院日期', '出院日期', '医疗机构', '总费用', '个人自付'],
    rows: [
      [HEAD, '王建国', '2026-10-01', '2026-10-15', '县医院', '20000', '7000'],
      [CHILD, '王小明', '2026-10-01', '2026-10-02', '县医院', '900', '300'],
      [STRANGER, '路人', '2026-10-01', '', '', '', '99000'],
    ],
    rule: 'hospital_cost',
  },
  education: {
    header: ['身份证号码', '姓名', '学校', '学籍状态', '日期'],
    rows: [
      [CHILD, '王小明', '示范县职教中心', '毕业', '2026-07-01'],
      [HEAD, '王建国', '老年大学', '在读', '2026-09-01'],
      [STRANGER, '路人', 'x', '毕业', '2026-07-01'],
    ],
    rule: 'graduated',
  },
  disability_federation: {
    header: ['身份证号码', '姓名', '残疾证号', '残疾类别', '残疾等级', '发证日期'],
    rows: [
      [SPOUSE, '李秀英', '13012319620520122144', '肢体', '二级', '2026-09-09'],
      [CHILD, '王小明', 'C2', '视力', '四级', '2026-09-09'],
      [STRANGER, '路人', 'C3', '肢体', '一级', '2026-09-09'],
    ],
    rule: 'new_disability',
  },
  agriculture_monitoring: {
    header: ['身份证号码', '姓名', '监测对象类型', '识别日期'],
    rows: [
      [HEAD, '王建国', '突发严重困难户', '2026-10-20'],
      [STRANGER, '路人', '边缘易致贫户', '2026-10-20'],
    ],
    rule: 'monitoring_flag',
  },
};

describe('every source profile', () => {
  it.each(Object.entries(FIXTURES))(
    '%s: matches by ID, raises its warning, lists unknown persons, refuses unauthorised checks',
    async (source, fx) => {
      const o = await office();
      const hid = await registry(o);
      const file = writeCsv(o.dir, `${source}.csv`, csvLines([fx.header, ...fx.rows]));
      const { summary } = await importFile(o, file, source);
      expect(summary).toMatchObject({ source, rowsRead: fx.rows.length, unknownPersons: 1, duplicateFile: false });
      expect(Object.keys(summary).sort()).toEqual([
        'accepted',
        'duplicateFile',
        'file',
        'matchedPersons',
        'rejected',
        'rowsRead',
        'sha256',
        'source',
        'unknownPersons',
        'warningsRaised',
      ]);
      const sources = await o.clerk.value('exchange.sources', {});
      const needsAuth = sources.find((x) => x.source === source)?.needsAuthorisation;
      const childRow = fx.rows.findIndex((r) => r[0] === CHILD);
      if (needsAuth && childRow >= 0) {
        // §6: the check is refused for the member without an authorisation, saying who.
        expect(summary.rejected).toEqual([
          {
            row: childRow + 2,
            column: '身份证号码',
            reason: expect.stringMatching(/王小明 \(130123\*{8}\d{3}[\dX]\) has no signed authorisation/),
          },
        ]);
      } else {
        expect(summary.rejected).toEqual([]);
      }
      const q = await o.clerk.value('monitoring.queue', { householdId: hid });
      expect(q.items.map((w) => w.rule)).toContain(fx.rule);
      expect(summary.warningsRaised).toBe(q.total);
      // Re-importing a copy with one byte changed is a new file, but raises no warning twice.
      fs.appendFileSync(file, '\n');
      const again = await importFile(o, file, source);
      expect(again.summary.warningsRaised).toBe(0);
      expect((await o.clerk.value('monitoring.queue', { householdId: hid })).total).toBe(q.total);
    },
  );

  it('referral_feedback is routed to the referrals module', async () => {
    const o = await office();
    await registry(o);
    const file = writeCsv(
      o.dir,
      'fb.csv',
      csvLines([
        ['推送编号', '身份证号码', '姓名', '结果', '金额', '项目', '日期', '原因'],
        ['ZJ-2026-999999', HEAD, '王建国', '已救助', '500', '医疗救助', '2026-11-01', ''],
      ]),
    );
    const { summary } = await importFile(o, file, 'referral_feedback');
    expect(summary.rowsRead).toBe(1);
    expect(summary.rejected).toHaveLength(1); // no such referral: the referrals module says so
  });
});

describe('files as departments send them', () => {
  const rows = [
    [HEAD, '王建国', '2026-10-01', '7000'],
    [STRANGER, '路人', '2026-10-02', '100'],
  ];
  for (const enc of ['utf8', 'utf8bom', 'gb18030'] as const) {
    it(`reads ${enc} CSV with two title rows, detected not asked`, async () => {
      const o = await office();
      await registry(o);
      const text = '示范县医疗保障局\n2026年10月住院结算,,,\n' + csvLines([['身份证号码', '姓名', '入院日期', '个人自付'], ...rows]);
      const file = writeCsv(o.dir, 'm.csv', text, enc);
      const p = await o.clerk.value('exchange.preview', { file: { path: file }, source: 'medical_insurance' });
      expect(p).toMatchObject({
        encoding: enc === 'utf8' ? 'utf-8' : enc === 'utf8bom' ? 'utf-8-bom' : 'gb18030',
        headerRow: 3,
        header: ['身份证号码', '姓名', '入院日期', '个人自付'],
      });
      expect(p.rows[0].cells[1]).toBe('王建国');
      const { summary } = await importFile(o, file, 'medical_insurance');
      expect(summary).toMatchObject({ rowsRead: 2, accepted: 2, matchedPersons: 1, unknownPersons: 1, warningsRaised: 1 });
    });
  }

  it('reads XLSX written by exceljs: numeric and scientific ID cells rejected row by row, full-width digits accepted', async () => {
    const o = await office();
    await registry(o);
    const wide = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const file = await writeXlsx(o.dir, 'm.xlsx', [
      ['示范县医疗保障局 住院结算'],
      ['身份证号码', '姓名', '入院日期', '个人自付'],
      [HEAD, '王建国', '2026-10-01', 7000],
      [130123199008081300, '王小明', '2026-10-02', 100],
      ['1.30123E+17', '某某', '2026-10-02', 100],
      [wide(SPOUSE), '　李秀英　', '２０２６－１０－０３', '６５００'],
      [HEAD.slice(0, 17) + (HEAD[17] === '1' ? '2' : '1'), '王建国', '2026-10-04', 1],
    ]);
    const { summary } = await importFile(o, file, 'medical_insurance');
    expect(summary.rowsRead).toBe(5);
    expect(summary.accepted).toBe(2);
    expect(summary.rejected.map((r) => [r.row, r.column])).toEqual([
      [4, '身份证号码'],
      [5, '身份证号码'],
      [7, '身份证号码'],
    ]);
    expect(summary.rejected[0].reason).toMatch(/stored as a number/);
    expect(summary.rejected[1].reason).toMatch(/scientific notation/);
    expect(summary.rejected[2].reason).toMatch(/check character/);
    expect(summary.warningsRaised).toBe(2); // head 7,000 and spouse 6,500 > 6,000 in a tier
  });

  it('a truncated file: the cut row is rejected with its reason, the rest imported', async () => {
    const o = await office();
    await registry(o);
    const text = csvLines([
      ['身份证号码', '姓名', '入院日期', '个人自付'],
      [HEAD, '王建国', '2026-10-01', '7000'],
      [SPOUSE, '李秀英', '2026-10-02', '100'],
    ]);
    const file = writeCsv(o.dir, 'cut.csv', text.slice(0, text.length - 18));
    const { summary } = await importFile(o, file, 'medical_insurance');
    expect(summary.rowsRead).toBe(2);
    expect(summary.accepted).toBe(1);
    expect(summary.rejected).toEqual([{ row: 3, column: expect.any(String), reason: expect.any(String) }]);
  });

  it('the same file twice adds nothing: duplicateFile, with its SHA-256 in the history', async () => {
    const o = await office();
    await registry(o);
    const file = writeCsv(
      o.dir,
      'm.csv',
      csvLines([
        ['身份证号码', '姓名', '入院日期', '个人自付'],
        [HEAD, '王建国', '2026-10-01', '7000'],
      ]),
    );
    const first = await importFile(o, file, 'medical_insurance');
    const audits = count(o, `SELECT COUNT(*) AS n FROM audit_log`);
    const second = await importFile(o, file, 'medical_insurance');
    expect(second.started.duplicateFile).toBe(true);
    expect(second.summary).toMatchObject({ duplicateFile: true, warningsRaised: 0, sha256: first.summary.sha256 });
    expect(count(o, `SELECT COUNT(*) AS n FROM warnings`)).toBe(1);
    expect(count(o, `SELECT COUNT(*) AS n FROM audit_log`)).toBe(audits);
    const h = await o.clerk.value('exchange.history', {});
    expect(h.items).toHaveLength(1);
    expect(h.items[0]).toMatchObject({ sha256: first.summary.sha256, status: 'applied', warningsRaised: 1 });
  });

  it('validates without writing, and saves the mapping for next month', async () => {
    const o = await office();
    await registry(o);
    const file = writeCsv(
      o.dir,
      'm.csv',
      csvLines([
        ['甲', '乙', '丙', '丁'],
        [HEAD, '王建国', '2026-10-01', '7000'],
        ['1.3E+17', 'x', '2026-10-01', '1'],
        [HEAD, '王建国', '2026-13-01', '1'],
      ]),
    );
    const missing = await o.clerk.call('exchange.validate', { file: { path: file }, source: 'medical_insurance' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'mapping_incomplete' } });
    const mapping = { idNumber: '甲', name: '乙', admittedOn: '丙', outOfPocket: '丁' };
    const v = await o.clerk.value('exchange.validate', { file: { path: file }, source: 'medical_insurance', mapping });
    expect(v).toMatchObject({ rowsRead: 3, valid: 1, invalid: 2, matchedRows: 1 });
    expect(v.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '甲'],
      [4, '丙'],
    ]);
    expect(Buffer.from(v.reportCsvBase64, 'base64').toString()).toContain('丙');
    expect(count(o, `SELECT COUNT(*) AS n FROM exchange_imports`)).toBe(0);
    await importFile(o, file, 'medical_insurance', { mapping });
    const next = writeCsv(
      o.dir,
      'm2.csv',
      csvLines([
        ['甲', '乙', '丙', '丁'],
        [SPOUSE, '李秀英', '2026-11-01', '100'],
      ]),
    );
    const p = await o.clerk.value('exchange.preview', { file: { path: next }, source: 'medical_insurance' });
    expect(p).toMatchObject({ mapping, missing: [], savedMapping: true });
  });

  it('accepts small files as base64 content', async () => {
    const o = await office();
    await registry(o);
    const text = csvLines([
      ['身份证号码', '姓名', '入院日期', '个人自付'],
      [HEAD, '王建国', '2026-10-01', '7000'],
    ]);
    const st = await o.clerk.value('exchange.start', {
      file: { base64: Buffer.from(text).toString('base64'), name: 'upload.csv' },
      source: 'medical_insurance',
    });
    await importFinished(st.importId);
    expect((await o.clerk.value('exchange.status', { importId: st.importId })).summary).toMatchObject({
      file: 'upload.csv',
      warningsRaised: 1,
    });
  });

  it('only clerks and managers import', async () => {
    const o = await office();
    const file = writeCsv(
      o.dir,
      'm.csv',
      csvLines([
        ['身份证号码', '入院日期', '个人自付'],
        [HEAD, '2026-10-01', '7000'],
      ]),
    );
    expect(await o.admin.call('exchange.start', { file: { path: file }, source: 'medical_insurance' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
