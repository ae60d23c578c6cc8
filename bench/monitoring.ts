/**
 * `node --import tsx bench/monitoring.ts [--db demo.db] [--households 200000]` — what a manager
 * waits for on a county: the dashboard's figures (the open month's roster, the trend, warnings
 * and referrals) and the review schedule behind the Monitoring page's counts, each timed three
 * times on the demo county with its history (`createDemoDatabase`, as `npm start` makes it; or
 * the database given, e.g. the one `bench/import.ts --keep` leaves), the file opened and
 * migrated as the app opens it. Prints the figures; nothing is written to bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../src-main/db/open';
import { dashboardSummary } from '../src-main/dashboard/summary';
import { reviewsDue } from '../src-main/monitoring/reviews';

const { values } = parseArgs({ options: { db: { type: 'string' }, households: { type: 'string', default: '200000' } } });
const now = new Date('2026-11-30T09:00:00Z');
let file = values.db;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-bench-monitoring-'));
if (!file) {
  file = path.join(dir, 'demo.db');
  console.log(`creating the demo county (${values.households} households) …`);
  const { createDemoDatabase } = await import('../src-main/demo/seed');
  await createDemoDatabase(file, { households: Number(values.households), seed: 1, now: new Date('2026-11-29T08:00:00Z') });
} else {
  // A copy: opening migrates the file.
  fs.copyFileSync(file, path.join(dir, 'demo.db'));
  file = path.join(dir, 'demo.db');
}
let t = performance.now();
const store = await openStore(file);
console.log(`open and migrate: ${Math.round(performance.now() - t)} ms`);
// A row written to a temporary table before each run: the dashboard keeps its last figures until something changes, and each run
// here is to compute them; the run just after, with nothing changed, is timed apart.
store.raw.exec(`CREATE TEMP TABLE bench_touch (x)`);
for (let i = 0; i < 3; i++) {
  store.raw.prepare(`INSERT INTO bench_touch VALUES (?)`).run(i);
  t = performance.now();
  const s = dashboardSummary(store.raw, now);
  const dash = performance.now() - t;
  t = performance.now();
  dashboardSummary(store.raw, now);
  const again = performance.now() - t;
  t = performance.now();
  const r = reviewsDue(store.raw, now, { pageSize: 1 });
  console.log(
    `dashboard ${Math.round(dash)} ms, again with nothing changed ${again.toFixed(1)} ms (${s.total.recipients} recipients in ${s.month})` +
      ` · review schedule ${Math.round(performance.now() - t)} ms (${r.total} due, ${r.overdue} overdue)`,
  );
}
await store.close();
fs.rmSync(dir, { recursive: true, force: true });
