/**
 * Stages carry the station and level that recorded them (src-main/cases/station.ts), so that packages can carry them upward
 * once the stations work lands: a township station records its own township's stages only, never the county's.
 */
import { describe, expect, it } from 'vitest';
import { openCase, recordStep } from '../../../src-main/cases/cases';
import { eventsOf, readCase } from '../../../src-main/cases/read';
import type { StationInfo } from '../../../src-main/cases/station';
import { office } from './helpers';

describe('stages and stations', () => {
  it('a township station records its township-level stages with its id; county stages and other townships are refused', async () => {
    const s = await office('2026-09-01');
    const raw = s.store.raw;
    const hid = await s.newHousehold('城关镇');
    const other = await s.newHousehold('河西乡');
    const now = new Date('2026-09-01T09:00:00Z');
    const clerk = { userId: 2, username: 'clerk1' };
    const townshipOf = (householdId: number) =>
      (
        raw.prepare(`SELECT v.parent_id AS t FROM households h JOIN areas v ON v.id = h.area_id WHERE h.id = ?`).get(householdId) as {
          t: number;
        }
      ).t;
    const station: StationInfo = { id: 'ts-chengguan', level: 'township', townshipId: townshipOf(hid) };
    const id = openCase(
      raw,
      { householdId: hid, tierApplied: 'dibao', receivedOn: '2026-09-01', relativeOfStaff: false },
      clerk,
      now,
      station,
    );
    expect(readCase(raw, id).station).toBe('ts-chengguan');
    recordStep(raw, id, { kind: 'investigation_started', on: '2026-09-01' }, clerk, now, station);
    recordStep(
      raw,
      id,
      { kind: 'home_visit', on: '2026-09-01', level: 'township', staff: ['甲', '乙'], findings: '属实' },
      clerk,
      now,
      station,
    );
    recordStep(raw, id, { kind: 'investigated', on: '2026-09-01' }, clerk, now, station);
    expect(() => recordStep(raw, id, { kind: 'check_started', on: '2026-09-01' }, clerk, now, station)).toThrow(/may not record/);
    const elsewhere = openCase(
      raw,
      { householdId: other, tierApplied: 'dibao', receivedOn: '2026-09-01', relativeOfStaff: false },
      clerk,
      now,
    );
    expect(() => recordStep(raw, elsewhere, { kind: 'investigation_started', on: '2026-09-01' }, clerk, now, station)).toThrow(
      /may not record/,
    );
    expect(eventsOf(raw, id).map((e) => [e.kind, e.level, e.onDate])).toEqual([
      ['investigation_started', 'township', '2026-09-01'],
      ['home_visit', 'township', '2026-09-01'],
      ['investigated', 'township', '2026-09-01'],
    ]);
    expect(raw.prepare(`SELECT DISTINCT station FROM case_events WHERE case_id = ?`).all(id)).toEqual([{ station: 'ts-chengguan' }]);
  });
});
