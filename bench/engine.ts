/**
 * bench/engine — the proactive scan on demo counties of growing size.
 *
 *   node --import tsx bench/engine.ts [--sizes 20000,50000,100000,200000] [--plaintext]
 *
 * The script and the scan worker are first bundled with vite into out/bench-engine/ (the
 * layout electron-vite gives the main bundle: a prebuilt `scan-worker.js`, no TypeScript
 * compiled at run time). For each size, in fresh child processes (so peak RSS is that
 * size's own):
 *   reference  one hand-written SQL query computing per-capita counted income against the
 *              standard for every household (the engine's first test, nothing else);
 *   core       the scan's work in one thread: stream every household, evaluate every tier,
 *              compare with the determination in force (packed inputs already cached);
 *   scan       the app's real path, startScan → one worker thread per core → changes written
 *              in batches: first *cold* (every packed input cleared, as after a bulk load, so
 *              the workers rebuild them), then *warm* (best of 2: the usual case, a scan after
 *              a parameter change or a day's edits).
 * Prints a table and JSON; the ratio scan/reference is the figure the issue targets (≤ 3×).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REFERENCE_SQL = `
WITH pm AS (SELECT id, household_id FROM members WHERE active = 1 AND status = 'present'),
inc AS (SELECT pm.household_id AS hid,
          SUM(CASE WHEN i.type IN ('wage','business') THEN i.amount_fen * 0.7
                   WHEN i.type IN ('property','support','pension','unemployment','survivor','compensation','other') THEN i.amount_fen
                   ELSE 0 END) AS counted
        FROM pm JOIN income_items i ON i.member_id = pm.id GROUP BY pm.household_id),
sz AS (SELECT household_id AS hid, COUNT(*) AS n FROM pm GROUP BY household_id)
SELECT h.id, COALESCE(inc.counted, 0) < (CASE h.residence WHEN 'urban' THEN 75000 ELSE 60000 END) * sz.n AS below
FROM households h JOIN sz ON sz.hid = h.id LEFT JOIN inc ON inc.hid = h.id WHERE h.status = 'active'`;

/** What a child process prints for the one-thread core … */
interface CoreResult {
  households: number;
  persons: number;
  referenceMs: number;
  referenceBelowStandard: number;
  packMs: number;
  engineCoreMs: number;
  householdsPerSecond: number;
  ratioCore: number;
  corePeakRssMB: number;
  counts: Record<string, number>;
}
/** … and for the app's scan. */
interface ScanResult {
  coldScanMs: number;
  freshThreadsScanMs: number;
  warmScanMs: number;
  status: string;
  counts: Record<string, number>;
  coldCounts: Record<string, number>;
  scanPeakRssMB: number;
  workers: number;
}

async function child(dataDir: string, size: number, mode: 'core' | 'scan', plaintext: boolean) {
  const { seedDemoCounty } = await import('../src-main/demo/seed');
  const { openStore } = await import('../src-main/db/open');
  const { ensureDefaultParameters, parametersOn } = await import('../src-main/policy/parameter-store');
  const { evaluateCounty } = await import('../src-main/scan/evaluate-county');
  const { refreshEngineInputs } = await import('../src-main/registry/stream');
  const { startScan, scanFinished, scanStatus } = await import('../src-main/scan/runner');
  const { closeScanWorkers } = await import('../src-main/scan/pool');
  fs.mkdirSync(dataDir, { recursive: true });
  // Without the cipher (db/open.ts `plaintext`), in a file of its own (bench/README.md, encryption).
  const file = path.join(dataDir, `county-${size}${plaintext ? '-plain' : ''}.db`);
  // The county only (no demo history): its registry `current` determinations are the ones
  // the generator wrote, so the scan has real changes to find.
  const fresh = !fs.existsSync(file);
  const store = await openStore(file, { plaintext });
  if (fresh) seedDemoCounty(store, size, { seed: 1 });
  ensureDefaultParameters(store.raw, new Date());
  // Earlier runs' results would only grow the file.
  store.raw.exec(`DELETE FROM scan_results; DELETE FROM scans`);
  const date = '2026-11-01';
  const { first, qb } = await import('../src-main/db/query');
  const persons =
    first(
      store.raw,
      qb
        .selectFrom('members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('active', '=', 1),
    )?.n ?? 0;
  // The reference is hand-written SQL by design (what the scan is measured against).
  const reference = store.raw.prepare<[], { below: number }>(REFERENCE_SQL);
  // Warm the page cache once so neither side pays the first read from disk.
  reference.all();

  const scanOnce = async () => {
    const t0 = performance.now();
    const id = startScan(
      store.raw,
      store.file,
      { referenceDate: date, trigger: 'manual', actor: { userId: null, username: 'bench' } },
      new Date(),
    );
    await scanFinished(id);
    return { ms: performance.now() - t0, status: scanStatus(store.raw, id)! };
  };
  if (mode === 'scan') {
    // The app's real path in a process of its own, so its peak RSS is the scan's alone.
    store.raw.exec(`DELETE FROM engine_inputs`);
    const cold = await scanOnce();
    await closeScanWorkers();
    const newThreads = await scanOnce();
    const runs = [await scanOnce(), await scanOnce()];
    const warm = runs[0].ms < runs[1].ms ? runs[0] : runs[1];
    await closeScanWorkers();
    await store.close();
    const out = {
      coldScanMs: Math.round(cold.ms),
      freshThreadsScanMs: Math.round(newThreads.ms),
      warmScanMs: Math.round(warm.ms),
      status: warm.status.status,
      counts: warm.status.counts,
      coldCounts: cold.status.counts,
      scanPeakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      workers: Math.min(4, os.availableParallelism()),
    };
    process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
    return;
  }

  const best = (f: () => void, runs = 3) => {
    let min = Infinity;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      f();
      min = Math.min(min, performance.now() - t);
    }
    return min;
  };
  let below = 0;
  const refMs = best(() => {
    below = 0;
    for (const r of reference.iterate()) below += r.below;
  });
  store.raw.exec(`DELETE FROM engine_inputs`);
  const t = performance.now();
  refreshEngineInputs(store.raw, 0, Number.MAX_SAFE_INTEGER);
  const packMs = performance.now() - t;
  const params = parametersOn(store.raw, date);
  let counts: Record<string, number> = {};
  const coreMs = best(() => {
    counts = evaluateCounty(
      store.raw,
      params,
      date,
      () => {},
      () => {},
    ).counts;
  });
  await store.close();
  const out = {
    households: size,
    persons,
    referenceMs: Math.round(refMs),
    referenceBelowStandard: below,
    packMs: Math.round(packMs),
    engineCoreMs: Math.round(coreMs),
    householdsPerSecond: Math.round(size / (coreMs / 1000)),
    ratioCore: +(coreMs / refMs).toFixed(2),
    corePeakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    counts,
  };
  process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
}

async function parent() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.join(here, '..');
  const dataDir = path.join(here, '.data');
  const arg = process.argv.indexOf('--sizes');
  const sizes = (arg > 0 ? process.argv[arg + 1] : '20000,50000,100000,200000').split(',').map(Number);
  const plaintext = process.argv.includes('--plaintext');
  // The app's layout: the scan worker prebuilt beside the code that starts it.
  const outDir = path.join(root, 'out', 'bench-engine');
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: {
        input: { 'bench-child': fileURLToPath(import.meta.url), 'scan-worker': path.join(root, 'src-main', 'scan', 'worker.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  });
  const results: (CoreResult &
    ScanResult & { ratioFreshThreadsScan: number; ratioWarmScan: number; ratioColdScan: number; sameCounts: boolean })[] = [];
  const run = <T>(size: number, mode: 'core' | 'scan'): T => {
    const args = [path.join(outDir, 'bench-child.js'), '--child', dataDir, String(size), mode, ...(plaintext ? ['plain'] : [])];
    const r = spawnSync(process.execPath, args, {
      encoding: 'utf8',
      cwd: root,
      maxBuffer: 1 << 26,
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) {
      process.stderr.write(r.stderr);
      throw new Error(`size ${size} (${mode}) failed`);
    }
    return JSON.parse(line.slice(7));
  };
  const load0 = os.loadavg();
  for (const size of sizes) {
    process.stderr.write(`households ${size}…\n`);
    const core = run<CoreResult>(size, 'core');
    const scan = run<ScanResult>(size, 'scan');
    results.push({
      ...core,
      ...scan,
      ratioFreshThreadsScan: +(scan.freshThreadsScanMs / core.referenceMs).toFixed(2),
      ratioWarmScan: +(scan.warmScanMs / core.referenceMs).toFixed(2),
      ratioColdScan: +(scan.coldScanMs / core.referenceMs).toFixed(2),
      sameCounts:
        JSON.stringify(core.counts) === JSON.stringify(scan.counts) && JSON.stringify(scan.coldCounts) === JSON.stringify(scan.counts),
    });
  }
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  console.log(
    `load average before / at the end: ${load0.map((x) => x.toFixed(2)).join(' ')} / ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const columns = [
    'households',
    'persons',
    'reference SQL ms',
    'pack all inputs ms',
    'engine, one thread ms',
    'hh/s one thread',
    'one thread / ref',
    'scan: cold / new threads / warm ms',
    'ratios to ref: cold / new threads / warm',
    'scan peak RSS MB',
    'same results',
  ];
  console.log(columns.join(' | '));
  for (const r of results) {
    const cells = [
      r.households,
      r.persons,
      r.referenceMs,
      r.packMs,
      r.engineCoreMs,
      r.householdsPerSecond,
      `${r.ratioCore}×`,
      `${r.coldScanMs} / ${r.freshThreadsScanMs} / ${r.warmScanMs}`,
      `${r.ratioColdScan}× / ${r.ratioFreshThreadsScan}× / ${r.ratioWarmScan}×`,
      r.scanPeakRssMB,
      r.sameCounts,
    ];
    console.log(cells.join(' | '));
  }
  console.log(JSON.stringify(results, null, 2));
}

if (process.argv[2] === '--child')
  await child(process.argv[3], Number(process.argv[4]), process.argv[5] === 'scan' ? 'scan' : 'core', process.argv[6] === 'plain');
else await parent();
