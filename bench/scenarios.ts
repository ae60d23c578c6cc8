/**
 * bench/scenarios — a scenario run and budget mode on the demo county, against a warm scan.
 *
 *   node --import tsx bench/scenarios.ts [--size 200000] [--rounds 3]
 *
 * Bundled with vite into out/bench-scenarios/ as bench/engine.ts does (a prebuilt
 * `scan-worker.js`). In one child process (so that its peak RSS, worker threads included, is
 * the runs' own), after one scan to start the threads, `rounds` interleaved rounds of:
 *   scan      the app's warm scan on the same date (startScan, changes written);
 *   scenario  one scenario run: the rural standard +50 yuan, before and after in one pass,
 *             the changed households written;
 *   budget    budget mode on the rural standard with a ceiling 3 % above today's cost
 *             (cost-only passes, then the final scenario run).
 * Prints medians with min–max and the ratios the issue targets: scenario ≤ 2× scan, budget ≤ 12 scenarios.
 * `--rss` instead runs each kind of work alone in a process of its own and prints each one's peak RSS.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface Round {
  scanMs: number;
  scenarioMs: number;
  budgetMs: number;
  evaluations: number;
  solved: number;
  changed: number;
}

async function child(dataDir: string, size: number, rounds: number, only: string) {
  const { seedDemoCounty } = await import('../src-main/demo/seed');
  const { openStore } = await import('../src-main/db/open');
  const { ensureDefaultParameters } = await import('../src-main/policy/parameter-store');
  const { startScan, scanFinished } = await import('../src-main/scan/runner');
  const { closeScanWorkers } = await import('../src-main/scan/pool');
  const { startScenario, scenarioFinished } = await import('../src-main/scenarios/run');
  const { scenarioRun } = await import('../src-main/scenarios/runs');
  fs.mkdirSync(dataDir, { recursive: true });
  // The same county file as bench/engine.ts (seed 1), made once.
  const file = path.join(dataDir, `county-${size}.db`);
  const fresh = !fs.existsSync(file);
  const store = await openStore(file);
  if (fresh) seedDemoCounty(store, size, { seed: 1 });
  ensureDefaultParameters(store.raw, new Date());
  store.raw.exec(`DELETE FROM scan_results; DELETE FROM scans`);
  const date = '2027-01-01';
  const actor = { userId: null, username: 'bench' };
  const scan = async () => {
    const t0 = performance.now();
    const id = startScan(store.raw, store.file, { referenceDate: date, trigger: 'manual', actor }, new Date());
    await scanFinished(id);
    return performance.now() - t0;
  };
  const scenario = async (budget?: number) => {
    const t0 = performance.now();
    const id = startScenario(
      store.raw,
      store.file,
      {
        name: budget ? 'bench budget' : 'bench',
        effectiveFrom: date,
        changes: budget ? [] : [{ parameterId: 'dibao.standard', residence: 'rural', value: 650 }],
        budget: budget ? { monthlyFen: budget, parameterId: 'dibao.standard', residence: 'rural' } : undefined,
      },
      actor,
      new Date(),
    );
    await scenarioFinished(id);
    const ms = performance.now() - t0;
    const r = scenarioRun(store.raw, id);
    if (r.status !== 'done' || !r.summary) throw new Error(`scenario ${r.status}: ${r.error}`);
    return { ms, r };
  };
  await scan(); // threads started and warm, as in the app after its first scan
  if (only !== 'all') {
    // One kind of work alone in its process, for its own peak RSS (--rss).
    let budget = 0;
    for (let i = 0; i < rounds; i++) {
      if (only === 'scan') await scan();
      else if (only === 'scenario') await scenario();
      // The ceiling of the interleaved run on the 200,000 county (3 % above its cost today).
      else budget = (await scenario(9_587_379_771)).r.evaluations;
    }
    await closeScanWorkers();
    await store.close();
    process.stdout.write(`RESULT ${JSON.stringify({ only, budget, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
    return;
  }
  const out: Round[] = [];
  let budgetFen = 0;
  for (let i = 0; i < rounds; i++) {
    const scanMs = await scan();
    const s = await scenario();
    budgetFen ||= Math.round(s.r.summary!.monthlyCost.before * 1.03);
    const b = await scenario(budgetFen);
    const h = s.r.summary!.households;
    out.push({
      scanMs: Math.round(scanMs),
      scenarioMs: Math.round(s.ms),
      budgetMs: Math.round(b.ms),
      evaluations: b.r.evaluations,
      solved: b.r.solved?.valueYuan ?? NaN,
      changed: h.newlyEligible + h.leaving + h.tierUp + h.tierDown + h.benefitChanged,
    });
  }
  await closeScanWorkers();
  await store.close();
  process.stdout.write(
    `RESULT ${JSON.stringify({ rounds: out, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), budgetFen })}\n`,
  );
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : Math.round((s[s.length / 2 - 1] + s[s.length / 2]) / 2);
};
const spread = (xs: number[]) => `${median(xs)} (${Math.min(...xs)}–${Math.max(...xs)})`;

async function parent() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.join(here, '..');
  const arg = (name: string, d: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : d);
  const size = Number(arg('--size', '200000'));
  const rounds = Number(arg('--rounds', '3'));
  const outDir = path.join(root, 'out', 'bench-scenarios');
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
  const load0 = os.loadavg();
  const spawnChild = (only: string) =>
    spawnSync(
      process.execPath,
      [path.join(outDir, 'bench-child.js'), '--child', path.join(here, '.data'), String(size), String(rounds), only],
      {
        encoding: 'utf8',
        cwd: root,
        maxBuffer: 1 << 26,
      },
    );
  if (process.argv.includes('--rss')) {
    // Each kind of work in a process of its own (after the one scan that starts the threads).
    for (const only of ['scan', 'scenario', 'budget'])
      console.log(
        spawnChild(only)
          .stdout.split('\n')
          .find((l) => l.startsWith('RESULT ')),
      );
    console.log(
      `load average before / at the end: ${load0.map((x) => x.toFixed(2)).join(' ')} / ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    return;
  }
  const r = spawnChild('all');
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) {
    process.stderr.write(r.stderr);
    throw new Error('the bench child failed');
  }
  const res: { rounds: Round[]; peakRssMB: number; budgetFen: number } = JSON.parse(line.slice(7));
  const scans = res.rounds.map((x) => x.scanMs),
    scenarios = res.rounds.map((x) => x.scenarioMs),
    budgets = res.rounds.map((x) => x.budgetMs),
    ratios = res.rounds.map((x) => x.scenarioMs / x.scanMs);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, node ${process.version}, ${new Date().toISOString()}`);
  console.log(
    `load average before / at the end: ${load0.map((x) => x.toFixed(2)).join(' ')} / ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(`households ${size}, ${rounds} interleaved rounds, medians (min–max) in ms`);
  console.log(
    `warm scan | scenario run | budget mode | scenario / scan | budget / scenario | budget passes | solved rural standard | changed households | peak RSS MB`,
  );
  console.log(
    [
      spread(scans),
      spread(scenarios),
      spread(budgets),
      `${(median(scenarios) / median(scans)).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
      `${(median(budgets) / median(scenarios)).toFixed(2)}×`,
      res.rounds.map((x) => x.evaluations).join('/'),
      `${res.rounds[0].solved} yuan (budget ${res.budgetFen / 100} yuan/month)`,
      res.rounds[0].changed,
      res.peakRssMB,
    ].join(' | '),
  );
  console.log(JSON.stringify(res));
}

if (process.argv[2] === '--child') await child(process.argv[3], Number(process.argv[4]), Number(process.argv[5]), process.argv[6] ?? 'all');
else await parent();
