/**
 * The demo county's temporary assistance (src-main/demo/temporary.ts): recorded through the domain before
 * the history closes its months, so every month since January has its quick assistance, assist-first
 * and expenditure cases, paid into months that are now closed, with the standby funds, chains and one
 * 一事一议 case waiting for a second manager.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDemoDatabase } from '../../../src-main/demo/seed';
import { openStore } from '../../../src-main/db/open';
import { verifyAudit } from '../../../src-main/audit/verify';
import { listCases } from '../../../src-main/temporary/list';
import { fundLedger } from '../../../src-main/temporary/fund';
import { tempDir } from '../../fixtures/builders';

describe('demo temporary assistance', () => {
  it('fills the year with cases of every kind, paid in months the history then closed', async () => {
    const file = path.join(tempDir(), 'demo.db');
    await createDemoDatabase(file, { households: 300, seed: 3, now: new Date('2026-11-29T09:00:00Z') });
    const store = await openStore(file);
    try {
      const raw = store.raw;
      const { items } = listCases(raw, { pageSize: 500 });
      expect(items.length).toBeGreaterThan(50);
      const count = (f: (x: (typeof items)[number]) => boolean) => items.filter(f).length;
      expect(count((x) => x.track === 'quick')).toBeGreaterThan(30);
      expect(count((x) => x.track === 'assist_first')).toBeGreaterThan(5);
      expect(count((x) => x.kind === 'expenditure' && x.status === 'paid')).toBeGreaterThan(5);
      expect(count((x) => x.nonLocal)).toBeGreaterThan(0);
      expect(count((x) => x.status === 'awaiting_second')).toBe(1);
      const months = raw.prepare(`SELECT DISTINCT month FROM temporary_payments ORDER BY month`).all() as { month: string }[];
      expect(months[0].month).toBe('2026-01');
      expect(months.at(-1)!.month).toBe('2026-11');
      // Paid into months the history closed afterwards: the payments are locked now.
      expect(raw.prepare(`SELECT max(month) AS m FROM payment_months`).get()).toEqual({ m: '2026-10' });
      for (const t of raw.prepare(`SELECT DISTINCT township_id AS id FROM temporary_fund_entries`).all() as { id: number }[])
        expect(fundLedger(raw, t.id, 2026).balanceFen).toBeGreaterThanOrEqual(0);
      expect(
        (raw.prepare(`SELECT count(*) AS n FROM chain_events WHERE ref_table = 'temporary_cases'`).get() as { n: number }).n,
      ).toBeGreaterThan(100);
      // Assist-first paperwork left undone (last month's, and this month's past its deadline) is overdue: urgent warnings on the queue.
      const raised = raw.prepare(`SELECT severity, evidence_key FROM warnings WHERE rule = 'temporary.paperwork_overdue'`).all() as {
        severity: string;
        evidence_key: string;
      }[];
      expect(raised.length).toBeGreaterThanOrEqual(1);
      for (const w of raised) expect(w).toMatchObject({ severity: 'urgent', evidence_key: expect.stringMatching(/^case:LS-2026-\d{6}$/) });
      expect(verifyAudit(raw).ok).toBe(true);
    } finally {
      await store.close();
    }
  });
});
