/**
 * The whole closed loop through the service: a household approved as dibao → its needs
 * referred → the push list exported → the department's feedback applied → chain and happiness
 * list show it → the month closed → the roster PDF lists the household with the right amount,
 * and the publicity list masks it. PDFs are printed by the system's Chromium and read back
 * with pdftotext; a PNG of page 1 is kept under tests/artifacts/closed-loop/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { adminService, household, idFor } from '../../fixtures/builders';
import { parseFeedbackXlsx } from '../../../src-main/referrals/feedback-file';
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
  const s = await adminService({ now: () => now, idleLockMinutes: 1_000_000 });
  await s.call('users.create', { username: 'clerk1', displayName: '经办', role: 'clerk', password: 'secret2' });
  await s.call('users.create', { username: 'mgr1', displayName: '审核', role: 'manager', password: 'secret3' });
  const login = async (u: string, p: string) =>
    ((await s.call('auth.login', { username: u, password: p }, null)) as any).value.session as string;
  return { ...s, clerk: await login('clerk1', 'secret2'), manager: await login('mgr1', 'secret3'), setNow: (d: Date) => (now = d) };
}

const v = (r: any) => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe('closed loop, end to end through the service', () => {
  it('pushes needs, records department results, pays the month and prints the lists', async () => {
    const s = await office();
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
    const id = v(await s.call('households.create', { household: hh }, s.clerk)).id;
    const p = v(await s.call('determinations.propose', { householdId: id, referenceDate: '2026-11-01' }, s.clerk)).id;
    const decided = v(await s.call('determinations.decide', { id: p, decision: 'approved', reason: '符合低保条件' }, s.manager));
    expect(decided.effectiveMonth).toBe('2026-12');
    const det = v(await s.call('determinations.get', { id: p }, s.clerk));
    expect(det.tier).toBe('dibao');
    const benefit = det.monthlyBenefitFen as number;
    expect(benefit).toBeGreaterThan(0);

    // Push according to needs: one referral per entitlement, idempotent.
    const made = v(await s.call('referrals.fromEntitlements', { householdId: id }, s.clerk)).ids as number[];
    expect(made.length).toBeGreaterThanOrEqual(2);
    expect(v(await s.call('referrals.fromEntitlements', { householdId: id }, s.clerk)).ids).toEqual([]);
    const list = v(await s.call('referrals.list', { householdId: id }, s.clerk));
    const medical =
      list.rows.find((r: any) => r.assistance === 'medical' && r.idNumber === hh.members[0].idNumber) ??
      list.rows.find((r: any) => r.assistance === 'medical');
    expect(medical.number).toMatch(/^ZJ-2026-\d{6}$/);
    expect(medical.status).toBe('drafted');

    // A charity referral, pushed on a masked list.
    const org = v(await s.call('charity.createOrganisation', { name: '示范县慈善总会' }, s.manager)).id;
    const prog = v(await s.call('charity.createProgramme', { organisationId: org, name: '助学助医' }, s.manager)).id;
    const charity = v(
      await s.call(
        'referrals.create',
        { householdId: id, idNumber: null, assistance: 'charity', reason: '公共救助后仍有困难', programmeId: prog },
        s.clerk,
      ),
    );
    expect(
      await s.call(
        'referrals.create',
        { householdId: id, idNumber: null, assistance: 'charity', reason: '重复', programmeId: prog },
        s.clerk,
      ),
    ).toMatchObject({ ok: false, error: { code: 'referral_exists' } });

    // The medical push list: full ID and name, the illness, no income.
    const push = v(await s.call('referrals.exportPushList', { department: 'medical_insurance' }, s.clerk));
    fs.writeFileSync(path.join(ART, push.fileName), Buffer.from(push.base64, 'base64'));
    const manifest = JSON.parse(push.manifest);
    expect(manifest).toMatchObject({ format: 'safetynet-push-list', department: 'medical_insurance', file: { rows: push.rows } });
    expect(manifest.referralNumbers).toContain(medical.number);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(push.base64, 'base64') as any);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as string[]).slice(1);
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
    expect(ws.getRow(rn).getCell(2).value).toBe(medical.idNumber ?? hh.members[0].idNumber);
    expect(v(await s.call('referrals.get', { id: medical.id }, s.clerk)).status).toBe('pushed');
    expect(await s.call('referrals.exportPushList', { department: 'medical_insurance' }, s.clerk)).toMatchObject({
      ok: false,
      error: { code: 'nothing_to_push' },
    });

    const cpush = v(await s.call('referrals.exportPushList', { department: 'charity', organisationId: org }, s.clerk));
    const cwb = new ExcelJS.Workbook();
    await cwb.xlsx.load(Buffer.from(cpush.base64, 'base64') as any);
    const crow = cwb.worksheets[0].getRow(2);
    expect(crow.getCell(2).value).toBe(maskIdNumber(hh.members[0].idNumber));
    expect(crow.getCell(3).value).toBe(maskName('欧阳建华'));

    // The department fills in the list and returns it: the feedback file.
    ws.getRow(rn).getCell(header.findIndex((h) => h.startsWith('结果')) + 1).value = 'assisted';
    ws.getRow(rn).getCell(header.findIndex((h) => h.startsWith('金额')) + 1).value = 3200.5;
    ws.getRow(rn).getCell(header.findIndex((h) => h.startsWith('物品')) + 1).value = '住院自付费用救助';
    ws.getRow(rn).getCell(header.findIndex((h) => h.startsWith('日期')) + 1).value = '2026-11-25';
    const bogus = ws.addRow(['ZJ-2026-999999', hh.members[0].idNumber, '', '', '', '', '', '', 'assisted', '', '', '2026-11-25', '']);
    void bogus;
    const parsed = await parseFeedbackXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(parsed.problems).toEqual([]);
    const wrongId = { ...parsed.rows[0], row: 99, referralNumber: charity.number, idNumber: idFor('1990-01-01', 77) };
    const fb = v(
      await s.call(
        'referrals.applyFeedback',
        { file: { name: 'feedback.xlsx', sha256: 'x'.repeat(64) }, rows: [...parsed.rows, wrongId] },
        s.clerk,
      ),
    );
    expect(fb.applied).toBe(1);
    expect(fb.rejected.map((r: any) => r.column).sort()).toEqual(['idNumber', 'referralNumber']);
    const again = v(
      await s.call(
        'referrals.applyFeedback',
        { file: { name: 'feedback.xlsx', sha256: 'x'.repeat(64) }, rows: parsed.rows.filter((r) => r.referralNumber === medical.number) },
        s.clerk,
      ),
    );
    expect(again.rejected[0].reason).toMatch(/already recorded/);
    // A charity result returned with the masked number is accepted.
    const cfb = v(
      await s.call(
        'referrals.applyFeedback',
        {
          file: { name: 'c.xlsx', sha256: 'y'.repeat(64) },
          rows: [
            {
              row: 2,
              referralNumber: charity.number,
              idNumber: maskIdNumber(hh.members[0].idNumber),
              result: 'declined',
              amountFen: null,
              item: null,
              date: '2026-11-26',
              reason: '项目名额已满',
            },
          ],
        },
        s.clerk,
      ),
    );
    expect(cfb.applied).toBe(1);

    const med = v(await s.call('referrals.get', { id: medical.id }, s.clerk));
    expect(med).toMatchObject({
      status: 'completed',
      result: 'assisted',
      amountFen: 320050,
      item: '住院自付费用救助',
      resultDate: '2026-11-25',
    });
    expect(med.events.map((e: any) => e.status)).toEqual(['drafted', 'pushed', 'completed']);

    // Chain and happiness list.
    const chain = v(await s.call('chain.list', { householdId: id }, s.clerk));
    const result = chain.find((e: any) => e.kind === 'department_result' && e.refId === medical.id);
    expect(result).toMatchObject({ department: 'medical_insurance', amountFen: 320050, status: 'assisted' });
    expect(chain.some((e: any) => e.kind === 'referral' && e.status === 'pushed')).toBe(true);
    const happy = v(await s.call('chain.happiness', { householdId: id }, s.clerk));
    const statuses = Object.fromEntries(happy.items.map((i: any) => [`${i.kind}:${i.assistance}:${i.idNumber ?? ''}`, i.status]));
    expect(statuses[`entitlement:medical:${medical.idNumber ?? ''}`]).toBe('received');
    expect(statuses['referral:charity:']).toBe('declined');
    expect(happy.items.find((i: any) => i.kind === 'entitlement' && i.assistance === 'education').status).toBe('pending');
    expect(happy.items.find((i: any) => i.kind === 'cash')).toMatchObject({ status: 'pending', amountFen: benefit });

    // The month: roles, roster, close, lock, adjustment in the next month.
    expect(await s.call('payments.close', { month: '2026-12' }, s.clerk)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(v(await s.call('payments.roster', { month: '2026-11' }, s.clerk)).total).toBe(0);
    const roster = v(await s.call('payments.roster', { month: '2026-12' }, s.clerk));
    expect(roster.rows).toHaveLength(1);
    expect(roster.rows[0]).toMatchObject({ householdId: id, tier: 'dibao', amountFen: benefit, size: 2, headName: '欧阳建华' });
    expect(roster.rows[0].baseFen + roster.rows[0].addonFen).toBe(benefit);
    expect(v(await s.call('payments.close', { month: '2026-12' }, s.manager))).toEqual({ recipients: 1, totalFen: benefit });
    expect(await s.call('payments.close', { month: '2026-12' }, s.manager)).toMatchObject({ ok: false, error: { code: 'month_closed' } });
    const changes = v(await s.call('payments.changes', { month: '2026-12' }, s.clerk));
    expect(changes.rows).toEqual([
      expect.objectContaining({
        kind: 'added',
        householdId: id,
        amountFen: benefit,
        reasons: [expect.stringContaining(`第 ${p} 号认定自 2026-12 起执行`)],
      }),
    ]);
    expect(
      v(await s.call('payments.adjust', { householdId: id, forMonth: '2026-12', amountFen: 5000, reason: '分类施保漏发' }, s.manager))
        .appliedMonth,
    ).toBe('2027-01');
    expect(v(await s.call('payments.roster', { month: '2026-12' }, s.clerk)).rows[0].amountFen).toBe(benefit);
    const jan = v(await s.call('payments.roster', { month: '2027-01' }, s.clerk)).rows[0];
    expect(jan).toMatchObject({ adjustFen: 5000, amountFen: benefit + 5000 });
    expect(v(await s.call('chain.happiness', { householdId: id }, s.clerk)).items.find((i: any) => i.kind === 'cash')).toMatchObject({
      status: 'received',
      date: '2026-12',
    });

    // Printing: the clerk may print the chain, not the monthly lists.
    expect(await s.call('reports.render', { kind: 'roster', month: '2026-12', format: 'html' }, s.clerk)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const rosterPdf = v(await s.call('reports.render', { kind: 'roster', month: '2026-12', format: 'pdf' }, s.manager));
    const rf = path.join(ART, 'roster-2026-12.pdf');
    fs.writeFileSync(rf, Buffer.from(rosterPdf.base64, 'base64'));
    png(rf, 'roster-page1');
    const rt = pdfText(rf);
    expect(pdfPages(rf)).toBe(rosterPdf.pages);
    expect(rt).toContain('示范县社会救助金发放花名册');
    expect(rt).toContain('2026年12月');
    expect(rt).toContain('欧阳建华');
    expect(rt).toContain(maskIdNumber(hh.members[0].idNumber));
    expect(rt).not.toContain(hh.members[0].idNumber);
    expect(rt).toContain(formatFen(benefit));
    expect(rt).toMatch(/总计 1 户/);
    expect(rt).toMatch(/第\s*1\s*页\s*共\s*1\s*页/);
    for (const w of ['制表人', '审核人', '负责人', '日期']) expect(rt).toContain(w);

    const pub = v(await s.call('reports.render', { kind: 'publicity', month: '2026-12', format: 'pdf' }, s.manager));
    const pf = path.join(ART, 'publicity-2026-12.pdf');
    fs.writeFileSync(pf, Buffer.from(pub.base64, 'base64'));
    png(pf, 'publicity-page1');
    const pt = pdfText(pf);
    expect(pt).toContain(maskName('欧阳建华'));
    expect(pt).not.toContain('欧阳建华');
    expect(pt).not.toContain(hh.members[0].idNumber);
    expect(pt).not.toContain(hh.members[0].idNumber.slice(6, 14));
    expect(pt).toContain(formatFen(benefit));

    const chainPdf = v(await s.call('reports.render', { kind: 'chain', householdId: id, format: 'pdf' }, s.clerk));
    const cf = path.join(ART, 'chain.pdf');
    fs.writeFileSync(cf, Buffer.from(chainPdf.base64, 'base64'));
    png(cf, 'chain-page1');
    const ct = pdfText(cf);
    expect(ct).toContain('一户一救助链');
    expect(ct).toContain('幸福清单');
    expect(ct).toContain('3,200.50');

    const xlsx = v(await s.call('reports.render', { kind: 'roster', month: '2026-12', format: 'xlsx' }, s.manager));
    const xwb = new ExcelJS.Workbook();
    await xwb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as any);
    expect(xwb.worksheets[0].getRow(4).getCell(14).value).toBe(benefit / 100);
    expect(xwb.worksheets[0].getRow(4).getCell(14).numFmt).toBe('#,##0.00');

    const dash = v(await s.call('dashboard.summary', {}, s.clerk));
    expect(dash.month).toBe('2027-01');
    expect(dash.total.recipients).toBe(1);
    expect(dash.trend).toHaveLength(1);
    expect(dash.referrals.byDepartmentStatus.length).toBeGreaterThan(0);
  }, 120_000);

  it('escalates pushed referrals past their due date to the manager', async () => {
    const s = await office();
    const id = v(await s.call('households.create', { household: household() }, s.clerk)).id;
    const r = v(
      await s.call(
        'referrals.create',
        { householdId: id, idNumber: null, assistance: 'housing', reason: '房屋漏雨，申请危房改造' },
        s.clerk,
      ),
    );
    v(await s.call('referrals.exportPushList', { department: 'housing' }, s.clerk));
    expect(v(await s.call('referrals.escalateOverdue', {}, s.clerk)).escalated).toBe(0);
    s.setNow(new Date('2026-12-30T09:00:00Z'));
    expect(v(await s.call('referrals.list', { overdue: true }, s.manager)).rows.map((x: any) => x.id)).toEqual([r.id]);
    expect(v(await s.call('referrals.escalateOverdue', {}, s.clerk)).escalated).toBe(1);
    expect(v(await s.call('referrals.escalateOverdue', {}, s.clerk)).escalated).toBe(0);
    const got = v(await s.call('referrals.get', { id: r.id }, s.manager));
    expect(got.escalatedAt).not.toBeNull();
    expect(got.events.map((e: any) => e.status)).toEqual(['drafted', 'pushed', 'escalated']);
    expect(v(await s.call('dashboard.summary', {}, s.manager)).queue.overdueReferrals).toBe(1);
  });

  it('lists referrals of one township or one village', async () => {
    const s = await office();
    const east = v(
      await s.call('households.create', { household: household({ area: { township: '城关镇', village: '东街社区' } }) }, s.clerk),
    ).id;
    const west = v(
      await s.call(
        'households.create',
        {
          household: household({
            area: { township: '城关镇', village: '西街社区' },
            members: [{ idNumber: idFor('1961-03-04', 31), name: '西街户主', relation: 'head', status: 'present' }],
          }),
        },
        s.clerk,
      ),
    ).id;
    const river = v(
      await s.call(
        'households.create',
        {
          household: household({
            area: { township: '河西乡', village: '柳树村' },
            members: [{ idNumber: idFor('1962-05-06', 32), name: '柳树户主', relation: 'head', status: 'present' }],
          }),
        },
        s.clerk,
      ),
    ).id;
    for (const id of [east, west, river])
      v(await s.call('referrals.create', { householdId: id, idNumber: null, assistance: 'housing', reason: '房屋漏雨' }, s.clerk));
    const areas = v(await s.call('areas.list', {}, s.clerk)) as { id: number; name: string; level: string }[];
    const idOf = (name: string) => areas.find((a) => a.name === name)!.id;
    const households = async (filter: object) => {
      const r = v(await s.call('referrals.list', filter, s.clerk));
      expect(r.total).toBe(r.rows.length);
      return r.rows.map((x: any) => x.householdId).sort((a: number, b: number) => a - b);
    };
    expect(await households({ townshipId: idOf('城关镇') })).toEqual([east, west].sort((a, b) => a - b));
    expect(await households({ villageId: idOf('西街社区') })).toEqual([west]);
    expect(await households({ townshipId: idOf('河西乡') })).toEqual([river]);
    expect(await households({})).toHaveLength(3);
  });
});
