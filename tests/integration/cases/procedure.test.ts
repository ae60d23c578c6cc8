/**
 * A case through the service (docs/rules/workstations.md, "Delegation, time limits and checks"): each stage recorded with
 * who and at which level, what each move needs, an objection → appraisal → decision, a relative of staff held at the
 * investigation until the county visits, and the extension rule (30 → reason and a manager; 45 refused).
 */
import { describe, expect, it } from 'vitest';
import { CallError } from '../../fixtures/builders';
import { office } from './helpers';

const refused = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof CallError) return e.error;
    throw e;
  }
  throw new Error('the call was not refused');
};

const visit = { kind: 'home_visit' as const, level: 'township' as const, staff: ['李四', '王五'], findings: '家中无劳动力，住房简陋' };

describe('a case on the clock', () => {
  it('records each stage with who and where, and checks what a stage needs', async () => {
    const s = await office('2026-09-01');
    const hid = await s.newHousehold();
    const { api, clerk, manager } = s;
    const { id } = await api.value(
      'cases.open',
      { householdId: hid, tierApplied: 'dibao', receivedOn: '2026-09-01', relativeOfStaff: false },
      clerk,
    );
    let c = await api.value('cases.get', { id }, clerk);
    expect(c).toMatchObject({ stage: 'received', township: '城关镇', limit: 'investigation_start', dueOn: '2026-09-04', daysLeft: 3 });
    // A second application of the same household while this one is open is refused.
    expect(
      (
        await refused(
          api.value('cases.open', { householdId: hid, tierApplied: 'dibao', receivedOn: '2026-09-01', relativeOfStaff: false }, clerk),
        )
      ).code,
    ).toBe('case_open');
    // Publicity before the investigation, and a one-person visit, are refused.
    expect((await refused(api.value('cases.record', { id, step: { kind: 'publicity', on: '2026-09-01' } }, clerk))).code).toBe(
      'wrong_stage',
    );
    expect((await refused(api.value('cases.record', { id, step: { ...visit, on: '2026-09-01', staff: ['李四'] } }, clerk))).field).toBe(
      'step.staff',
    );
    s.setDate('2026-09-03');
    await api.value('cases.record', { id, step: { kind: 'investigation_started', on: '2026-09-02' } }, clerk);
    expect((await refused(api.value('cases.record', { id, step: { kind: 'investigated', on: '2026-09-03' } }, clerk))).code).toBe(
      'needs_visit',
    );
    await api.value('cases.record', { id, step: { ...visit, on: '2026-09-03' } }, clerk);
    await api.value('cases.record', { id, step: { kind: 'investigated', on: '2026-09-03' } }, clerk);
    c = await api.value('cases.get', { id }, clerk);
    expect(c).toMatchObject({ stage: 'investigated', limit: 'check_start', dueOn: '2026-09-08' });
    s.setDate('2026-09-07');
    await api.value('cases.record', { id, step: { kind: 'check_started', on: '2026-09-07' } }, clerk);
    await api.value('cases.record', { id, step: { kind: 'publicity', on: '2026-09-07' } }, clerk);
    c = await api.value('cases.get', { id }, clerk);
    expect(c).toMatchObject({ stage: 'publicised', publicityFrom: '2026-09-07', publicityTo: '2026-09-13' });
    expect(c.events.map((e) => [e.kind, e.level, e.recordedBy, e.onDate])).toEqual([
      ['investigation_started', 'township', 'clerk1', '2026-09-02'],
      ['home_visit', 'township', 'clerk1', '2026-09-03'],
      ['investigated', 'township', 'clerk1', '2026-09-03'],
      ['check_started', 'county', 'clerk1', '2026-09-07'],
      ['publicity', 'township', 'clerk1', '2026-09-07'],
    ]);
    expect(c.events[1].detail).toEqual({ staff: ['李四', '王五'], findings: visit.findings });
    // The publicity list masks the name.
    const pub = await api.value('cases.publicity', {}, clerk);
    expect(pub).toEqual([expect.objectContaining({ id, name: '张*明', size: 1, publicityTo: '2026-09-13' })]);
    // Deciding during publicity is refused; a clerk may not decide at all.
    s.setDate('2026-09-13');
    expect(
      (await refused(api.value('cases.decide', { id, on: '2026-09-13', decision: 'decided', reason: '符合条件' }, manager))).code,
    ).toBe('publicity_running');
    expect((await refused(api.value('cases.decide', { id, on: '2026-09-13', decision: 'decided', reason: '符合条件' }, clerk))).code).toBe(
      'forbidden',
    );
    s.setDate('2026-09-14');
    expect((await refused(api.value('cases.decide', { id, on: '2026-09-14', decision: 'refused', reason: '不符合' }, manager))).code).toBe(
      'refusal_reason',
    );
    await api.value('cases.decide', { id, on: '2026-09-14', decision: 'decided', reason: '经调查公示，符合低保条件' }, manager);
    c = await api.value('cases.get', { id }, clerk);
    expect(c).toMatchObject({ stage: 'decided', closedOn: '2026-09-14', overdue: false, limit: null, decidedAt: 'county', workingDays: 9 });
    expect(
      (await refused(api.value('cases.record', { id, step: { kind: 'withdrawn', on: '2026-09-14', reason: '撤回' } }, clerk))).code,
    ).toBe('case_closed');
    const audit = s.store.raw.prepare(`SELECT action FROM audit_log WHERE entity = 'case' AND entity_id = ? ORDER BY seq`).all(String(id));
    expect(audit.map((a) => (a as { action: string }).action)).toEqual([
      'create',
      'investigation_started',
      'home_visit',
      'investigated',
      'check_started',
      'publicity',
      'decided',
    ]);
  });

  it('an objection opens democratic appraisal, whose minutes come before the decision', async () => {
    const s = await office('2026-09-01');
    const { api, clerk, manager } = s;
    const { id } = await api.value(
      'cases.open',
      { householdId: await s.newHousehold(), tierApplied: 'tekun', receivedOn: '2026-09-01', relativeOfStaff: false },
      clerk,
    );
    await api.value('cases.record', { id, step: { kind: 'investigation_started', on: '2026-09-01' } }, clerk);
    await api.value('cases.record', { id, step: { ...visit, on: '2026-09-01' } }, clerk);
    await api.value('cases.record', { id, step: { kind: 'investigated', on: '2026-09-01' } }, clerk);
    await api.value('cases.record', { id, step: { kind: 'publicity', on: '2026-09-01' } }, clerk);
    // No objection: no appraisal (it is held only when publicity raised one).
    expect(
      (
        await refused(
          api.value('cases.record', { id, step: { kind: 'appraisal', on: '2026-09-01', minutes: '…', outcome: 'eligible' } }, clerk),
        )
      ).code,
    ).toBe('no_objection');
    s.setDate('2026-09-03');
    await api.value(
      'cases.record',
      { id, step: { kind: 'objection', on: '2026-09-03', what: '其子在外务工收入较高', handling: '提交民主评议' } },
      clerk,
    );
    s.setDate('2026-09-10');
    expect(
      (await refused(api.value('cases.record', { id, step: { kind: 'objection', on: '2026-09-10', what: '逾期', handling: '—' } }, clerk)))
        .code,
    ).toBe('outside_publicity');
    expect(
      (await refused(api.value('cases.decide', { id, on: '2026-09-10', decision: 'decided', reason: '符合条件' }, manager))).code,
    ).toBe('needs_appraisal');
    await api.value(
      'cases.record',
      { id, step: { kind: 'appraisal', on: '2026-09-09', minutes: '村民代表 11 人到会，核实其子已婚另立户', outcome: 'eligible' } },
      clerk,
    );
    const c0 = await api.value('cases.get', { id }, clerk);
    expect(c0).toMatchObject({ objection: true, appraised: true });
    await api.value('cases.decide', { id, on: '2026-09-10', decision: 'decided', reason: '经民主评议，符合特困条件' }, manager);
    expect((await api.value('cases.get', { id }, clerk)).stage).toBe('decided');
  });

  it('a close relative of staff is listed apart and cannot pass the investigation without a county home visit', async () => {
    const s = await office('2026-09-01');
    const { api, clerk } = s;
    expect(
      (
        await refused(
          api.value(
            'cases.open',
            { householdId: await s.newHousehold(), tierApplied: 'dibao', receivedOn: '2026-09-01', relativeOfStaff: true },
            clerk,
          ),
        )
      ).field,
    ).toBe('relativeNote');
    const { id } = await api.value(
      'cases.open',
      {
        householdId: await s.newHousehold(),
        tierApplied: 'dibao',
        receivedOn: '2026-09-01',
        relativeOfStaff: true,
        relativeNote: '村会计王某之兄',
      },
      clerk,
    );
    await api.value('cases.record', { id, step: { kind: 'investigation_started', on: '2026-09-01' } }, clerk);
    await api.value('cases.record', { id, step: { ...visit, on: '2026-09-01' } }, clerk);
    expect((await refused(api.value('cases.record', { id, step: { kind: 'investigated', on: '2026-09-01' } }, clerk))).code).toBe(
      'needs_county_visit',
    );
    await api.value('cases.record', { id, step: { ...visit, level: 'county', on: '2026-09-01', staff: ['县局赵六', '县局钱七'] } }, clerk);
    await api.value('cases.record', { id, step: { kind: 'investigated', on: '2026-09-01' } }, clerk);
    const list = await api.value('cases.list', { relativeOfStaff: true }, clerk);
    expect(list.items.map((r) => r.id)).toEqual([id]);
    expect(list.total).toBe(1);
  });

  it('an extension past 30 working days needs a reason and a manager; past 45 is refused', async () => {
    const s = await office('2026-09-01');
    const { api, clerk, manager } = s;
    const { id } = await api.value(
      'cases.open',
      { householdId: await s.newHousehold(), tierApplied: 'dibao', receivedOn: '2026-09-01', relativeOfStaff: false },
      clerk,
    );
    await api.value('cases.record', { id, step: { kind: 'investigation_started', on: '2026-09-01' } }, clerk);
    expect((await api.value('cases.get', { id }, clerk)).dueOn).toBe('2026-10-13');
    s.setDate('2026-10-14');
    expect((await api.value('cases.get', { id }, clerk)).overdue).toBe(true);
    expect((await refused(api.value('cases.extend', { id, on: '2026-10-14', reason: '需补充外省核对' }, clerk))).code).toBe('forbidden');
    expect((await refused(api.value('cases.extend', { id, on: '2026-10-14', reason: '' }, manager))).field).toBe('reason');
    await api.value('cases.extend', { id, on: '2026-10-14', reason: '需补充外省核对' }, manager);
    expect(await api.value('cases.get', { id }, clerk)).toMatchObject({ extended: true, dueOn: '2026-11-03', overdue: false });
    expect((await refused(api.value('cases.extend', { id, on: '2026-10-14', reason: '再次延长' }, manager))).code).toBe('extension_limit');
  });
});
