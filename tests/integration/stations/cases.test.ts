/**
 * Applications travel with the station packages (docs/stations.md "Cases in packages"): stages recorded at a township reach the
 * county with their dates and are timed there on the county's calendar — overdue on its dashboard and per-township list —, the
 * county's check and decision come back down, a replayed package adds nothing, and an unknown household refuses the package.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase, recordStep } from '../../../src-main/cases/cases';
import { getCase } from '../../../src-main/cases/read';
import { townshipProgress } from '../../../src-main/cases/list';
import { dashboardSummary } from '../../../src-main/dashboard/summary';
import { createHousehold, mustLoadHousehold, updateHousehold } from '../../../src-main/registry/edit';
import { conflictDetail, resolveConflict } from '../../../src-main/stations/conflicts';
import { rowCount } from '../../fixtures/builders';
import { actorOf, family, gidOf, idOfGid, receive, send, world, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await world();
  // The county keeps a holiday the township's calendar does not know: the county's deadlines are counted on its own calendar.
  w.county.raw
    .prepare(`INSERT INTO work_calendar (date, kind, name) VALUES ('2026-03-09', 'holiday', '县假日'), ('2026-03-10', 'holiday', '县假日')`)
    .run();
}, 60_000);
afterAll(async () => w?.close());

const at = (d: string) => new Date(`${d}T09:00:00Z`);
const caseIdOfGid = (raw: World['county']['raw'], gid: string) =>
  (raw.prepare('SELECT id FROM cases WHERE gid = ?').get(gid) as { id: number } | undefined)?.id;
const tables = ['cases', 'case_events', 'households', 'station_packages', 'station_waiting', 'audit_log'] as const;
const counts = (raw: World['county']['raw']) => Object.fromEntries(tables.map((t) => [t, rowCount(raw, t)]));

describe('cases in station packages', () => {
  let caseA = 0;
  let caseGid = '';
  let upPackage = '';

  it('a township receives an application and records its investigation and a two-staff visit, under its own station id', () => {
    const clerk = actorOf(w.a.raw, 'clerkA');
    const hid = createHousehold(w.a.raw, family('城关镇', '东街社区', 401, '钱申请'), clerk, at('2026-03-02')).id;
    caseA = openCase(
      w.a.raw,
      { householdId: hid, tierApplied: 'dibao', receivedOn: '2026-03-02', relativeOfStaff: false },
      clerk,
      at('2026-03-02'),
    );
    recordStep(w.a.raw, caseA, { kind: 'investigation_started', on: '2026-03-03' }, clerk, at('2026-03-03'));
    recordStep(
      w.a.raw,
      caseA,
      { kind: 'home_visit', on: '2026-03-04', level: 'township', staff: ['李四', '王五'], findings: '属实' },
      clerk,
      at('2026-03-04'),
    );
    recordStep(w.a.raw, caseA, { kind: 'investigated', on: '2026-03-05' }, clerk, at('2026-03-05'));
    caseGid = `${w.stationA}:c${caseA}`;
    const c = getCase(w.a.raw, caseA, at('2026-03-05'));
    expect(c.station).toBe(w.stationA);
    expect(c.events.map((e) => e.station)).toEqual([w.stationA, w.stationA, w.stationA]);
    expect(w.a.raw.prepare('SELECT gid FROM cases').pluck().all()).toEqual([caseGid]);
    // The county's check is not the township's to record.
    expect(() => recordStep(w.a.raw, caseA, { kind: 'check_started', on: '2026-03-05' }, clerk, at('2026-03-05'))).toThrow(
      /may not record/,
    );
  });

  it('the package goes up: the county has the case with its stages and dates, timed and overdue on its own calendar', async () => {
    expect(dashboardSummary(w.county.raw, at('2026-03-13')).cases.overdue).toBe(0);
    upPackage = await send(w, w.a, 'county', 'clerkA');
    const up = await receive(w.county, upPackage, 'clerkA');
    expect(up).toMatchObject({ status: 'applied', applied: { households: 1, cases: 1, caseEvents: 3 }, conflicts: 0 });
    const id = caseIdOfGid(w.county.raw, caseGid)!;
    const c = getCase(w.county.raw, id, at('2026-03-11'));
    expect(c.householdId).toBe(idOfGid(w.county.raw, gidOf(w.a.raw, getCase(w.a.raw, caseA, at('2026-03-11')).householdId)));
    expect(c).toMatchObject({ station: w.stationA, township: '城关镇', receivedOn: '2026-03-02', stage: 'investigated' });
    expect(c.events.map((e) => [e.kind, e.onDate, e.level, e.station, e.recordedBy])).toEqual([
      ['investigation_started', '2026-03-03', 'township', w.stationA, 'clerkA'],
      ['home_visit', '2026-03-04', 'township', w.stationA, 'clerkA'],
      ['investigated', '2026-03-05', 'township', w.stationA, 'clerkA'],
    ]);
    expect(c.events[1].detail).toEqual({ staff: ['李四', '王五'], findings: '属实' });
    // The county's check is due 3 working days after the investigation — 12 March on its calendar (9 and 10 March are its
    // holidays), 10 March on the township's.
    expect(c).toMatchObject({ limit: 'check_start', dueOn: '2026-03-12', overdue: false });
    expect(getCase(w.a.raw, caseA, at('2026-03-11'))).toMatchObject({ dueOn: '2026-03-10', overdue: true });
    const late = getCase(w.county.raw, id, at('2026-03-13'));
    expect(late).toMatchObject({ overdue: true, daysLeft: -1, workingDays: 7 });
    const dash = dashboardSummary(w.county.raw, at('2026-03-13'));
    expect(dash.cases.overdue).toBe(1);
    expect(dash.cases.overdueByTownship['城关镇']?.n).toBe(1);
    expect(dash.queue.overdueCases).toBe(1);
    expect(townshipProgress(w.county.raw, '2026-03', '2026-03-13').find((t) => t.township === '城关镇')).toMatchObject({
      received: 1,
      open: 1,
      overdue: 1,
    });
  });

  it('a re-imported package adds nothing; a package with nothing new carries no case twice', async () => {
    const before = counts(w.county.raw);
    expect((await receive(w.county, upPackage, 'clerkA')).status).toBe('already_imported');
    expect(counts(w.county.raw)).toEqual(before);
    const again = await receive(w.county, await send(w, w.a, 'county', 'clerkA'), 'clerkA');
    expect(again.applied).toEqual({});
    expect(rowCount(w.county.raw, 'case_events')).toBe(before.case_events);
  });

  let downPackage = '';
  it('the county records its check and decision; the package goes down and the township sees them', async () => {
    const id = caseIdOfGid(w.county.raw, caseGid)!;
    const mgr = actorOf(w.county.raw, 'mgr1');
    recordStep(w.county.raw, id, { kind: 'check_started', on: '2026-03-13' }, mgr, at('2026-03-13'));
    // Publicity is the township's: it goes up, and the county decides after its 7 days.
    recordStep(w.a.raw, caseA, { kind: 'publicity', on: '2026-03-16' }, actorOf(w.a.raw, 'clerkA'), at('2026-03-16'));
    expect((await receive(w.county, await send(w, w.a, 'county', 'clerkA'), 'clerkA')).applied).toEqual({ caseEvents: 1 });
    recordStep(w.county.raw, id, { kind: 'decided', on: '2026-03-23', reason: '符合条件' }, mgr, at('2026-03-23'));
    expect(getCase(w.county.raw, id, at('2026-03-23'))).toMatchObject({ stage: 'decided', overdue: false });
    expect(dashboardSummary(w.county.raw, at('2026-03-23')).cases.overdue).toBe(0);

    downPackage = await send(w, w.county, w.stationA, 'mgr1');
    const down = await receive(w.a, downPackage, 'clerkA');
    expect(down).toMatchObject({ status: 'applied', kind: 'down' });
    expect(down.applied.caseEvents).toBe(2);
    expect(down.applied.cases).toBeUndefined();
    const c = getCase(w.a.raw, caseA, at('2026-03-23'));
    expect(c.stage).toBe('decided');
    const county = w.county.raw.prepare('SELECT station_id FROM station_self').pluck().get();
    expect(c.events.map((e) => [e.kind, e.onDate, e.level, e.station])).toEqual([
      ['investigation_started', '2026-03-03', 'township', w.stationA],
      ['home_visit', '2026-03-04', 'township', w.stationA],
      ['investigated', '2026-03-05', 'township', w.stationA],
      ['publicity', '2026-03-16', 'township', w.stationA],
      ['check_started', '2026-03-13', 'county', county],
      ['decided', '2026-03-23', 'county', county],
    ]);
    expect(c.events.at(-1)!.detail).toEqual({ reason: '符合条件' });
    // Events keyed by their global ids: each row once at both stations.
    const gids = (raw: World['county']['raw']) =>
      raw.prepare('SELECT gid FROM case_events WHERE case_id = (SELECT id FROM cases WHERE gid = ?) ORDER BY gid').pluck().all(caseGid);
    expect(gids(w.a.raw)).toEqual(gids(w.county.raw));
  });

  it('the same down package again changes nothing; the next carries none of it again', async () => {
    const before = counts(w.a.raw);
    expect((await receive(w.a, downPackage, 'clerkA')).status).toBe('already_imported');
    expect(counts(w.a.raw)).toEqual(before);
    const next = await receive(w.a, await send(w, w.county, w.stationA, 'mgr1'), 'clerkA');
    expect(next.applied.caseEvents).toBeUndefined();
    expect(rowCount(w.a.raw, 'case_events')).toBe(before.case_events);
  });

  it('a case the county opened for a household of the township goes down with its stages', async () => {
    const hC = idOfGid(w.county.raw, gidOf(w.a.raw, 1))!;
    const mgr = actorOf(w.county.raw, 'mgr1');
    const id = openCase(
      w.county.raw,
      { householdId: hC, tierApplied: 'tekun', receivedOn: '2026-03-20', relativeOfStaff: false },
      mgr,
      at('2026-03-20'),
    );
    recordStep(w.county.raw, id, { kind: 'investigation_started', on: '2026-03-20' }, mgr, at('2026-03-20'));
    const down = await receive(w.a, await send(w, w.county, w.stationA, 'mgr1'), 'clerkA');
    expect(down.applied).toMatchObject({ cases: 1, caseEvents: 1 });
    const gid = w.county.raw.prepare('SELECT gid FROM cases WHERE id = ?').pluck().get(id) as string;
    const local = caseIdOfGid(w.a.raw, gid)!;
    expect(getCase(w.a.raw, local, at('2026-03-20'))).toMatchObject({ householdId: 1, tierApplied: 'tekun', township: '城关镇' });
    // The township records its visit on the county's case; it goes up under the county's case id.
    const clerk = actorOf(w.a.raw, 'clerkA');
    recordStep(
      w.a.raw,
      local,
      { kind: 'home_visit', on: '2026-03-23', level: 'township', staff: ['李四', '王五'], findings: '属实' },
      clerk,
      at('2026-03-23'),
    );
    const up = await receive(w.county, await send(w, w.a, 'county', 'clerkA'), 'clerkA');
    expect(up.applied).toEqual({ caseEvents: 1 });
    expect(getCase(w.county.raw, id, at('2026-03-23')).events.map((e) => e.kind)).toEqual(['investigation_started', 'home_visit']);
  });

  it('a case whose household is held by a duplicate-person conflict waits beside the conflict and takes its place once the application is registered', async () => {
    const clerk = actorOf(w.b.raw, 'clerkB');
    // The head of a county household of 城关镇 applies at 河西乡.
    const dupe = family('河西乡', '河西村', 101, '孙重复');
    dupe.members = [dupe.members[0]];
    const hid = createHousehold(w.b.raw, dupe, clerk, at('2026-03-02')).id;
    const id = openCase(
      w.b.raw,
      { householdId: hid, tierApplied: 'dibao', receivedOn: '2026-03-02', relativeOfStaff: false },
      clerk,
      at('2026-03-02'),
    );
    recordStep(w.b.raw, id, { kind: 'investigation_started', on: '2026-03-03' }, clerk, at('2026-03-03'));
    const before = rowCount(w.county.raw, 'cases');
    const up = await receive(w.county, await send(w, w.b, 'county', 'clerkB'), 'clerkB');
    expect(up).toMatchObject({ conflicts: 1, applied: { waiting: 2 } });
    expect(rowCount(w.county.raw, 'cases')).toBe(before);
    expect(rowCount(w.county.raw, 'station_waiting')).toBe(2);
    // The manager moves the person out of the other household, then registers the application: its case takes its place.
    const mgr = actorOf(w.county.raw, 'mgr1');
    const other = conflictDetail(w.county.raw, up.conflictIds[0]).otherHouseholdId!;
    const cur = mustLoadHousehold(w.county.raw, other);
    updateHousehold(
      w.county.raw,
      other,
      cur.version,
      { ...cur.data, members: [{ ...cur.data.members[1], relation: 'head' }] },
      mgr,
      at('2026-03-04'),
    );
    resolveConflict(w.county.raw, up.conflictIds[0], { take: 'township' }, mgr, at('2026-03-04'));
    expect(rowCount(w.county.raw, 'station_waiting')).toBe(0);
    const placed = caseIdOfGid(w.county.raw, `${w.stationB}:c${id}`)!;
    expect(getCase(w.county.raw, placed, at('2026-03-04'))).toMatchObject({ township: '河西乡', station: w.stationB });
    expect(getCase(w.county.raw, placed, at('2026-03-04')).events.map((e) => [e.kind, e.onDate])).toEqual([
      ['investigation_started', '2026-03-03'],
    ]);
  });

  it('a case whose household the county does not know refuses the package, naming it; nothing is written', async () => {
    const clerk = actorOf(w.b.raw, 'clerkB');
    const hid = createHousehold(w.b.raw, family('河西乡', '河西村', 501, '周未知'), clerk, at('2026-03-02')).id;
    // As if the household had gone up already (it never reached the county).
    w.b.raw.prepare('UPDATE households SET synced_version = version WHERE id = ?').run(hid);
    openCase(
      w.b.raw,
      { householdId: hid, tierApplied: 'dibao', receivedOn: '2026-03-02', relativeOfStaff: false },
      clerk,
      at('2026-03-02'),
    );
    const before = counts(w.county.raw);
    const err = await receive(w.county, await send(w, w.b, 'county', 'clerkB'), 'clerkB').catch(
      (e: { code: string; message: string }) => e,
    );
    expect(err).toMatchObject({ code: 'case_household_unknown' });
    expect((err as { message: string }).message).toContain(gidOf(w.b.raw, hid));
    expect(counts(w.county.raw)).toEqual(before);
  });
});
