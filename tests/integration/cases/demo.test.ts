/** The demo county has applications at every stage, some overdue, one objection, one relative of staff, and last month's spot check. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectTo, tempDir } from '../../fixtures/builders';
import { createDemoDatabase } from '../../../src-main/demo/seed';
import { allCases } from '../../../src-main/cases/read';
import { spotCheckList } from '../../../src-main/cases/spot-checks';
import { addMonths, monthOf, todayIso } from '../../../src-main/common/dates';

describe('demo cases', () => {
  it('fills the Cases screen on first run', async () => {
    const file = path.join(tempDir(), 'demo.db');
    await createDemoDatabase(file, { households: 300, seed: 7 });
    const raw = connectTo(file, { readonly: true });
    try {
      const now = new Date();
      const rows = allCases(raw, todayIso(now));
      expect(new Set(rows.map((r) => r.stage))).toEqual(
        new Set(['received', 'investigated', 'publicised', 'decided', 'refused', 'withdrawn']),
      );
      expect(rows.filter((r) => r.overdue).length).toBeGreaterThanOrEqual(3);
      expect(rows.filter((r) => r.objection && !r.appraised)).toHaveLength(1);
      expect(rows.filter((r) => r.relativeOfStaff)).toHaveLength(1);
      expect(rows.filter((r) => r.decidedAt === 'township').length).toBeGreaterThanOrEqual(4);
      expect(new Set(rows.map((r) => r.township)).size).toBeGreaterThan(1);
      const spot = spotCheckList(raw, addMonths(monthOf(todayIso(now)), -1), now);
      expect(spot?.items.length).toBe(1);
    } finally {
      raw.close();
    }
  }, 120_000);
});
