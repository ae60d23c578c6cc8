/**
 * The demo county with history, and a long roster printed in parts and merged: continuous
 * page numbers, totals that add up, the PDF's page count equal to the layout's.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../fixtures/builders';
import { createDemoDatabase } from '../../../src-main/demo/seed';
import { seedDemoHistory } from '../../../src-main/demo/history';
import { openStore } from '../../../src-main/db/open';
import { renderReport, writeReport } from '../../../src-main/reports/render';
import { rosterLines } from '../../../src-main/payments/roster';
import { changeList } from '../../../src-main/payments/months';
import { dashboardSummary } from '../../../src-main/dashboard/summary';
import { formatFen } from '../../../src-main/common/money';
import { listChain } from '../../../src-main/chain/events';
import { artifacts } from '../../fixtures/paths';
import { all, qb } from '../../../src-main/db/query';
import { scenarioDrafts } from '../../../src-main/scenarios/drafts';
import { scenarioFinished, startScenario } from '../../../src-main/scenarios/run';
import { scenarioRun } from '../../../src-main/scenarios/runs';

const ART = artifacts('reports');
fs.mkdirSync(ART, { recursive: true });
const NOW = new Date('2026-11-29T08:00:00Z');

async function demo(households: number) {
  const file = path.join(tempDir(), 'demo.db');
  await createDemoDatabase(file, { households, now: NOW });
  const store = await openStore(file);
  return { store, file };
}

describe('demo county history', () => {
  it('gives the county twelve closed months, referrals with results and chains, deterministically', async () => {
    // createDemoDatabase seeds the history itself (seed 1), recording what it made.
    const a = await demo(600);
    const audit = all(
      a.store.raw,
      qb.selectFrom('audit_log').select('after_json').where('action', '=', 'bulk_load').where('entity', '=', 'demo_history'),
    );
    expect(audit).toHaveLength(1);
    const r = JSON.parse(audit[0].after_json ?? 'null');
    expect(r.months).toBe(12);
    expect(r.determinations).toBeGreaterThan(100);
    expect(r.referrals).toBeGreaterThan(10);
    const months = all(a.store.raw, qb.selectFrom('payment_months').select('month').orderBy('month')).map((m) => m.month ?? '');
    expect(months[0]).toBe('2025-11');
    expect(months.at(-1)).toBe('2026-10');
    // Closed rosters equal what the determinations in force give (nothing changed since).
    const stored = rosterLines(a.store.raw, '2026-10').lines.map((l) => [l.householdId, l.amountFen]);
    expect(stored.length).toBeGreaterThan(50);
    const dash = dashboardSummary(a.store.raw, NOW);
    expect(dash.trend).toHaveLength(12);
    expect(dash.month).toBe('2026-11');
    expect(dash.total.recipients).toBeGreaterThan(50);
    const status = all(
      a.store.raw,
      qb
        .selectFrom('referrals')
        .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
        .groupBy('status'),
    );
    expect(status.find((s) => s.status === 'completed')?.n).toBeGreaterThan(0);
    const hid = stored[0][0];
    const chain = listChain(a.store.raw, { householdId: hid });
    expect(chain.filter((e) => e.kind === 'payment').length).toBeGreaterThanOrEqual(1);
    expect(chain.some((e) => e.kind === 'determination' && e.status === 'approved')).toBe(true);
    // Some change in the year: newcomers, stops or adjustments.
    const changes = months.slice(1).flatMap((m) => changeList(a.store.raw, m).rows);
    expect(changes.some((c) => c.kind === 'added')).toBe(true);
    expect(changes.every((c) => c.reasons.length > 0)).toBe(true);
    // Idempotent and deterministic.
    expect(seedDemoHistory(a.store.raw, { seed: 7, now: NOW }).months).toBe(0);
    const b = await demo(600);
    expect(rosterLines(b.store.raw, '2026-10').lines.map((l) => [l.householdId, l.amountFen])).toEqual(stored);
    // Two scenario drafts for next January, the same in both; the first runs as drafted and costs more.
    const drafts = scenarioDrafts(a.store.raw);
    expect(drafts.map((d) => [d.name, d.effectiveFrom, d.changes])).toEqual([
      [
        '低保标准提高 5%',
        '2027-01-01',
        [
          { parameterId: 'dibao.standard', residence: 'urban', value: 787.5 },
          { parameterId: 'dibao.standard', residence: 'rural', value: 630 },
        ],
      ],
      ['低保边缘倍数 1.5 → 1.6', '2027-01-01', [{ parameterId: 'marginal.multiplier', residence: 'both', value: 1.6 }]],
    ]);
    expect(scenarioDrafts(b.store.raw)).toEqual(drafts);
    const d = drafts[0];
    const id = startScenario(a.store.raw, a.file, d, { userId: null, username: 'manager' }, NOW);
    await scenarioFinished(id);
    const ran = scenarioRun(a.store.raw, id, NOW);
    expect(ran.status).toBe('done');
    expect(ran.summary!.monthlyCost.delta).toBeGreaterThan(0);
    await a.store.close();
    await b.store.close();
  }, 120_000);

  it('prints a long roster in parts merged into one PDF with continuous page numbers and right totals', async () => {
    const a = await demo(1500);
    seedDemoHistory(a.store.raw, { seed: 3, now: NOW, months: 2, referrals: false });
    const lines = rosterLines(a.store.raw, '2026-10').lines;
    const total = lines.reduce((s, l) => s + l.amountFen, 0);
    const out = await renderReport(a.store.raw, { kind: 'roster', month: '2026-10', format: 'pdf' }, NOW, { pagesPerPart: 3 });
    const f = path.join(ART, 'roster-parts.pdf');
    fs.writeFileSync(f, out.data);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f], { encoding: 'utf8' }))![1]);
    expect(pages).toBe(out.pages);
    expect(pages).toBeGreaterThan(6);
    const text = execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' });
    for (let i = 1; i <= pages; i++) expect(text).toMatch(new RegExp(`第\\s*${i}\\s*页\\s*共\\s*${pages}\\s*页`));
    expect(text.match(/社会救助金发放花名册/g)!.length).toBe(pages);
    expect(text).toContain(`总计 ${lines.length} 户`);
    expect(text).toContain(formatFen(total));
    expect(text).not.toMatch(/\d{6}(19|20)\d{6}\d{3}[\dX]/);
    execFileSync('pdftoppm', [
      '-r',
      '60',
      '-png',
      '-f',
      String(pages),
      '-l',
      String(pages),
      '-singlefile',
      f,
      path.join(ART, 'roster-parts-last'),
    ]);
    // The CLI's path: the same document printed straight into a file.
    const g = path.join(ART, 'roster-parts-file.pdf');
    const written = await writeReport(a.store.raw, { kind: 'roster', month: '2026-10', format: 'pdf' }, NOW, g, { pagesPerPart: 3 });
    expect(written).toEqual({ fileName: expect.stringMatching(/\.pdf$/), pages, bytes: fs.statSync(g).size });
    expect(execFileSync('pdftotext', [g, '-'], { encoding: 'utf8' })).toBe(text);
    await a.store.close();
  }, 120_000);
});
