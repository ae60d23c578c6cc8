/**
 * The printed warning and verification report (预警与核查情况表): warnings raised by imported
 * departmental files (through the service) and by the monitoring module, verified, closed; the
 * month's report as PDF (read back with pdftotext: title, masked persons, subtotals, totals by
 * status/severity/overdue, `第 x 页 共 y 页`, page count) and XLSX, the period filter, the
 * household variant with its verification findings, and a long report paginated.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { household, idFor, typedClient } from '../../fixtures/builders';
import { arrayBuffer } from '../../fixtures/feedback';
import { office as exchangeOffice, writeCsv, importFile, csvLines } from '../exchange/helpers';
import { first, qb } from '../../../src-main/db/query';
import { raiseWarning } from '../../../src-main/monitoring/warnings';
import { WorkCalendar } from '../../../src-main/monitoring/calendar';
import { renderReport } from '../../../src-main/reports/render';
import { maskIdNumber, maskName } from '../../../src-main/common/id-number';
import { artifacts } from '../../fixtures/paths';

const ART = artifacts('reports');
fs.mkdirSync(ART, { recursive: true });

const A_HEAD = idFor('1960-03-01', 11, '110105'),
  A_SPOUSE = idFor('1962-05-20', 12, '110105');
const B_HEAD = idFor('1955-01-09', 21, '110105');

const flat = (s: string) => s.replace(/\s+/g, '');
function pdfOf(file: string) {
  return {
    text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
    pages: Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]),
  };
}
/** The value, or the test fails saying what was missing. */
function must<T>(x: T | undefined | null, what: string): T {
  if (x === undefined || x === null) throw new Error(`missing: ${what}`);
  return x;
}
/** A row's cell values, first column first. */
const cells = (r: ExcelJS.Row): ExcelJS.CellValue[] => (Array.isArray(r.values) ? r.values.slice(1) : []);

/** The exchange tests' office (a clerk, two managers), with clients typed by the contract for the clerk and a manager. */
async function office() {
  const o = await exchangeOffice();
  const as = async (username: string) =>
    typedClient(o.service, (await o.api.value('auth.login', { username, password: 'secret22' }, null)).session);
  return { ...o, clerkApi: await as('clerk1'), managerApi: await as('mgr1') };
}
type Office = Awaited<ReturnType<typeof office>>;

async function county(o: Office) {
  const base = household({ current: { tier: 'dibao', monthlyBenefit: 300 } });
  const a = {
    ...base,
    members: base.members.slice(0, 2).map((m, i) => ({ ...m, idNumber: [A_HEAD, A_SPOUSE][i], authorisedOn: '2026-01-05' })),
  };
  const b = household({
    area: { township: '河口乡', village: '北村' },
    address: '北村 3 号',
    current: { tier: 'tekun', monthlyBenefit: 800 },
    members: [{ idNumber: B_HEAD, name: '赵德胜', relation: 'head', status: 'present', labour: 'unable', authorisedOn: '2026-01-05' }],
  });
  const aId = (await o.clerkApi.value('households.create', { household: a })).id;
  const bId = (await o.clerkApi.value('households.create', { household: b })).id;
  return { aId, bId };
}

/** A warning raised by the monitoring module itself (the registry checks use the same function). */
function raise(o: Office, rule: Parameters<typeof raiseWarning>[1]['rule'], idNumber: string, raisedOn: string, key: string) {
  const raw = o.store.raw;
  const m = must(
    first(
      raw,
      qb
        .selectFrom('members as m')
        .innerJoin('households as h', 'h.id', 'm.household_id')
        .select(['m.id', 'm.name', 'm.household_id', 'h.area_id'])
        .where('m.id_number', '=', idNumber),
    ),
    idNumber,
  );
  const ok = raw.transaction(() =>
    raiseWarning(raw, {
      rule,
      householdId: m.household_id,
      memberId: m.id,
      idNumber,
      personName: m.name,
      areaId: m.area_id,
      evidenceKey: key,
      evidence: `测试证据 ${key}`,
      source: 'registry',
      importId: null,
      raisedOn,
      department: 'civil_affairs',
      calendar: WorkCalendar.load(raw),
      actor: { userId: null, username: 'system' },
    }),
  )();
  expect(ok).toBe(true);
  const w = first(
    raw,
    qb.selectFrom('warnings').select('id').where('rule', '=', rule).where('id_number', '=', idNumber).where('evidence_key', '=', key),
  );
  return must(w, `warning ${rule} ${key}`).id;
}

describe('warning and verification report', () => {
  it('prints the month’s warnings by township and village, masked, with visits, outcomes and totals; XLSX alike', async () => {
    const o = await office(); // 2026-11-30
    const { aId, bId } = await county(o);

    // Two departmental files through the service: a hospital stay (urgent) and a pension start.
    const med = writeCsv(
      o.dir,
      'medical.csv',
      csvLines([
        ['身份证号码', '姓名', '入院日期', '出院日期', '医疗机构', '总费用', '个人自付'],
        [A_HEAD, '王建国', '2026-10-01', '2026-10-15', '县医院', '20000', '7000'],
      ]),
    );
    expect((await importFile(o, med, 'medical_insurance')).summary.warningsRaised).toBe(1);
    const hr = writeCsv(
      o.dir,
      'hrss.csv',
      csvLines([
        ['身份证号码', '姓名', '业务类型', '月领取金额', '开始日期'],
        [B_HEAD, '赵德胜', '城乡居民养老金', '180.00', '2026-10-01'],
      ]),
    );
    expect((await importFile(o, hr, 'hrss')).summary.warningsRaised).toBe(1);
    const q = await o.clerkApi.value('monitoring.queue', { status: 'all' });
    const hospital = must(
      q.items.find((w) => w.rule === 'hospital_cost'),
      'hospital warning',
    ).id;
    const pension = must(
      q.items.find((w) => w.rule === 'pension_start'),
      'pension warning',
    ).id;

    // Raised by the monitoring module earlier in the month (one left open past its due date,
    // one closed late) and one in October (outside the period).
    const unemployment = raise(o, 'unemployment', B_HEAD, '2026-11-02', 'u1');
    const property = raise(o, 'property_found', A_SPOUSE, '2026-11-03', 'p1');
    raise(o, 'vehicle_found', B_HEAD, '2026-10-05', 'v1');

    // Verified on the ground and closed.
    await o.clerkApi.value('monitoring.recordVisit', {
      warningId: hospital,
      kind: 'home_visit',
      visitDate: '2026-11-30',
      staff: ['陈经办', '周干事'],
      findings: '住院属实',
    });
    const closed = await o.clerkApi.value('monitoring.close', { warningId: hospital, outcome: 'referral', note: '推送医疗救助' });
    expect(closed.referralId).toBeGreaterThan(0);
    await o.clerkApi.value('monitoring.recordVisit', {
      warningId: pension,
      kind: 'verification',
      visitDate: '2026-11-30',
      staff: ['陈经办'],
      findings: '养老金已计入收入',
    });
    await o.clerkApi.value('monitoring.close', { warningId: pension, outcome: 'no_change', note: '收入仍低于标准' });
    await o.clerkApi.value('monitoring.recordVisit', {
      warningId: property,
      kind: 'home_visit',
      visitDate: '2026-11-28',
      staff: ['陈经办', '周干事', '李村干'],
      findings: '房屋为继承的旧宅',
    });
    await o.clerkApi.value('monitoring.close', { warningId: property, outcome: 'no_change', note: '不影响认定' });
    void unemployment;

    // Managers print it; a clerk may not.
    expect(await o.clerkApi.call('reports.render', { kind: 'warnings', month: '2026-11', format: 'html' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const html = await o.managerApi.value('reports.render', { kind: 'warnings', month: '2026-11', format: 'html' });
    expect(html.fileName).toBe('预警核查情况表-2026-11.html');
    expect(html.html).toContain('示范县社会救助预警与核查情况表');

    const now = new Date('2026-11-30T09:00:00Z');
    const pdf = await renderReport(o.store.raw, { kind: 'warnings', month: '2026-11', format: 'pdf' }, now);
    const file = path.join(ART, 'warnings-2026-11.pdf');
    fs.writeFileSync(file, pdf.data);
    const { text, pages } = pdfOf(file);
    expect(pages).toBe(pdf.pages);
    const t = flat(text);
    expect(t.match(/示范县社会救助预警与核查情况表/g)!.length).toBe(pages);
    expect(t).toContain(flat('统计期间：2026年11月（2026-11-01 至 2026-11-30）'));
    for (let i = 1; i <= pages; i++) expect(t).toContain(`第${i}页共${pages}页`);
    for (const s of ['制表人', '审核人', '负责人', '日期：']) expect(t).toContain(s);
    // Persons masked (§8): names and ID numbers; never a full ID number.
    expect(t).toContain(maskIdNumber(A_HEAD));
    expect(maskIdNumber(A_HEAD)).toMatch(/^110105\*{8}\d{3}[\dX]$/);
    expect(t).toContain(maskName('王建国'));
    expect(t).toContain(maskName('赵德胜'));
    for (const full of [A_HEAD, A_SPOUSE, B_HEAD]) expect(t).not.toContain(full);
    expect(t).not.toContain('王建国');
    expect(t).not.toMatch(/\d{6}(19|20)\d{6}\d{3}[\dX]/);
    // Rows: rules, visits with staff counts, outcomes, overdue; October left out.
    expect(t).toContain('住院个人自付费用较高');
    expect(t).toContain('入户（2人）');
    expect(t).toContain('入户（3人）');
    expect(t).toContain('核查（1人）');
    expect(t).toContain('转介推送');
    expect(t).toContain('逾期未办结');
    expect(t).toContain('逾期办结');
    expect(t).not.toContain('发现车辆登记');
    // Subtotals per village and township, the grand total, the summary by status/severity/overdue.
    expect(t).toContain(flat('东街社区 小计　预警 2 件：紧急 1，已办结 2，未办结 0，逾期 1'));
    expect(t).toContain(flat('河口乡 合计　预警 2 件：紧急 0，已办结 1，未办结 1，逾期 1'));
    expect(t).toContain(flat('总计　预警 4 件：紧急 1，已办结 3，未办结 1，逾期 2'));
    expect(t).toContain(flat('按状态、结果、等级和逾期汇总'));
    expect(t).toContain(flat('逾期未办结 1 25.0%'));
    expect(t).toContain(flat('合计 核查/入户 3 次 4 100.0%'));
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', file, path.join(ART, 'warnings-2026-11')]);

    // XLSX: the same rows, masked, and the totals.
    const x = await renderReport(o.store.raw, { kind: 'warnings', month: '2026-11', format: 'xlsx' }, now);
    expect(x.fileName).toBe('预警核查情况表-2026-11.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(x.data));
    const ws = wb.getWorksheet('预警核查')!;
    expect(String(ws.getRow(1).getCell(1).value)).toBe('示范县社会救助预警与核查情况表');
    // Laid out as a printed form: title in bold, the three heading rows frozen, A4 fitted to the page width.
    expect(ws.getRow(1).font).toMatchObject({ bold: true, size: 14 });
    expect(ws.getRow(3).font).toMatchObject({ bold: true });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const header = cells(ws.getRow(3)).map(String);
    expect(header).toContain('身份证号码');
    const rows: ExcelJS.CellValue[][] = [];
    ws.eachRow((r, n) => {
      if (n > 3) rows.push(cells(r));
    });
    expect(rows).toHaveLength(5);
    const col = (h: string) => header.indexOf(h);
    const data = rows.slice(0, 4);
    expect(data.map((r) => r[col('预警编号')]).sort()).toEqual([hospital, pension, unemployment, property].sort());
    for (const r of data) expect(String(r[col('身份证号码')])).toMatch(/^110105\*{8}\d{3}[\dX]$/);
    const hosp = data.find((r) => r[col('预警编号')] === hospital)!;
    expect(hosp).toEqual(
      expect.arrayContaining([
        maskName('王建国'),
        maskIdNumber(A_HEAD),
        '住院个人自付费用较高',
        '紧急',
        '已办结',
        '转介推送',
        '2026-11-30',
      ]),
    );
    expect(String(hosp[col('核查/入户（日期、人数）')])).toBe('2026-11-30 入户（2人）');
    expect(data.find((r) => r[col('预警编号')] === unemployment)![col('逾期')]).toBe('逾期未办结');
    expect(rows[4][0]).toBe('总计');
    expect(rows[4][col('核查次数')]).toBe(3);
    const sum = wb.getWorksheet('汇总')!;
    const sums: ExcelJS.CellValue[][] = [];
    sum.eachRow((r, n) => {
      if (n > 3) sums.push(cells(r));
    });
    expect(sums).toContainEqual(['办理状态', '已办结', 3]);
    expect(sums).toContainEqual(['预警等级', '紧急（5个工作日内核查）', 1]);
    expect(sums).toContainEqual(['逾期情况', '逾期办结', 1]);
    expect(sums).toContainEqual(['合计', '核查/入户 3 次', 4]);

    // A date range; the CLI-style period by township.
    const oct = await renderReport(o.store.raw, { kind: 'warnings', from: '2026-10-01', to: '2026-11-02', format: 'html' }, now);
    const octText = flat(oct.data.toString('utf8').replace(/<[^>]+>/g, ' '));
    expect(octText).toContain('发现车辆登记');
    expect(octText).toContain(flat('总计　预警 2 件'));
    const town = must(first(o.store.raw, qb.selectFrom('areas').select('id').where('name', '=', '河口乡')), '河口乡');
    const onlyTown = await renderReport(o.store.raw, { kind: 'warnings', month: '2026-11', townshipId: town.id, format: 'xlsx' }, now);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(arrayBuffer(onlyTown.data));
    expect(wb2.getWorksheet('预警核查')!.rowCount).toBe(3 + 2 + 1);
    expect(await o.managerApi.call('reports.render', { kind: 'warnings', format: 'html' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });

    // One household: its warnings and its verification report (category, amount, source, date).
    const one = await renderReport(o.store.raw, { kind: 'warnings', householdId: aId, format: 'pdf' }, now);
    const oneFile = path.join(ART, `warnings-household-${aId}.pdf`);
    fs.writeFileSync(oneFile, one.data);
    const ot = flat(pdfOf(oneFile).text);
    expect(ot).toContain(flat('统计期间：全部'));
    expect(ot).toContain('家庭经济状况核对情况');
    expect(ot).toContain('住院费用');
    expect(ot).toContain('7,000.00');
    expect(ot).toContain('医保：住院结算');
    expect(ot).toContain('2026-10-01');
    expect(ot).toContain(flat('总计　预警 2 件'));
    expect(ot).not.toContain('赵');
    expect(ot).not.toContain(A_HEAD);
    const oneX = await renderReport(o.store.raw, { kind: 'warnings', householdId: aId, format: 'xlsx' }, now);
    const wb3 = new ExcelJS.Workbook();
    await wb3.xlsx.load(arrayBuffer(oneX.data));
    const ver = wb3.getWorksheet('核对情况')!;
    expect(cells(ver.getRow(4))).toEqual(
      expect.arrayContaining(['住院费用', maskName('王建国'), maskIdNumber(A_HEAD), 7000, '2026-10-01']),
    );
    void bId;
    await o.store.close();
  }, 120_000);

  it('paginates a long report with the header on every page and continuous page numbers', async () => {
    const o = await office();
    await county(o);
    for (let i = 0; i < 70; i++)
      raise(o, i % 2 ? 'turns_60' : 'review_overdue', i % 3 ? A_HEAD : B_HEAD, `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`, `k${i}`);
    const pdf = await renderReport(o.store.raw, { kind: 'warnings', month: '2026-11', format: 'pdf' }, new Date('2026-11-30T09:00:00Z'), {
      pagesPerPart: 2,
    });
    const file = path.join(ART, 'warnings-long.pdf');
    fs.writeFileSync(file, pdf.data);
    const { text, pages } = pdfOf(file);
    expect(pages).toBe(pdf.pages);
    expect(pages).toBeGreaterThanOrEqual(4);
    const t = flat(text);
    for (let i = 1; i <= pages; i++) expect(t).toContain(`第${i}页共${pages}页`);
    expect(t.match(/核查\/入户（日期、人数）/g)!.length).toBeGreaterThanOrEqual(pages - 1);
    expect(t).toContain(flat('总计　预警 70 件'));
    expect(t.match(/制表人/g)!.length).toBe(1);
    await o.store.close();
  }, 120_000);
});
