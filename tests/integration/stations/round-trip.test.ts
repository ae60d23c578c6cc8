/**
 * One registry across a county and two townships (docs/rules/workstations.md): enrol, applications
 * and edits up, decisions down, conflicts kept and resolved, order and authenticity refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHousehold, mustLoadHousehold, updateHousehold } from '../../../src-main/registry/edit';
import { decide, propose } from '../../../src-main/decisions/determinations';
import { conflictDetail, listConflicts, resolveConflict } from '../../../src-main/stations/conflicts';
import { stationStatus } from '../../../src-main/stations/status';
import { rowCount } from '../../fixtures/builders';
import { actorOf, staff, family, gidOf, idOfGid, now, receive, send, world, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await world();
}, 60_000);
afterAll(async () => w?.close());

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? String(e),
  );

describe('stations: enrol, up, decide, down', () => {
  it('each township starts with its slice, its users, the parameters and the county as its peer', () => {
    expect(rowCount(w.a.raw, 'households')).toBe(2);
    expect(rowCount(w.b.raw, 'households')).toBe(1);
    expect(w.a.raw.prepare('SELECT username FROM users ORDER BY username').pluck().all()).toEqual(['clerkA', 'mgrA']);
    expect(rowCount(w.a.raw, 'parameter_values')).toBe(rowCount(w.county.raw, 'parameter_values'));
    const countyGids = w.county.raw
      .prepare(
        `SELECT gid FROM households WHERE area_id IN (SELECT id FROM areas WHERE parent_id = (SELECT id FROM areas WHERE name = '城关镇')) ORDER BY gid`,
      )
      .pluck()
      .all();
    expect(w.a.raw.prepare('SELECT gid FROM households ORDER BY gid').pluck().all()).toEqual(countyGids);
    expect(stationStatus(w.a.raw).self).toMatchObject({ level: 'township', township: '城关镇' });
    expect(stationStatus(w.county.raw).peers.map((p) => p.township)).toEqual(['城关镇', '河西乡']);
  });

  let appA = 0;
  let h1Gid = '';
  it('applications at both townships go up; the same person at both is one duplicate-person conflict naming both households', async () => {
    appA = createHousehold(w.a.raw, family('城关镇', '东街社区', 201, '赵申请'), actorOf(w.a.raw, 'clerkA'), now()).id;
    // The same head applies at township B too (a second household with that person).
    const dupe = family('河西乡', '河西村', 201, '赵申请');
    dupe.members[1] = { ...dupe.members[1], idNumber: family('河西乡', '河西村', 301).members[1].idNumber };
    createHousehold(w.b.raw, dupe, actorOf(w.b.raw, 'clerkB'), now());
    expect(stationStatus(w.a.raw).unsent).toBe(1);
    const up = await receive(w.county, await send(w, w.a, 'county', 'clerkA'), 'clerkA');
    expect(up).toMatchObject({ status: 'applied', sequence: 1, sender: w.stationA, applied: { households: 1, members: 2 }, conflicts: 0 });
    expect(stationStatus(w.a.raw).unsent).toBe(0);
    const upB = await receive(w.county, await send(w, w.b, 'county', 'clerkB'), 'clerkB');
    expect(upB.conflicts).toBe(1);
    const c = conflictDetail(w.county.raw, upB.conflictIds[0]);
    expect(c).toMatchObject({
      kind: 'duplicate_person',
      station: w.stationB,
      otherHouseholdId: idOfGid(w.county.raw, gidOf(w.a.raw, appA)),
    });
    expect(c.personIdNumber).toBe(family('城关镇', '东街社区', 201).members[0].idNumber);
  });

  it('the same household edited at both levels is one conflict; resolved field by field, the resolution reaches the township', async () => {
    const h1A = 1;
    h1Gid = gidOf(w.a.raw, h1A);
    const h1C = idOfGid(w.county.raw, h1Gid)!;
    const a = mustLoadHousehold(w.a.raw, h1A);
    updateHousehold(w.a.raw, h1A, a.version, { ...a.data, address: '乡镇改的地址' }, actorOf(w.a.raw, 'clerkA'), now());
    const c = mustLoadHousehold(w.county.raw, h1C);
    updateHousehold(
      w.county.raw,
      h1C,
      c.version,
      { ...c.data, housing: { ...c.data.housing, condition: 'dangerous' } },
      actorOf(w.county.raw, 'mgr1'),
      now(),
    );
    const up = await receive(w.county, await send(w, w.a, 'county', 'clerkA'), 'clerkA');
    expect(up).toMatchObject({ applied: {}, conflicts: 1 });
    const detail = conflictDetail(w.county.raw, up.conflictIds[0]);
    expect(detail.kind).toBe('household');
    expect(
      detail.fields
        .filter((f) => f.differs)
        .map((f) => f.field)
        .sort(),
    ).toEqual(['address', 'housing']);
    // Nothing applied until resolved; both versions kept.
    expect(mustLoadHousehold(w.county.raw, h1C).data.address).not.toBe('乡镇改的地址');
    resolveConflict(
      w.county.raw,
      up.conflictIds[0],
      { take: 'fields', fields: { address: 'township', housing: 'county' } },
      actorOf(w.county.raw, 'mgr1'),
      now(),
    );
    const merged = mustLoadHousehold(w.county.raw, h1C).data;
    expect(merged.address).toBe('乡镇改的地址');
    expect(merged.housing.condition).toBe('dangerous');
    expect(listConflicts(w.county.raw, 'open').map((x) => x.kind)).toEqual(['duplicate_person']);
  });

  it('the county decides the application and the package down carries the decision, the slice and the resolution', async () => {
    const appC = idOfGid(w.county.raw, gidOf(w.a.raw, appA))!;
    const det = propose(w.county.raw, { householdId: appC, source: 'screening' }, staff(w.county.raw, 'mgr1'), now());
    decide(w.county.raw, { id: det, decision: 'approved', reason: '符合条件' }, staff(w.county.raw, 'mgr2'), now());
    const tierC = mustLoadHousehold(w.county.raw, appC).data.current;
    const down = await receive(w.a, await send(w, w.county, w.stationA, 'mgr1'), 'clerkA');
    expect(down).toMatchObject({ status: 'applied', kind: 'down', sequence: 1, reviews: 0 });
    expect(down.applied.decisions).toBe(1);
    expect(w.a.raw.prepare('SELECT decision, household_gid FROM station_decisions').all()).toEqual([
      { decision: 'approved', household_gid: gidOf(w.a.raw, appA) },
    ]);
    expect(mustLoadHousehold(w.a.raw, appA).data.current).toEqual(tierC);
    expect(mustLoadHousehold(w.a.raw, idOfGid(w.a.raw, h1Gid)!).data.housing.condition).toBe('dangerous');
    expect(stationStatus(w.a.raw).unsent).toBe(0);
  });

  it('a replayed package changes nothing; a gap is refused naming the missing sequence', async () => {
    const p2 = await send(w, w.county, w.stationA, 'mgr1');
    const p3 = await send(w, w.county, w.stationA, 'mgr1');
    const err = await receive(w.a, p3, 'clerkA').catch((e: { code: string; missing: number[] }) => e);
    expect(err).toMatchObject({ code: 'package_out_of_order', missing: [2] });
    const audit = rowCount(w.a.raw, 'audit_log');
    expect((await receive(w.a, p2, 'clerkA')).status).toBe('applied');
    expect((await receive(w.a, p2, 'clerkA')).status).toBe('already_imported');
    expect((await receive(w.a, p3, 'clerkA')).status).toBe('applied');
    expect((await receive(w.a, p3, 'clerkA')).status).toBe('already_imported');
    expect(rowCount(w.a.raw, 'audit_log')).toBe(audit + 4);
  });

  it('a tampered, forged or re-addressed package is refused; a tampered copy of an imported one is tampered, not already imported', async () => {
    const p = await send(w, w.county, w.stationA, 'mgr1');
    const copy = (name: string) => {
      const d = path.join(w.dir, name);
      fs.cpSync(p, d, { recursive: true });
      return d;
    };
    const body = copy('tampered-body');
    const enc = path.join(body, 'records.jsonl.enc');
    const bytes = fs.readFileSync(enc);
    bytes[bytes.length - 20] ^= 1;
    fs.writeFileSync(enc, bytes);
    expect(await codeOf(receive(w.a, body, 'clerkA'))).toBe('package_tampered');
    const readdressed = copy('readdressed');
    const mf = path.join(readdressed, 'manifest.json');
    fs.writeFileSync(mf, fs.readFileSync(mf, 'utf8').replace(w.stationA, w.stationB));
    expect(await codeOf(receive(w.b, readdressed, 'clerkB'))).toBe('package_tampered');
    expect(await codeOf(receive(w.b, p, 'clerkB'))).toBe('package_not_for_this_station');
    const extra = copy('extra-file');
    fs.writeFileSync(path.join(extra, 'note.txt'), 'x');
    expect(await codeOf(receive(w.a, extra, 'clerkA'))).toBe('package_tampered');
    expect((await receive(w.a, p, 'clerkA')).status).toBe('applied');
    expect(await codeOf(receive(w.a, body, 'clerkA'))).toBe('package_tampered');
  });

  it('a township’s unsent edits to a household the county changed are kept and marked for review', async () => {
    const hB = 1;
    const gid = gidOf(w.b.raw, hB);
    const b = mustLoadHousehold(w.b.raw, hB);
    updateHousehold(w.b.raw, hB, b.version, { ...b.data, address: '乡镇未发送的修改' }, actorOf(w.b.raw, 'clerkB'), now());
    const hC = idOfGid(w.county.raw, gid)!;
    const c = mustLoadHousehold(w.county.raw, hC);
    updateHousehold(w.county.raw, hC, c.version, { ...c.data, address: '县级修改' }, actorOf(w.county.raw, 'mgr1'), now());
    const down = await receive(w.b, await send(w, w.county, w.stationB, 'mgr1'), 'clerkB');
    expect(down.reviews).toBe(1);
    expect(mustLoadHousehold(w.b.raw, hB).data.address).toBe('乡镇未发送的修改');
    const review = conflictDetail(w.b.raw, down.conflictIds[0]);
    expect(review.kind).toBe('review');
    expect(review.fields.find((f) => f.field === 'address')).toMatchObject({
      county: JSON.stringify('县级修改'),
      township: JSON.stringify('乡镇未发送的修改'),
    });
    // Kept here, the edit goes up and, based on an older county version, meets a county manager as a conflict.
    resolveConflict(w.b.raw, review.id, { take: 'township' }, actorOf(w.b.raw, 'clerkB'), now());
    const up = await receive(w.county, await send(w, w.b, 'county', 'clerkB'), 'clerkB');
    expect(up.conflicts).toBe(1);
    expect(conflictDetail(w.county.raw, up.conflictIds[0]).kind).toBe('household');
  });
});
