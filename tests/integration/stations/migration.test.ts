/** Migration 0006-stations: households made before it keep their rows and get no global id until the workstation becomes a station. */
import { expect, it } from 'vitest';
import { migrationStep } from '../db/step';

it('0006-stations adds station tables and global ids; the trigger names households made at a station', async () => {
  const step = await migrationStep('0006-stations');
  const raw = step.raw;
  raw.prepare(`INSERT INTO areas (id, parent_id, level, name) VALUES (1, NULL, 'township', '城关镇'), (2, 1, 'village', '东街')`).run();
  raw.prepare(`INSERT INTO households (id, residence, area_id, created_at, updated_at) VALUES (7, 'urban', 2, 'x', 'x')`).run();
  await step.migrate();
  expect(raw.prepare('SELECT id, version, gid, station_id, county_version, synced_version FROM households').all()).toEqual([
    { id: 7, version: 1, gid: null, station_id: null, county_version: null, synced_version: null },
  ]);
  raw.prepare(`INSERT INTO station_self (id, station_id, name, level, created_at) VALUES (1, 'CS-1', '县', 'county', 'x')`).run();
  raw.prepare(`INSERT INTO households (id, residence, area_id, created_at, updated_at) VALUES (8, 'urban', 2, 'x', 'x')`).run();
  raw.prepare(`UPDATE households SET version = version + 1 WHERE id = 7`).run();
  expect(raw.prepare('SELECT id, gid, station_id FROM households ORDER BY id').all()).toEqual([
    { id: 7, gid: null, station_id: 'CS-1' },
    { id: 8, gid: 'CS-1:8', station_id: 'CS-1' },
  ]);
  await step.close();
});

it('0010-case-travel names the cases and stages a station made, before and after it; the rows stay append-only but for that name', async () => {
  const step = await migrationStep('0010-case-travel');
  const raw = step.raw;
  raw.prepare(`INSERT INTO areas (id, parent_id, level, name) VALUES (1, NULL, 'township', '城关镇'), (2, 1, 'village', '东街')`).run();
  raw.prepare(`INSERT INTO households (id, residence, area_id, created_at, updated_at) VALUES (7, 'urban', 2, 'x', 'x')`).run();
  raw.prepare(`INSERT INTO station_self (id, station_id, name, level, created_at) VALUES (1, 'CS-1', '县', 'county', 'x')`).run();
  const addCase = (id: number) =>
    raw
      .prepare(
        `INSERT INTO cases (id, household_id, township_id, tier_applied, received_on, station, level, recorded_by, recorded_at)
         VALUES (?, 7, 1, 'dibao', '2026-09-01', 'CS-1', 'township', 'c', 'x')`,
      )
      .run(id);
  const addEvent = (caseId: number) =>
    raw
      .prepare(
        `INSERT INTO case_events (case_id, kind, on_date, level, station, recorded_by, recorded_at) VALUES (?, 'investigation_started', '2026-09-02', 'township', 'CS-1', 'c', 'x')`,
      )
      .run(caseId);
  addCase(1);
  addEvent(1);
  await step.migrate();
  addCase(2);
  addEvent(2);
  expect(raw.prepare('SELECT id, gid FROM cases ORDER BY id').all()).toEqual([
    { id: 1, gid: 'CS-1:c1' },
    { id: 2, gid: 'CS-1:c2' },
  ]);
  expect(raw.prepare('SELECT gid FROM case_events ORDER BY id').pluck().all()).toEqual(['CS-1:e1', 'CS-1:e2']);
  expect(() => raw.prepare(`UPDATE case_events SET on_date = '2026-09-03'`).run()).toThrow(/append-only/);
  expect(() => raw.prepare(`UPDATE cases SET gid = 'x'`).run()).toThrow(/append-only/);
  expect(() => raw.prepare(`DELETE FROM cases`).run()).toThrow(/append-only/);
  expect(raw.prepare('SELECT sent_case_id, sent_case_event_id FROM stations').all()).toEqual([]);
  await step.close();
});
