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
