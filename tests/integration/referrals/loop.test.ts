/**
 * The whole closed loop through the service: a household approved as dibao → its needs
 * referred → the push list exported → the department's feedback file imported through the
 * exchange, as the Referrals screen sends it → chain and happiness
 * list show it → the month closed → the roster PDF lists the household with the right amount,
 * and the publicity list masks it. PDFs are printed by the system's Chromium and read back
 * with pdftotext; a PNG of page 1 is kept under tests/artifacts/referrals/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { adminService, household, idFor } from '../../fixtures/builders';
import { arrayBuffer, importFeedbackFile } from '../../fixtures/feedback';
import { maskIdNumber, maskName } from '../../../src-main/common/id-number';
import { formatFen } from '../../../src-main/common/money';
import { artifacts } from '../../fixtures/paths';

const ART = artifacts('referrals');
fs.mkdirSync(ART, { recursive: true });
const NOW = new Date('2026-11-29T09:00:00Z');

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
function pdfPages(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
}
function png(file: string, name: string) {
  execFileSync('pdftoppm', ['-r', '70', '-png', '-f', '1', '-l', '1', '-singlefile', file, path.join(ART, name)]);
}

async function office() {
  let now = NOW;
  const s = await adminService({ now: () => now, idleLockMinutes: 1_000_000 }, [
    { username: 'clerk1', role: 'clerk' },
    { username: 'mgr1', role: 'manager' },
  ]);
  return { ...s, clerk: s.accounts.clerk1, manager: s.accounts.mgr1, setNow: (d: Date) => (now = d) };
}

/** The value, or the test fails saying what was missing. */
function must<T>(x: T | undefined | null, what: string): T {
  if (x === undefined || x === null) throw new Error(`missing: ${what}`);
  return x;
}

describe('closed loop, end to end through the service', () => {
  it('pushes needs, records department results, pays the month and prints the lists', async () => {
    const s = await office();
    const { api } = s;
    const hh = household({
      members: [
        {
          idNumber: idFor('1975-03-01', 31),
          name: '欧阳建华',
          relation: 'head',
          status: 'present',
          labour: 'employed',
          illness: 'chronic',
          monthlyIncome: [{ type: 'wage', amount: 400 }],
        },
        { idNumber: idFor('2012-05-20', 32), name: '欧阳小红', relation: 'child', status: 'present', schooling: 'junior' },
      ],
    });
    const head = idFor('1975-03-01', 31);
    const id = (await api.value('households.create', { household: hh }, s.clerk)).id;
    const p = (await api.value('determinations.propose', { householdId: id, referenceDate: '2026-11-01' }, s.clerk)).id;
    const decided = await api.value('determinations.decide', { id: p, decision: 'approved', reason: '符合低保条件' }, s.manager);
    expect(decided.effectiveMonth).toBe('2026-12');
    const det = await api.value('determinations.get', { id: p }, s.clerk);
    expect(det.tier).toBe('dibao');
    const benefit = det.monthlyBenefitFen;
    expect(benefit).toBeGreaterThan(0);

    // Push according to needs: one referral per entitlement, idempotent.
    const made = (await api.value('referrals.fromEntitlements', { householdId: id }, s.clerk)).ids;
    expect(made.length).toBeGreaterThanOrEqual(2);
    expect((await api.value('referrals.fromEntitlements', { householdId: id }, s.clerk)).ids).toEqual([]);
    const list = await api.value('referrals.list', { householdId: id }, s.clerk);
    const medical = must(
      list.rows.find((r) => r.assistance === 'medical' && r.idNumber === head) ?? list.rows.find((r) => r.assistance === 'medical'),
      'a medical referral',
    );
    expect(medical.number).toMatch(/^ZJ-2026-\d{6}$/);
    expect(medical.status).toBe('drafted');

    // A charity referral, pushed on a masked list.
    const org = (await api.value('charity.createOrganisation', { name: '示范县慈善总会' }, s.manager)).id;
    const prog = (await api.value('charity.createProgramme', { organisationId: org, name: '助学助医' }, s.manager)).id;
    const charity = await api.value(
      'referrals.create',
      { householdId: id, idNumber: null, assistance: 'charity', reason: '公共救助后仍有困难', programmeId: prog },
      s.clerk,
    );
    expect(
      await api.call(
        'referrals.create',
        { householdId: id, idNumber: null, assistance: 'charity', reason: '重复', programmeId: prog },
        s.clerk,
      ),
    ).toMatchObject({ ok: false, error: { code: 'referral_exists' } });

    // The medical push list: full ID and name, the illness, no income.
    const push = await api.value('referrals.exportPushList', { department: 'medical_insurance' }, s.clerk);
    fs.writeFileSync(path.join(ART, push.fileName), Buffer.from(push.base64, 'base64'));
    const manifest: unknown = JSON.parse(push.manifest);
    expect(manifest).toMatchObject({ format: 'safetynet-push-list', department: 'medical_insurance', file: { rows: push.rows } });
    expect(manifest).toHaveProperty('referralNumbers', expect.arrayContaining([medical.number]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(Buffer.from(push.base64, 'base64')));
    const ws = wb.worksheets[0];
    const header: string[] = [];
    ws.getRow(1).eachCell((c, n) => {
      header[n - 1] = String(c.value);
    });
    expect(header.join('|')).toContain('疾病情况');
    expect(header.join('|')).not.toMatch(/收入|income/);
    const rowOf = (num: string) => {
      let found = 0;
      ws.eachRow((r, n) => {
        if (r.getCell(1).value === num) found = n;
      });
      return found;
    };
    const rn = rowOf(medical.number);
    expect(ws.getRow(rn).getCell(2).value).toBe(medical.idNumber ?? head);
    expect((await api.value('referrals.get', { id: medical.id }, s.clerk)).status).toBe('pushed');
    expect(await api.call('referrals.exportPushList', { department: 'medical_insurance' }, s.clerk)).toMatchObject({
      ok: false,
      error: { code: 'nothing_to_push' },
    });

    const cpush = await api.value('referrals.exportPushList', { department: 'charity', organisationId: org }, s.clerk);
    const cwb = new ExcelJS.Workbook();
    await cwb.xlsx.load(arrayBuffer(Buffer.from(cpush.base64, 'base64')));
    const crow = cwb.worksheets[0].getRow(2);
    expect(crow.getCell(2).value).toBe(maskIdNumber(head));
    expect(crow.getCell(3).value).toBe(maskName('欧阳建华'));

    // The department fills in the list and returns it: the feedback file, imported through the exchange. Two rows it
    // cannot apply: a referral number that does not exist, and the charity referral's number with another person's ID.
    ws.getRow(rn).getCell(header.findIndex((h) => h.startsWith('结果')) + 1).value = 'assisted';
    ws.getRow(rn).getCell(header.findIndex((h) => h.startsWith('金额')) + 1).value = 3200.5;
    ws.getRow(rn).getCell(header.findIndex((h) => h.startsWith('物品')) + 1).value = '住院自付费用救助';
    ws.getRow(rn).getCell(header.findIndex((h) => h.startsWith('日期')) + 1).value = '2026-11-25';
    // It returns the rows it answered: the list's other rows (the child's medical referral) stay open. (The exchange refuses
    // a row without a result rather than skipping it: reported to its owner, tests/integration/referrals/feedback.test.ts.)
    const resultCol = header.findIndex((h) => h.startsWith('结果')) + 1;
    for (let n = ws.rowCount; n > 1; n--) if (!ws.getRow(n).getCell(resultCol).value) ws.spliceRows(n, 1);
    ws.addRow(['ZJ-2026-999999', head, '', '', '', '', '', '', 'assisted', '', '', '2026-11-25', '']);
    ws.addRow([charity.number, idFor('1990-01-01', 77), '', '', '', '', '', '', 'assisted', '', '', '2026-11-25', '']);
    const fb = await importFeedbackFile(api, s.clerk, Buffer.from(await wb.xlsx.writeBuffer()), 'feedback.xlsx');
    // Every row was read (none refused for its form); the referrals module refused the two.
    expect(fb.rejected.filter((r) => r.column !== 'referralNumber' && r.column !== 'idNumber')).toEqual([]);
    expect(fb.summary.accepted).toBe(1);
    expect(fb.rejected.map((r) => r.column).sort()).toEqual(['idNumber', 'referralNumber']);
    // The medical row again, in a file of its own: its result is recorded already.
    const again = new ExcelJS.Workbook();
    again.addWorksheet('反馈').addRows([
      ['转介编号', '身份证号码', '结果', '金额（元）', '日期'],
      [medical.number, medical.idNumber ?? head, 'assisted', 3200.5, '2026-11-25'],
    ]);
    const fb2 = await importFeedbackFile(api, s.clerk, Buffer.from(await again.xlsx.writeBuffer()), 'feedback-2.xlsx');
    expect(fb2.rejected[0].reason).toMatch(/already recorded/);
    // A charity result returned with the masked number is accepted.
    const cfb = await api.value(
      'referrals.applyFeedback',
      {
        file: { name: 'c.xlsx', sha256: 'y'.repeat(64) },
        rows: [
          {
            row: 2,
            referralNumber: charity.number,
            idNumber: maskIdNumber(head),
            result: 'declined',
            amountFen: null,
            item: null,
            date: '2026-11-26',
            reason: '项目名额已满',
          },
        ],
      },
      s.clerk,
    );
    expect(cfb.applied).toBe(1);

    const med = await api.value('referrals.get', { id: medical.id }, s.clerk);
    expect(med).toMatchObject({
      status: 'completed',
      result: 'assisted',
      amountFen: 320050,
      item: '住院自付费用救助',
      resultDate: '2026-11-25',
    });
    expect(med.events.map((e) => e.status)).toEqual(['drafted', 'pushed', 'completed']);

    // Chain and happiness list.
    const chain = await api.value('chain.list', { householdId: id }, s.clerk);
    const result = chain.find((e) => e.kind === 'department_result' && e.refId === medical.id);
    expect(result).toMatchObject({ department: 'medical_insurance', amountFen: 320050, status: 'assisted' });
    expect(chain.some((e) => e.kind === 'referral' && e.status === 'pushed')).toBe(true);
    const happy = await api.value('chain.happiness', { householdId: id }, s.clerk);
    const statuses = Object.fromEntries(happy.items.map((i) => [`${i.kind}:${i.assistance}:${i.idNumber ?? ''}`, i.status]));
    expect(statuses[`entitlement:medical:${medical.idNumber ?? ''}`]).toBe('received');
    expect(statuses['referral:charity:']).toBe('declined');
    expect(
      must(
        happy.items.find((i) => i.kind === 'entitlement' && i.assistance === 'education'),
        'education',
      ).status,
    ).toBe('pending');
    expect(happy.items.find((i) => i.kind === 'cash')).toMatchObject({ status: 'pending', amountFen: benefit });

    // The month: roles, roster, close, lock, adjustment in the next month.
    expect(await api.call('payments.close', { month: '2026-12' }, s.clerk)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await api.value('payments.roster', { month: '2026-11' }, s.clerk)).total).toBe(0);
    const roster = await api.value('payments.roster', { month: '2026-12' }, s.clerk);
    expect(roster.rows).toHaveLength(1);
    expect(roster.rows[0]).toMatchObject({ householdId: id, tier: 'dibao', amountFen: benefit, size: 2, headName: '欧阳建华' });
    expect(roster.rows[0].baseFen + roster.rows[0].addonFen).toBe(benefit);
    expect(await api.value('payments.close', { month: '2026-12' }, s.manager)).toEqual({ recipients: 1, totalFen: benefit });
    expect(await api.call('payments.close', { month: '2026-12' }, s.manager)).toMatchObject({ ok: false, error: { code: 'month_closed' } });
    const changes = await api.value('payments.changes', { month: '2026-12' }, s.clerk);
    expect(changes.rows).toEqual([
      expect.objectContaining({
        kind: 'added',
        householdId: id,
        amountFen: benefit,
        reasons: [expect.stringContaining(`第 ${p} 号认定自 2026-12 起执行`)],
      }),
    ]);
    expect(
      (await api.value('payments.adjust', { householdId: id, forMonth: '2026-12', amountFen: 5000, reason: '分类施保漏发' }, s.manager))
        .appliedMonth,
    ).toBe('2027-01');
    expect((await api.value('payments.roster', { month: '2026-12' }, s.clerk)).rows[0].amountFen).toBe(benefit);
    const jan = (await api.value('payments.roster', { month: '2027-01' }, s.clerk)).rows[0];
    expect(jan).toMatchObject({ adjustFen: 5000, amountFen: benefit + 5000 });
    expect((await api.value('chain.happiness', { householdId: id }, s.clerk)).items.find((i) => i.kind === 'cash')).toMatchObject({
      status: 'received',
      date: '2026-12',
    });

    // Printing: the clerk may print the chain, not the monthly lists.
    expect(await api.call('reports.render', { kind: 'roster', month: '2026-12', format: 'html' }, s.clerk)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const rosterPdf = await api.value('reports.render', { kind: 'roster', month: '2026-12', format: 'pdf' }, s.manager);
    const rf = path.join(ART, 'roster-2026-12.pdf');
    fs.writeFileSync(rf, Buffer.from(must(rosterPdf.base64, 'the PDF'), 'base64'));
    png(rf, 'roster-page1');
    const rt = pdfText(rf);
    expect(pdfPages(rf)).toBe(rosterPdf.pages);
    expect(rt).toContain('示范县社会救助金发放花名册');
    expect(rt).toContain('2026年12月');
    expect(rt).toContain('欧阳建华');
    expect(rt).toContain(maskIdNumber(head));
    expect(rt).not.toContain(head);
    expect(rt).toContain(formatFen(benefit));
    expect(rt).toMatch(/总计 1 户/);
    expect(rt).toMatch(/第\s*1\s*页\s*共\s*1\s*页/);
    for (const w of ['制表人', '审核人', '负责人', '日期']) expect(rt).toContain(w);

    const pub = await api.value('reports.render', { kind: 'publicity', month: '2026-12', format: 'pdf' }, s.manager);
    const pf = path.join(ART, 'publicity-2026-12.pdf');
    fs.writeFileSync(pf, Buffer.from(must(pub.base64, 'the PDF'), 'base64'));
    png(pf, 'publicity-page1');
    const pt = pdfText(pf);
    expect(pt).toContain(maskName('欧阳建华'));
    expect(pt).not.toContain('欧阳建华');
    expect(pt).not.toContain(head);
    expect(pt).not.toContain(head.slice(6, 14));
    expect(pt).toContain(formatFen(benefit));

    const chainPdf = await api.value('reports.render', { kind: 'chain', householdId: id, format: 'pdf' }, s.clerk);
    const cf = path.join(ART, 'chain.pdf');
    fs.writeFileSync(cf, Buffer.from(must(chainPdf.base64, 'the PDF'), 'base64'));
    png(cf, 'chain-page1');
    const ct = pdfText(cf);
    expect(ct).toContain('一户一救助链');
    expect(ct).toContain('幸福清单');
    expect(ct).toContain('3,200.50');

    const xlsx = await api.value('reports.render', { kind: 'roster', month: '2026-12', format: 'xlsx' }, s.manager);
    const xwb = new ExcelJS.Workbook();
    await xwb.xlsx.load(arrayBuffer(Buffer.from(must(xlsx.base64, 'the XLSX'), 'base64')));
    expect(xwb.worksheets[0].getRow(4).getCell(14).value).toBe(benefit / 100);
    expect(xwb.worksheets[0].getRow(4).getCell(14).numFmt).toBe('#,##0.00');

    const dash = await api.value('dashboard.summary', {}, s.clerk);
    expect(dash.month).toBe('2027-01');
    expect(dash.total.recipients).toBe(1);
    expect(dash.trend).toHaveLength(1);
    expect(dash.referrals.byDepartmentStatus.length).toBeGreaterThan(0);
  }, 120_000);

  it('escalates pushed referrals past their due date to the manager', async () => {
    const s = await office();
    const { api } = s;
    const id = (await api.value('households.create', { household: household() }, s.clerk)).id;
    const r = await api.value(
      'referrals.create',
      { householdId: id, idNumber: null, assistance: 'housing', reason: '房屋漏雨，申请危房改造' },
      s.clerk,
    );
    await api.value('referrals.exportPushList', { department: 'housing' }, s.clerk);
    expect((await api.value('referrals.escalateOverdue', {}, s.clerk)).escalated).toBe(0);
    s.setNow(new Date('2026-12-30T09:00:00Z'));
    // Weeks later: a session lasts at most 12 hours (docs/security.md "Sign-in"), so both log in again.
    const login = async (username: string) => (await s.anon.value('auth.login', { username, password: 'secret22' })).session;
    s.clerk = await login('clerk1');
    s.manager = await login('mgr1');
    expect((await api.value('referrals.list', { overdue: true }, s.manager)).rows.map((x) => x.id)).toEqual([r.id]);
    expect((await api.value('referrals.escalateOverdue', {}, s.clerk)).escalated).toBe(1);
    expect((await api.value('referrals.escalateOverdue', {}, s.clerk)).escalated).toBe(0);
    const got = await api.value('referrals.get', { id: r.id }, s.manager);
    expect(got.escalatedAt).not.toBeNull();
    expect(got.events.map((e) => e.status)).toEqual(['drafted', 'pushed', 'escalated']);
    expect((await api.value('dashboard.summary', {}, s.manager)).queue.overdueReferrals).toBe(1);
  });

  it('lists referrals of one township or one village', async () => {
    const s = await office();
    const { api } = s;
    const east = (
      await api.value('households.create', { household: household({ area: { township: '城关镇', village: '东街社区' } }) }, s.clerk)
    ).id;
    const west = (
      await api.value(
        'households.create',
        {
          household: household({
            area: { township: '城关镇', village: '西街社区' },
            members: [{ idNumber: idFor('1961-03-04', 31), name: '西街户主', relation: 'head', status: 'present' }],
          }),
        },
        s.clerk,
      )
    ).id;
    const river = (
      await api.value(
        'households.create',
        {
          household: household({
            area: { township: '河西乡', village: '柳树村' },
            members: [{ idNumber: idFor('1962-05-06', 32), name: '柳树户主', relation: 'head', status: 'present' }],
          }),
        },
        s.clerk,
      )
    ).id;
    for (const id of [east, west, river])
      await api.value('referrals.create', { householdId: id, idNumber: null, assistance: 'housing', reason: '房屋漏雨' }, s.clerk);
    const areas = await api.value('areas.list', {}, s.clerk);
    const idOf = (name: string) =>
      must(
        areas.find((a) => a.name === name),
        name,
      ).id;
    const households = async (filter: { townshipId?: number; villageId?: number }) => {
      const r = await api.value('referrals.list', filter, s.clerk);
      expect(r.total).toBe(r.rows.length);
      return r.rows.map((x) => x.householdId).sort((a, b) => a - b);
    };
    expect(await households({ townshipId: idOf('城关镇') })).toEqual([east, west].sort((a, b) => a - b));
    expect(await households({ villageId: idOf('西街社区') })).toEqual([west]);
    expect(await households({ townshipId: idOf('河西乡') })).toEqual([river]);
    expect(await households({})).toHaveLength(3);
  });
});
