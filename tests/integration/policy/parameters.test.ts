import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { adminService, household, idFor, type HouseholdInput } from '../../fixtures/builders';
import { scanFinished } from '../../../src-main/scan/runner';

/** A lone urban adult with a small wage: dibao under the demo standard of 750 yuan. */
const poor = (seq: number, wage: number, village = '东街社区'): HouseholdInput =>
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
  const s = await adminService({}, [
    { username: 'clerk1', role: 'clerk' },
    { username: 'mgr1', role: 'manager' },
  ]);
  return { ...s, clerk: s.accounts.clerk1, manager: s.accounts.mgr1 };
}

describe('parameters', () => {
  it('ship the demo-county defaults and keep history when an administrator adds a value (a manager confirms it)', async () => {
    const { api, admin } = await adminService({ now: () => new Date('2026-11-29T09:00:00Z') });
    const inForce = await api.value('parameters.inForce', { date: '2026-11-01' });
    expect(inForce.id).toBe('county@2026-01-01');
    expect(inForce.values.urban['dibao.standard']).toBe(75000);
    const asked = await admin.value('parameters.add', {
      parameterId: 'dibao.standard',
      effectiveFrom: '2027-01-01',
      urban: 80000,
      rural: 64000,
      rescan: false,
    });
    await api.value('requests.confirm', { id: asked.id });
    expect((await api.value('parameters.inForce', { date: '2026-12-31' })).values.urban['dibao.standard']).toBe(75000);
    expect((await api.value('parameters.inForce', { date: '2027-01-01' })).values.urban['dibao.standard']).toBe(80000);
    const rows = (await api.value('parameters.list', {})).filter((r) => r.parameterId === 'dibao.standard');
    expect(rows.map((r) => r.effectiveFrom)).toEqual(['2026-01-01', '2027-01-01']);
    expect(
      await api.call('parameters.add', { parameterId: 'addon.rate', effectiveFrom: '2027-01-01', urban: 15, rural: 0.15, rescan: false }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_parameter', field: 'urban' } });
    // A parameter the county does not have is refused at the boundary, named.
    expect(await api.raw('parameters.add', { parameterId: 'dibao.bonus', effectiveFrom: '2027-01-01', urban: 1, rural: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'parameterId' },
    });
  });

  it('are read by managers and the administrator, changed by two people (docs/security.md), never by a clerk', async () => {
    const s = await withManagers();
    expect(await s.api.call('parameters.list', {}, s.manager)).toMatchObject({ ok: true });
    expect(await s.api.call('parameters.list', {}, s.clerk)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await s.api.call('parameters.add', { parameterId: 'dibao.standard', effectiveFrom: '2027-01-01', urban: 1, rural: 1 }, s.clerk),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await s.api.call('parameters.add', { parameterId: 'dibao.standard', effectiveFrom: '2027-01-01', urban: 1, rural: 1 }, s.manager),
    ).toMatchObject({ ok: true, value: { status: 'pending' } });
  });
});

describe('determinations: maker-checker', () => {
  it('a clerk proposes, the same person cannot approve, a manager approves from next month', async () => {
    const { api, clerk, manager } = await withManagers();
    const { id } = await api.value('households.create', { household: poor(11, 300) }, clerk);
    const screened = await api.value('screening.evaluate', { householdId: id, referenceDate: '2026-11-01' }, clerk);
    expect(screened.output.tier).toBe('dibao');
    const p = await api.value('determinations.propose', { householdId: id, referenceDate: '2026-11-01' }, clerk);
    expect(await api.call('determinations.propose', { householdId: id }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'proposal_pending' },
    });
    expect(await api.call('determinations.decide', { id: p.id, decision: 'approved', reason: 'ok' }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const pend = await api.value('determinations.pending', {}, manager);
    expect(pend).toHaveLength(1);
    expect(pend[0]).toMatchObject({ householdId: id, tier: 'dibao', previousTier: null, proposedBy: 'clerk1' });
    const d = await api.value('determinations.decide', { id: p.id, decision: 'approved', reason: '材料齐全，符合条件' }, manager);
    expect(d.effectiveMonth).toMatch(/^\d{4}-\d{2}$/);
    const h = (await api.value('households.get', { id })).household;
    expect(h.current?.tier).toBe('dibao');
    expect(h.current?.monthlyBenefit).toBe(screened.output.monthlyBenefit);
    const again = await api.call('determinations.decide', { id: p.id, decision: 'rejected', reason: 'x y' }, manager);
    expect(again).toMatchObject({ ok: false, error: { code: 'already_decided' } });
    const hist = await api.value('determinations.history', { householdId: id });
    expect(hist[0]).toMatchObject({ decision: 'approved', decidedBy: 'mgr1' });
  });

  it('a manager cannot approve a proposal they made', async () => {
    const { api, manager } = await withManagers();
    const { id } = await api.value('households.create', { household: poor(13, 300) }, manager);
    const p = await api.value('determinations.propose', { householdId: id }, manager);
    expect(await api.call('determinations.decide', { id: p.id, decision: 'approved', reason: '同意' }, manager)).toMatchObject({
      ok: false,
      error: { code: 'maker_checker' },
    });
  });

  it('re-explains a past decision exactly, from its own snapshot, after the household and parameters change', async () => {
    const { api, clerk, manager } = await withManagers();
    const { id } = await api.value('households.create', { household: poor(15, 300) }, clerk);
    const p = (await api.value('determinations.propose', { householdId: id, referenceDate: '2026-11-01' }, clerk)).id;
    const before = await api.value('determinations.get', { id: p }, clerk);
    const h = await api.value('households.get', { id });
    h.household.members[0].monthlyIncome = [{ type: 'wage', amount: 5000 }];
    await api.value('households.update', { id, version: h.version, household: h.household }, clerk);
    const asked = await api.value('parameters.add', {
      parameterId: 'dibao.standard',
      effectiveFrom: '2026-06-01',
      urban: 90000,
      rural: 70000,
      rescan: false,
    });
    await api.value('requests.confirm', { id: asked.id }, manager);
    const after = await api.value('determinations.get', { id: p }, clerk);
    expect(after.output).toEqual(before.output);
    expect(after.input.members[0].monthlyIncome).toEqual([{ type: 'wage', amount: 300 }]);
    expect(after.parameters.values.urban['dibao.standard']).toBe(75000);
  });
});

describe('proactive scan', () => {
  it('finds the newly eligible and the no longer eligible in a worker thread, filters and exports them', async () => {
    const { api, clerk, manager } = await withManagers();
    const a = (await api.value('households.create', { household: poor(21, 300, '东街社区') })).id; // eligible, no determination yet
    const rich = poor(23, 5000, '西街社区');
    rich.current = { tier: 'dibao', monthlyBenefit: 500, gradualExitSince: null };
    rich.members[0].labour = 'retired';
    rich.members[0].monthlyIncome = [{ type: 'pension', amount: 5000 }];
    const b = (await api.value('households.create', { household: rich })).id;
    await api.value('households.create', { household: poor(25, 20000, '西街社区') }); // never eligible: not listed
    const started = await api.value('scan.start', { referenceDate: '2026-11-01' }, manager);
    await scanFinished(started.id);
    const st = await api.value('scan.status', { id: started.id }, manager);
    expect(st?.error).toBeNull();
    expect(st).toMatchObject({ status: 'done', done: 3, total: 3 });
    expect(st?.counts).toMatchObject({ newly_eligible: 1, no_longer_eligible: 1, unchanged: 1 });
    const all = await api.value('scan.results', { id: started.id }, clerk);
    expect(all.rows.map((r) => [r.householdId, r.kind])).toEqual([
      [a, 'newly_eligible'],
      [b, 'no_longer_eligible'],
    ]);
    // The rule's title, not its code; people by relation and name, never by ID number (issue 21).
    const text = all.rows.flatMap((r) => r.reasons).join('\n');
    expect(all.rows[0].reasons.join('\n')).toMatch(/Dibao: income test/);
    expect(text).not.toMatch(/\[dibao\.|\d{17}[\dX]/);
    const west = (await api.value('areas.list', {})).find((x) => x.name === '西街社区')?.id;
    const filtered = await api.value('scan.results', { id: started.id, villageId: west }, clerk);
    expect(filtered.rows.map((r) => r.householdId)).toEqual([b]);
    const xlsx = await api.value('scan.exportXlsx', { id: started.id, kind: 'newly_eligible' }, clerk);
    expect(xlsx.rows).toBe(1);
    const wb = new ExcelJS.Workbook();
    const bytes = Buffer.from(xlsx.base64, 'base64');
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    // Row 1 is the title (the office and the list), row 2 the header, the rows from 3 (shared/list-xlsx.ts).
    expect(wb.worksheets[0].getRow(3).getCell(2).value).toBe('困难户21');
  });

  it('runs after a parameter change, on the day it takes effect', async () => {
    const { api, manager } = await withManagers();
    await api.value('households.create', { household: poor(31, 700) }); // 700 − 30% = 490 < 750 today; a higher standard raises the benefit
    const asked = await api.value('parameters.add', {
      parameterId: 'dibao.standard',
      effectiveFrom: '2099-01-01',
      urban: 100000,
      rural: 80000,
    });
    // The scan starts when a second manager confirms the change (docs/security.md).
    expect(await api.value('scan.status', {}, manager)).toBeNull();
    await api.value('requests.confirm', { id: asked.id }, manager);
    const scanId = (await api.value('scan.status', {}, manager))?.id ?? 0;
    await scanFinished(scanId);
    const st = await api.value('scan.status', { id: scanId }, manager);
    expect(st).toMatchObject({
      status: 'done',
      trigger: 'parameter_change',
      referenceDate: '2099-01-01',
      parameterSet: 'county@2099-01-01',
    });
  });
});
