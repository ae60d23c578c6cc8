/**
 * `node --import tsx bench/cases.ts [--cases 6000]` — what the Cases screen and the dashboard cost on a county's year of
 * applications: every case's clock is computed from its stages on the office calendar (src-main/cases/read.ts allCases), so
 * the list, the per-township progress and the dashboard's overdue count each read all cases. Cases and their stages are
 * inserted directly (a year of a county: ~6,000 applications, ~7 stages each) into a migrated empty store with 2,000
 * households over 12 townships; each figure is the best of three. Prints the figures; nothing is written to bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../src-main/db/open';
import { listCases, townshipProgress } from '../src-main/cases/list';
import { allCases } from '../src-main/cases/read';
import { mulberry32 } from '../src-main/common/random';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '6000' } } });
const N = Number(values.cases);
const now = new Date('2026-11-30T09:00:00Z');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-bench-cases-'));
const store = await openStore(path.join(dir, 'bench.db'));
const raw = store.raw;
const rnd = mulberry32(7);
raw.transaction(() => {
  const area = raw.prepare(`INSERT INTO areas (parent_id, level, name) VALUES (?, ?, ?)`);
  const villages: { id: number; township: number }[] = [];
  for (let t = 0; t < 12; t++) {
    const tid = Number(area.run(null, 'township', `乡镇${t}`).lastInsertRowid);
    for (let v = 0; v < 10; v++) villages.push({ id: Number(area.run(tid, 'village', `村${t}-${v}`).lastInsertRowid), township: tid });
  }
  const hh = raw.prepare(
    `INSERT INTO households (residence, area_id, created_at, updated_at) VALUES ('rural', ?, '2026-01-01', '2026-01-01')`,
  );
  const households = Array.from({ length: 2000 }, (_, i) => {
    const v = villages[i % villages.length];
    return { id: Number(hh.run(v.id).lastInsertRowid), township: v.township };
  });
  const c = raw.prepare(
    `INSERT INTO cases (household_id, township_id, tier_applied, received_on, station, level, recorded_by, recorded_at) VALUES (?, ?, 'dibao', ?, 'local', 'township', 'b', 'x')`,
  );
  const e = raw.prepare(
    `INSERT INTO case_events (case_id, kind, on_date, level, station, recorded_by, recorded_at) VALUES (?, ?, ?, 'township', 'local', 'b', 'x')`,
  );
  const day = (base: number, plus: number) => new Date(base + plus * 86_400_000).toISOString().slice(0, 10);
  const start = Date.parse('2025-12-01T00:00:00Z');
  const kinds = ['investigation_started', 'home_visit', 'investigated', 'check_started', 'publicity', 'decided'];
  for (let i = 0; i < N; i++) {
    const h = households[i % households.length];
    const t0 = start + Math.floor(rnd() * 360) * 86_400_000;
    const id = Number(c.run(h.id, h.township, day(t0, 0)).lastInsertRowid);
    const upTo = Math.floor(rnd() * (kinds.length + 1));
    for (let k = 0; k < upTo; k++) e.run(id, kinds[k], day(t0, k === 5 ? 20 : k * 2));
  }
})();
const best = (label: string, f: () => unknown) => {
  let min = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    f();
    min = Math.min(min, performance.now() - t);
  }
  console.log(`${label}: ${Math.round(min)} ms`);
};
console.log(`${N} cases`);
best('allCases (every clock)', () => allCases(raw, '2026-11-30'));
best('cases.list, overdue, sorted by days left, page 1', () => listCases(raw, now, { overdue: true, sort: 'daysLeft' }));
best('cases.list, one township', () => listCases(raw, now, { townshipId: 1 }));
best('township progress of a month', () => townshipProgress(raw, '2026-11', '2026-11-30'));
await store.close();
fs.rmSync(dir, { recursive: true, force: true });
