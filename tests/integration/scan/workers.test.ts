import { describe, expect, it } from 'vitest';
import { emptyDatabase } from '../../fixtures/builders';
import { seedDemoCounty } from '../../../src-main/demo/seed';
import { startScan, scanFinished, scanStatus, cancelScan, scanPlan, prepareScanInputs } from '../../../src-main/scan/runner';
import { closeScanWorkers, scanWorkerStats, terminateOneIdleScanWorker } from '../../../src-main/scan/pool';
import { ResultWriter, type ScanChange } from '../../../src-main/scan/evaluate-county';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { all, first, qb, run } from '../../../src-main/db/query';

const resultCount = (raw: BetterSqlite3.Database, scanId: number) =>
  first(
    raw,
    qb
      .selectFrom('scan_results')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('scan_id', '=', scanId),
  )?.n ?? 0;

const actor = { userId: null, username: 'test' };

describe('proactive scan across worker threads', () => {
  it('splits the active households into ranges the threads take in turn: each once, of equal size', async () => {
    const { store } = await emptyDatabase();
    seedDemoCounty(store, 5000, { seed: 2 });
    // Households that are no longer active take no place in a range.
    store.raw.exec(`UPDATE households SET status = 'closed' WHERE id % 7 = 0`);
    const active = all(store.raw, qb.selectFrom('households').select('id').where('status', '=', 'active').orderBy('id')).map((h) => h.id);
    const total = active.length;
    const { workers, ranges } = scanPlan(store.raw, total, 2, 1000);
    expect(workers).toBe(2);
    // Eight ranges a thread, but none under 1,000 households.
    expect(ranges.length).toBe(Math.ceil(total / 1000));
    expect(ranges[0].fromId).toBe(0);
    expect(ranges.at(-1)!.toId).toBe(Number.MAX_SAFE_INTEGER);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i].fromId).toBe(ranges[i - 1].toId + 1);
    const sizes = ranges.map((r) => active.filter((id) => id >= r.fromId && id <= r.toId).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);

    const big = scanPlan(store.raw, total, 2, 1);
    expect(big.ranges.length).toBe(Math.ceil(total / 1000));
    expect(scanPlan(store.raw, total, 4, 3000)).toMatchObject({ workers: 2 });
    expect(scanPlan(store.raw, total, 1, 1).ranges).toEqual([{ fromId: 0, toId: Number.MAX_SAFE_INTEGER }]);
    expect(scanPlan(store.raw, 0, 2, 1)).toEqual({ workers: 1, ranges: [{ fromId: 0, toId: 0 }] });
  });

  it('packs a county’s missing inputs in the scan threads when the app starts, and leaves a few to the next scan', async () => {
    const { store } = await emptyDatabase();
    seedDemoCounty(store, 3000, { seed: 12 });
    const copies = () => all(store.raw, qb.selectFrom('engine_inputs').select(['household_id', 'input']).orderBy('household_id'));
    const packedByTheLoad = copies();
    expect(packedByTheLoad).toHaveLength(3000);
    // As after a migration that empties them.
    store.raw.exec(`DELETE FROM engine_inputs`);
    const running = prepareScanInputs(store.raw, store.file, { atLeast: 1000, workers: 2 });
    expect(running).not.toBeNull();
    expect(await running).toBe(3000);
    expect(copies()).toEqual(packedByTheLoad);
    // Nothing (or little) missing: nothing to do.
    expect(prepareScanInputs(store.raw, store.file, { atLeast: 1000 })).toBeNull();
    store.raw.exec(`DELETE FROM engine_inputs WHERE household_id % 10 = 0`);
    expect(prepareScanInputs(store.raw, store.file, { atLeast: 1000 })).toBeNull();
    expect(prepareScanInputs(store.raw, ':memory:', { atLeast: 0 })).toBeNull();
    // The next scan packs those few itself and finds what it found before.
    const id = startScan(
      store.raw,
      store.file,
      { referenceDate: '2026-11-01', trigger: 'manual', actor, workers: 2, minPerWorker: 1 },
      new Date(),
    );
    await scanFinished(id);
    expect(scanStatus(store.raw, id)).toMatchObject({ status: 'done', total: 3000 });
    expect(copies()).toEqual(packedByTheLoad);
  }, 60_000);

  it('a thread that finds the shared write lock taken keeps its changes and writes them once the lock is free', async () => {
    const { store } = await emptyDatabase();
    seedDemoCounty(store, 5, { seed: 2 });
    const scanId = run(
      store.raw,
      qb.insertInto('scans').values({
        reference_date: '2026-11-01',
        parameter_set: 'test',
        trigger: 'manual',
        status: 'running',
        started_by: 'test',
        started_at: '2026-11-01',
      }),
    ).lastInsertRowid;
    const hid = first(store.raw, qb.selectFrom('households').select(['id', 'area_id']).limit(1));
    if (!hid) throw new Error('no household');
    const change: ScanChange = {
      householdId: hid.id,
      areaId: hid.area_id,
      kind: 'newly_eligible',
      oldTier: null,
      newTier: 'dibao',
      oldBenefitFen: 0,
      newBenefitFen: 100,
      reasonsJson: '[]',
    };
    const lock = new SharedArrayBuffer(4);
    const w = new ResultWriter(store.raw, scanId, 10, lock);
    const written = () => resultCount(store.raw, scanId);
    for (let i = 0; i < 15; i++) w.add(change);
    expect(written()).toBe(10);
    // Another thread writing: this one goes on buffering …
    Atomics.store(new Int32Array(lock), 0, 1);
    for (let i = 0; i < 20; i++) w.add(change);
    expect(written()).toBe(10);
    // … and writes everything it holds at the first batch after the lock is free.
    Atomics.store(new Int32Array(lock), 0, 0);
    w.add(change);
    expect(written()).toBe(36);
    expect(Atomics.load(new Int32Array(lock), 0)).toBe(0);
    w.add(change);
    w.flush();
    expect(written()).toBe(37);
  });

  it('gives the same results with three workers as with one, saved once', async () => {
    const { store } = await emptyDatabase();
    seedDemoCounty(store, 300, { seed: 3 });
    const one = startScan(store.raw, store.file, { referenceDate: '2026-11-01', trigger: 'manual', actor, workers: 1 }, new Date());
    await scanFinished(one);
    const three = startScan(
      store.raw,
      store.file,
      { referenceDate: '2026-11-01', trigger: 'manual', actor, workers: 3, minPerWorker: 1 },
      new Date(),
    );
    await scanFinished(three);
    const rows = (id: number) =>
      all(
        store.raw,
        qb
          .selectFrom('scan_results')
          .select(['household_id', 'kind', 'old_tier', 'new_tier', 'old_benefit_fen', 'new_benefit_fen', 'reasons_json'])
          .where('scan_id', '=', id)
          .orderBy('household_id'),
      );
    expect(scanStatus(store.raw, three)).toMatchObject({ status: 'done', done: 300, total: 300 });
    expect(rows(three)).toEqual(rows(one));
    expect(rows(one).length).toBeGreaterThan(0);
    expect(scanStatus(store.raw, three)!.counts).toEqual(scanStatus(store.raw, one)!.counts);
    // Each stored change reads back as the key reasons the engine gives for it, and renders the same text.
    const { evaluate, renderReason } = await import('../../../src-main/policy/engine');
    const { parametersOn } = await import('../../../src-main/policy/parameter-store');
    const { streamHouseholds } = await import('../../../src-main/registry/stream');
    const { keyReasons } = await import('../../../src-main/scan/compare');
    const { decodeReasons } = await import('../../../src-main/scan/reasons-codec');
    const params = parametersOn(store.raw, '2026-11-01');
    const stored = new Map(rows(three).map((r) => [r.household_id, r]));
    let compared = 0;
    for (const h of streamHouseholds(store.raw, { lean: true })) {
      const r = stored.get(h.id);
      if (!r) continue;
      const expected = keyReasons(r.kind, r.old_tier, evaluate(h.data, params, '2026-11-01'));
      expect(decodeReasons(r.reasons_json)).toEqual(JSON.parse(JSON.stringify(expected)));
      for (const lang of ['zh', 'en'] as const)
        expect(decodeReasons(r.reasons_json).map((x) => renderReason(x, lang))).toEqual(expected.map((x) => renderReason(x, lang)));
      compared++;
    }
    expect(compared).toBe(stored.size);
  });

  it('a cancelled scan writes no results', async () => {
    const { store } = await emptyDatabase();
    seedDemoCounty(store, 200, { seed: 4 });
    const id = startScan(
      store.raw,
      store.file,
      { referenceDate: '2026-11-01', trigger: 'manual', actor, workers: 2, minPerWorker: 1 },
      new Date(),
    );
    await cancelScan(store.raw, id, actor, new Date());
    expect(scanStatus(store.raw, id)).toMatchObject({ status: 'cancelled' });
    expect(resultCount(store.raw, id)).toBe(0);
    const again = startScan(store.raw, store.file, { referenceDate: '2026-11-01', trigger: 'manual', actor }, new Date());
    await scanFinished(again);
    expect(scanStatus(store.raw, again)).toMatchObject({ status: 'done', total: 200 });
  });

  it('a scan cancelled after workers have written batches leaves no results, and the database stays writable', async () => {
    const { store } = await emptyDatabase();
    seedDemoCounty(store, 12000, { seed: 5 });
    const id = startScan(
      store.raw,
      store.file,
      { referenceDate: '2026-11-01', trigger: 'manual', actor, workers: 2, minPerWorker: 1, resultBatch: 50 },
      new Date(),
    );
    const written = () => resultCount(store.raw, id);
    const t0 = Date.now();
    while (written() === 0 && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 10));
    expect(scanStatus(store.raw, id)!.status).toBe('running');
    expect(written()).toBeGreaterThan(0);
    await cancelScan(store.raw, id, actor, new Date());
    expect(scanStatus(store.raw, id)).toMatchObject({ status: 'cancelled' });
    expect(written()).toBe(0);
    run(
      store.raw,
      qb
        .updateTable('office')
        .set((eb) => ({ name: eb.ref('name') }))
        .where('id', '=', 1),
    );
  }, 60_000);

  it('keeps its threads for the next scan, and a failed job leaves them usable', async () => {
    await closeScanWorkers();
    const { store } = await emptyDatabase();
    seedDemoCounty(store, 400, { seed: 6 });
    const opts = { referenceDate: '2026-11-01', trigger: 'manual' as const, actor, workers: 2, minPerWorker: 1 };
    const first = startScan(store.raw, store.file, opts, new Date());
    await scanFinished(first);
    const afterFirst = scanWorkerStats();
    expect(afterFirst.idle).toBe(2);
    const second = startScan(store.raw, store.file, opts, new Date());
    await scanFinished(second);
    expect(scanWorkerStats().spawned).toBe(afterFirst.spawned);
    expect(scanStatus(store.raw, second)).toMatchObject({ status: 'done', total: 400 });

    // A job that cannot open its database fails the scan, saying why; the threads stay for the next one.
    const broken = startScan(store.raw, `${store.file}.missing/db`, opts, new Date());
    await scanFinished(broken);
    expect(scanStatus(store.raw, broken)).toMatchObject({ status: 'failed' });
    expect(scanStatus(store.raw, broken)!.error).toMatch(/directory|unable to open|no such/i);
    const third = startScan(store.raw, store.file, opts, new Date());
    await scanFinished(third);
    expect(scanStatus(store.raw, third)).toMatchObject({ status: 'done', total: 400 });
    expect(scanWorkerStats().spawned).toBe(afterFirst.spawned);
    const rows = (id: number) =>
      all(
        store.raw,
        qb.selectFrom('scan_results').select(['household_id', 'kind', 'reasons_json']).where('scan_id', '=', id).orderBy('household_id'),
      );
    expect(rows(third)).toEqual(rows(first));

    // A thread that dies while idle leaves the pool; the next scan starts a new one.
    const before = scanWorkerStats();
    await terminateOneIdleScanWorker();
    expect(scanWorkerStats().idle).toBe(before.idle - 1);
    const fourth = startScan(store.raw, store.file, opts, new Date());
    await scanFinished(fourth);
    expect(scanStatus(store.raw, fourth)).toMatchObject({ status: 'done', total: 400 });
    expect(scanWorkerStats().spawned).toBe(before.spawned + 1);

    await closeScanWorkers();
    expect(scanWorkerStats().idle).toBe(0);
  });
});
