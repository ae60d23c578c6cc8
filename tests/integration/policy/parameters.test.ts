import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { adminService, household, idFor } from '../../fixtures/builders';
import { scanFinished } from '../../../src-main/scan/runner';

/** A lone urban adult with a small wage: dibao under the demo standard of 750 yuan. */
const poor = (seq: number, wage: number, village = '东街社区') =>
  household({
    area: { township: '城关镇', village },
    members: [
      {
        idNumber: idFor('1980-04-04', seq),
        name: `困难户${seq}`,
        relation: 'head',
        status: 'present',
        labour: 'employed',
        monthlyIncome: [{ type: 'wage', amount: wage }],
      },
    ],
  });

async function withManagers() {
  const s = await adminService();
  await s.call('users.create', { username: 'clerk1', displayName: '经办', role: 'clerk', password: 'secret2' });
  await s.call('users.create', { username: 'mgr1', displayName: '审核', role: 'manager', password: 'secret3' });
  const login = async (u: string, p: string) =>
    ((await s.call('auth.login', { username: u, password: p }, null)) as any).value.session as string;
  return { ...s, clerk: await login('clerk1', 'secret2'), manager: await login('mgr1', 'secret3') };
}

describe('parameters', () => {
  it('ship the demo-county defaults and keep history when an administrator adds a value', async () => {
    const s = await adminService({ now: () => new Date('2026-11-29T09:00:00Z') });
    const inForce = (await s.call('parameters.inForce', { date: '2026-11-01' })) as any;
    expect(inForce.value.id).toBe('county@2026-01-01');
    expect(inForce.value.values.urban['dibao.standard']).toBe(75000);
    const added = (await s.call('parameters.add', {
      parameterId: 'dibao.standard',
      effectiveFrom: '2027-01-01',
      urban: 80000,
      rural: 64000,
      rescan: false,
    })) as any;
    expect(added.ok).toBe(true);
    expect(((await s.call('parameters.inForce', { date: '2026-12-31' })) as any).value.values.urban['dibao.standard']).toBe(75000);
    expect(((await s.call('parameters.inForce', { date: '2027-01-01' })) as any).value.values.urban['dibao.standard']).toBe(80000);
    const rows = ((await s.call('parameters.list')) as any).value.filter((r: any) => r.parameterId === 'dibao.standard');
    expect(rows.map((r: any) => r.effectiveFrom)).toEqual(['2026-01-01', '2027-01-01']);
    expect(
      await s.call('parameters.add', { parameterId: 'addon.rate', effectiveFrom: '2027-01-01', urban: 15, rural: 0.15, rescan: false }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_parameter', field: 'urban' } });
  });

  it('are read by managers but changed only by administrators', async () => {
    const s = await withManagers();
    expect(await s.call('parameters.list', {}, s.manager)).toMatchObject({ ok: true });
    expect(await s.call('parameters.list', {}, s.clerk)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await s.call('parameters.add', { parameterId: 'dibao.standard', effectiveFrom: '2027-01-01', urban: 1, rural: 1 }, s.manager),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('determinations: maker-checker', () => {
  it('a clerk proposes, the same person cannot approve, a manager approves from next month', async () => {
    const s = await withManagers();
    const id = ((await s.call('households.create', { household: poor(11, 300) }, s.clerk)) as any).value.id;
    const screened = (await s.call('screening.evaluate', { householdId: id, referenceDate: '2026-11-01' }, s.clerk)) as any;
    expect(screened.value.output.tier).toBe('dibao');
    const p = (await s.call('determinations.propose', { householdId: id, referenceDate: '2026-11-01' }, s.clerk)) as any;
    expect(p.ok).toBe(true);
    expect(await s.call('determinations.propose', { householdId: id }, s.clerk)).toMatchObject({
      ok: false,
      error: { code: 'proposal_pending' },
    });
    expect(await s.call('determinations.decide', { id: p.value.id, decision: 'approved', reason: 'ok' }, s.clerk)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const pend = ((await s.call('determinations.pending', {}, s.manager)) as any).value;
    expect(pend).toHaveLength(1);
    expect(pend[0]).toMatchObject({ householdId: id, tier: 'dibao', previousTier: null, proposedBy: 'clerk1' });
    const d = (await s.call(
      'determinations.decide',
      { id: p.value.id, decision: 'approved', reason: '材料齐全，符合条件' },
      s.manager,
    )) as any;
    expect(d.ok).toBe(true);
    expect(d.value.effectiveMonth).toMatch(/^\d{4}-\d{2}$/);
    const h = ((await s.call('households.get', { id })) as any).value.household;
    expect(h.current.tier).toBe('dibao');
    expect(h.current.monthlyBenefit).toBe(screened.value.output.monthlyBenefit);
    const again = await s.call('determinations.decide', { id: p.value.id, decision: 'rejected', reason: 'x y' }, s.manager);
    expect(again).toMatchObject({ ok: false, error: { code: 'already_decided' } });
    const hist = ((await s.call('determinations.history', { householdId: id })) as any).value;
    expect(hist[0]).toMatchObject({ decision: 'approved', decidedBy: 'mgr1' });
  });

  it('a manager cannot approve a proposal they made', async () => {
    const s = await withManagers();
    const id = ((await s.call('households.create', { household: poor(13, 300) }, s.manager)) as any).value.id;
    const p = (await s.call('determinations.propose', { householdId: id }, s.manager)) as any;
    expect(await s.call('determinations.decide', { id: p.value.id, decision: 'approved', reason: '同意' }, s.manager)).toMatchObject({
      ok: false,
      error: { code: 'maker_checker' },
    });
  });

  it('re-explains a past decision exactly, from its own snapshot, after the household and parameters change', async () => {
    const s = await withManagers();
    const id = ((await s.call('households.create', { household: poor(15, 300) }, s.clerk)) as any).value.id;
    const p = ((await s.call('determinations.propose', { householdId: id, referenceDate: '2026-11-01' }, s.clerk)) as any).value.id;
    const before = ((await s.call('determinations.get', { id: p }, s.clerk)) as any).value;
    const h = ((await s.call('households.get', { id })) as any).value;
    h.household.members[0].monthlyIncome = [{ type: 'wage', amount: 5000 }];
    await s.call('households.update', { id, version: h.version, household: h.household }, s.clerk);
    await s.call('parameters.add', {
      parameterId: 'dibao.standard',
      effectiveFrom: '2026-06-01',
      urban: 90000,
      rural: 70000,
      rescan: false,
    });
    const after = ((await s.call('determinations.get', { id: p }, s.clerk)) as any).value;
    expect(after.output).toEqual(before.output);
    expect(after.input.members[0].monthlyIncome).toEqual([{ type: 'wage', amount: 300 }]);
    expect(after.parameters.values.urban['dibao.standard']).toBe(75000);
  });
});

describe('proactive scan', () => {
  it('finds the newly eligible and the no longer eligible in a worker thread, filters and exports them', async () => {
    const s = await withManagers();
    const a = ((await s.call('households.create', { household: poor(21, 300, '东街社区') })) as any).value.id; // eligible, no determination yet
    const rich = poor(23, 5000, '西街社区');
    (rich as any).current = { tier: 'dibao', monthlyBenefit: 500, gradualExitSince: null };
    rich.members[0].labour = 'retired' as any;
    rich.members[0].monthlyIncome = [{ type: 'pension', amount: 5000 }];
    const b = ((await s.call('households.create', { household: rich })) as any).value.id;
    await s.call('households.create', { household: poor(25, 20000, '西街社区') }); // never eligible: not listed
    const started = (await s.call('scan.start', { referenceDate: '2026-11-01' }, s.manager)) as any;
    expect(started.ok).toBe(true);
    await scanFinished(started.value.id);
    const st = ((await s.call('scan.status', { id: started.value.id }, s.manager)) as any).value;
    expect(st.error).toBeNull();
    expect(st).toMatchObject({ status: 'done', done: 3, total: 3 });
    expect(st.counts).toMatchObject({ newly_eligible: 1, no_longer_eligible: 1, unchanged: 1 });
    const all = ((await s.call('scan.results', { id: started.value.id }, s.clerk)) as any).value;
    expect(all.rows.map((r: any) => [r.householdId, r.kind])).toEqual([
      [a, 'newly_eligible'],
      [b, 'no_longer_eligible'],
    ]);
    expect(all.rows[0].reasons.join('\n')).toMatch(/dibao\.income/);
    const areas = ((await s.call('areas.list')) as any).value;
    const west = areas.find((x: any) => x.name === '西街社区').id;
    const filtered = ((await s.call('scan.results', { id: started.value.id, villageId: west }, s.clerk)) as any).value;
    expect(filtered.rows.map((r: any) => r.householdId)).toEqual([b]);
    const xlsx = ((await s.call('scan.exportXlsx', { id: started.value.id, kind: 'newly_eligible' }, s.clerk)) as any).value;
    expect(xlsx.rows).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as any);
    expect(wb.worksheets[0].getRow(2).getCell(2).value).toBe('困难户21');
  });

  it('runs after a parameter change, on the day it takes effect', async () => {
    const s = await withManagers();
    await s.call('households.create', { household: poor(31, 700) }); // 700 − 30% = 490 < 750 today; a higher standard raises the benefit
    const added = (
      (await s.call('parameters.add', { parameterId: 'dibao.standard', effectiveFrom: '2099-01-01', urban: 100000, rural: 80000 })) as any
    ).value;
    expect(added.scanId).toEqual(expect.any(Number));
    await scanFinished(added.scanId);
    const st = ((await s.call('scan.status', { id: added.scanId }, s.manager)) as any).value;
    expect(st).toMatchObject({
      status: 'done',
      trigger: 'parameter_change',
      referenceDate: '2099-01-01',
      parameterSet: 'county@2099-01-01',
    });
  });
});
