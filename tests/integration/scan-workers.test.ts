import { describe, expect, it } from 'vitest';
import { emptyDatabase } from '../fixtures/builders';
import { seedDemoCounty } from '../../src-main/demo/seed';
import { startScan, scanFinished, scanStatus, cancelScan } from '../../src-main/scan/runner';
import { closeScanWorkers, scanWorkerStats, terminateOneIdleScanWorker } from '../../src-main/scan/pool';

const actor = { userId: null, username: 'test' };

describe('proactive scan across worker threads', () => {
  it('gives the same results with three workers as with one, saved once', async () => {
    const { store } = await emptyDatabase();
    seedDemoCounty(store, 300, { seed: 3 });
    const one = startScan(store.raw, store.file, { referenceDate: '2026-11-01', trigger: 'manual', actor, workers: 1 }, new Date());
    await scanFinished(one);
    const three = startScan(store.raw, store.file, { referenceDate: '2026-11-01', trigger: 'manual', actor, workers: 3, minPerWorker: 1 }, new Date());
    await scanFinished(three);
    const rows = (id: number) => store.raw.prepare('SELECT household_id, kind, old_tier, new_tier, old_benefit_fen, new_benefit_fen, reasons_json FROM scan_results WHERE scan_id = ? ORDER BY household_id').all(id);
    expect(scanStatus(store.raw, three)).toMatchObject({ status: 'done', done: 300, total: 300 });
    expect(rows(three)).toEqual(rows(one));
    expect(rows(one).length).toBeGreaterThan(0);
    expect(scanStatus(store.raw, three)!.counts).toEqual(scanStatus(store.raw, one)!.counts);
  });

  it('a cancelled scan writes no results', async () => {
    const { store } = await emptyDatabase();
    seedDemoCounty(store, 200, { seed: 4 });
    const id = startScan(store.raw, store.file, { referenceDate: '2026-11-01', trigger: 'manual', actor, workers: 2, minPerWorker: 1 }, new Date());
    await cancelScan(store.raw, id, actor, new Date());
    expect(scanStatus(store.raw, id)).toMatchObject({ status: 'cancelled' });
    expect(store.raw.prepare('SELECT COUNT(*) AS n FROM scan_results WHERE scan_id = ?').get(id)).toEqual({ n: 0 });
    const again = startScan(store.raw, store.file, { referenceDate: '2026-11-01', trigger: 'manual', actor }, new Date());
    await scanFinished(again);
    expect(scanStatus(store.raw, again)).toMatchObject({ status: 'done', total: 200 });
  });

  it('a scan cancelled after workers have written batches leaves no results, and the database stays writable', async () => {
    const { store } = await emptyDatabase();
    seedDemoCounty(store, 12000, { seed: 5 });
    const id = startScan(store.raw, store.file, { referenceDate: '2026-11-01', trigger: 'manual', actor, workers: 2, minPerWorker: 1, resultBatch: 50 }, new Date());
    const written = () => (store.raw.prepare('SELECT COUNT(*) AS n FROM scan_results WHERE scan_id = ?').get(id) as { n: number }).n;
    const t0 = Date.now();
    while (written() === 0 && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 10));
    expect(scanStatus(store.raw, id)!.status).toBe('running');
    expect(written()).toBeGreaterThan(0);
    await cancelScan(store.raw, id, actor, new Date());
    expect(scanStatus(store.raw, id)).toMatchObject({ status: 'cancelled' });
    expect(written()).toBe(0);
    store.raw.prepare(`UPDATE office SET name = name WHERE id = 1`).run();
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
    const rows = (id: number) => store.raw.prepare('SELECT household_id, kind, reasons_json FROM scan_results WHERE scan_id = ? ORDER BY household_id').all(id);
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
