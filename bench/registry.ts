/**
 * Registry benchmark: bulk load and search latency.
 *
 *   node --import tsx bench/registry.ts [--households 200000] [--seed 1] [--no-readme] [--keep] [--plaintext]
 *
 * (a) the app path: `seedDemoCounty` of N households into a freshly migrated database;
 * (b) the reference: the same rows (the same generator re-run), written with hand-written
 *     positional better-sqlite3 prepared statements into a database built by the same
 *     migrations (same tables, indexes and pragmas), in one transaction.
 * Both include generating the households; the generator's own time is measured separately.
 * Then 1,000 ID-number and 1,000 name-prefix searches through the app's RegistrySearch.
 * The figures are printed (table and JSON) and written under "## registry" in bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openStore } from '../src-main/db/open';
import { generateHouseholds, mulberry32 } from '../src-main/demo/generator';
import { bulkLoadCacheMb, seedDemoCounty } from '../src-main/demo/seed';
import { RegistrySearch } from '../src-main/registry/search';
import { first, qb } from '../src-main/db/query';
import type { Database } from '../src-main/db/schema';
import { rawLoad, type Timed } from './registry-reference';

const { values } = parseArgs({
  options: {
    households: { type: 'string', default: '200000' },
    seed: { type: 'string', default: '1' },
    queries: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '2' },
    'no-readme': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    // Without the cipher (db/open.ts `plaintext`): to tell the cipher's cost from the rest (bench/README.md, encryption).
    plaintext: { type: 'boolean', default: false },
  },
});
const PLAINTEXT = values.plaintext;
const N = Number(values.households);
const SEED = Number(values.seed);
const Q = Number(values.queries);
const ROUNDS = Math.max(1, Number(values.rounds));
const CACHE_MB = bulkLoadCacheMb(N);
if (!Number.isInteger(N) || N < 1) throw new Error('--households must be a positive whole number');

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-bench-'));
const dbFile = (kind: 'app' | 'raw', round: number) => path.join(dir, `${kind}-${round}.db`);
const NOW = new Date('2026-11-29T08:00:00Z');
const ms = (t0: number) => performance.now() - t0;
/** CPU time (user + system) of this process since `c0`, in ms: robust when other work shares the machine. */
const cpuMs = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

const log = (s: string) => process.stderr.write(s + '\n');

// ---- generator alone --------------------------------------------------------------------
function timeGenerator(): Timed {
  const t0 = performance.now(),
    c0 = process.cpuUsage();
  let households = 0,
    members = 0;
  for (const h of generateHouseholds(N, SEED)) {
    households++;
    members += h.members.length;
  }
  return { ms: ms(t0), cpuMs: cpuMs(c0), households, members };
}

// ---- (a) the app path -------------------------------------------------------------------
async function appLoad(appFile: string): Promise<Timed> {
  const store = await openStore(appFile, { plaintext: PLAINTEXT });
  const t0 = performance.now(),
    c0 = process.cpuUsage();
  const r = seedDemoCounty(store, N, { seed: SEED, now: NOW, onProgress: (d, t) => d % 50000 === 0 && log(`  app ${d}/${t}`) });
  const t = ms(t0),
    c = cpuMs(c0);
  await store.close();
  return { ms: t, cpuMs: c, ...r };
}

const TABLES: (keyof Database)[] = [
  'areas',
  'households',
  'members',
  'income_items',
  'vehicles',
  'homes',
  'businesses',
  'supporters_outside',
  'expenses_12m',
];
async function counts(file: string): Promise<Record<string, number>> {
  const store = await openStore(file, { readonly: true, plaintext: PLAINTEXT });
  const out: Record<string, number> = {};
  for (const t of TABLES)
    out[t] =
      first(
        store.raw,
        qb.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')),
      )?.n ?? 0;
  await store.close();
  return out;
}

// ---- search latency -----------------------------------------------------------------------
interface Latency {
  queries: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  avgHits: number;
}
function summarise(times: number[], hits: number): Latency {
  const s = [...times].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    queries: s.length,
    p50: r(q(0.5)),
    p95: r(q(0.95)),
    p99: r(q(0.99)),
    max: r(s[s.length - 1]),
    mean: r(s.reduce((a, b) => a + b, 0) / s.length),
    avgHits: Math.round((hits / s.length) * 10) / 10,
  };
}

async function searchLatency(appFile: string): Promise<{ idNumber: Latency; name: Latency; sqlite: string }> {
  const store = await openStore(appFile, { plaintext: PLAINTEXT }); // a fresh connection, as the app opens the office database
  const raw = store.raw;
  const search = new RegistrySearch(raw);
  const rnd = mulberry32(SEED * 7 + 3);
  const maxId =
    first(
      raw,
      qb.selectFrom('members').select((eb) => eb.fn.max('id').as('n')),
    )?.n ?? 0;
  const sample = () => {
    const m = first(
      raw,
      qb
        .selectFrom('members')
        .select(['id_number', 'name'])
        .where('id', '=', 1 + Math.floor(rnd() * maxId)),
    );
    if (!m) throw new Error('member ids have a gap');
    return m;
  };
  const idQueries: string[] = [],
    nameQueries: string[] = [];
  for (let i = 0; i < Q; i++) {
    const id = sample().id_number;
    idQueries.push(i % 3 === 0 ? id : id.slice(0, 6 + Math.floor(rnd() * 5))); // full 18 digits, or a 6–10 digit prefix
    const chars = Array.from(sample().name);
    nameQueries.push(chars.slice(0, rnd() < 0.5 ? 1 : 2).join(''));
  }
  const run = (qs: string[]) => {
    const times: number[] = [];
    let hits = 0;
    for (const q of qs) {
      const t0 = performance.now();
      hits += search.search(q, 20).length;
      times.push(ms(t0));
    }
    return summarise(times, hits);
  };
  const idNumber = run(idQueries);
  const name = run(nameQueries);
  const sqlite =
    first(
      raw,
      qb.selectNoFrom((eb) => eb.fn<string>('sqlite_version', []).as('v')),
    )?.v ?? '';
  await store.close();
  return { idNumber, name, sqlite };
}

// ---- main -------------------------------------------------------------------------------
log(`registry bench: ${N} households, seed ${SEED}, temp ${dir}`);
const loadBefore = os.loadavg()[0];
log('generator alone…');
const gen = timeGenerator();
// Rounds alternate the order (app, raw / raw, app …) and the best of each is reported: the
// machine may be shared, and the minimum is the figure least disturbed by other work.
const apps: Timed[] = [],
  raws: Timed[] = [];
let appCounts: Record<string, number> = {},
  rawCounts: Record<string, number> = {},
  appMb = 0,
  rawMb = 0;
const fileMb = (f: string) => Math.round((fs.statSync(f).size / 1048576) * 10) / 10;
const removeDb = (f: string) => {
  for (const x of ['', '-wal', '-shm']) fs.rmSync(f + x, { force: true });
};
for (let r = 0; r < ROUNDS; r++) {
  for (const kind of r % 2 === 0 ? (['app', 'raw'] as const) : (['raw', 'app'] as const)) {
    log(
      kind === 'app'
        ? `round ${r + 1}/${ROUNDS} (a) app path: seedDemoCounty…`
        : `round ${r + 1}/${ROUNDS} (b) reference: raw prepared statements…`,
    );
    const f = dbFile(kind, r);
    const t =
      kind === 'app'
        ? await appLoad(f)
        : await rawLoad(f, { households: N, seed: SEED, now: NOW, cacheMb: CACHE_MB, log, plaintext: PLAINTEXT });
    (kind === 'app' ? apps : raws).push(t);
    log(`  ${(t.ms / 1000).toFixed(2)} s wall, ${(t.cpuMs / 1000).toFixed(2)} s CPU`);
    if (r === 0) {
      if (kind === 'app') [appCounts, appMb] = [await counts(f), fileMb(f)];
      else [rawCounts, rawMb] = [await counts(f), fileMb(f)];
    }
    if (!(kind === 'app' && r === ROUNDS - 1)) removeDb(f);
  }
}
const best = (xs: Timed[]) => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
const app: Timed = { ...best(apps), cpuMs: Math.min(...apps.map((x) => x.cpuMs)) };
const ref: Timed = { ...best(raws), cpuMs: Math.min(...raws.map((x) => x.cpuMs)) };
const sameRows = TABLES.every((t) => appCounts[t] === rawCounts[t]);
log('search latency…');
const lat = await searchLatency(dbFile('app', ROUNDS - 1));
if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });

const rate = (n: number, t: number) => Math.round(n / (t / 1000));
const sec = (t: number) => Math.round(t) / 1000;
const machine = {
  date: new Date().toISOString().slice(0, 10),
  nproc: os.availableParallelism(),
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(os.totalmem() / 1073741824),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  sqlite: lat.sqlite,
  loadAverage1mBeforeAfter: [Math.round(loadBefore * 100) / 100, Math.round(os.loadavg()[0] * 100) / 100],
};
const result = {
  households: N,
  members: app.members,
  seed: SEED,
  rounds: ROUNDS,
  cacheMb: CACHE_MB,
  rows: appCounts,
  sameRowsInBoth: sameRows,
  generatorOnly: { seconds: sec(gen.ms), cpuSeconds: sec(gen.cpuMs), householdsPerSec: rate(gen.households, gen.ms) },
  app: {
    seconds: sec(app.ms),
    cpuSeconds: sec(app.cpuMs),
    householdsPerSec: rate(app.households, app.ms),
    personsPerSec: rate(app.members, app.ms),
    fileMb: appMb,
  },
  raw: {
    seconds: sec(ref.ms),
    cpuSeconds: sec(ref.cpuMs),
    householdsPerSec: rate(ref.households, ref.ms),
    personsPerSec: rate(ref.members, ref.ms),
    fileMb: rawMb,
  },
  allRoundsSeconds: { app: apps.map((x) => sec(x.ms)), raw: raws.map((x) => sec(x.ms)) },
  allRoundsCpuSeconds: { app: apps.map((x) => sec(x.cpuMs)), raw: raws.map((x) => sec(x.cpuMs)) },
  ratioAppOverRaw: Math.round((app.ms / ref.ms) * 100) / 100,
  ratioCpuAppOverRaw: Math.round((app.cpuMs / ref.cpuMs) * 100) / 100,
  ratioExcludingGenerator: Math.round(((app.ms - gen.ms) / (ref.ms - gen.ms)) * 100) / 100,
  searchMs: { idNumber: lat.idNumber, name: lat.name },
  targets: { ratio: 1.5, searchP95Ms: 20 },
  machine,
};

const latencyRow = (label: string, l: Latency) =>
  `| ${label} | ${l.queries} | ${[l.p50, l.p95, l.p99, l.max].map((x) => x.toFixed(3)).join(' | ')} | ${l.avgHits} |`;
const table = [
  `| load (${N} households, ${app.members} persons) | wall s | CPU s | households/s | persons/s |`,
  `|---|---:|---:|---:|---:|`,
  `| generator alone (no database) | ${sec(gen.ms).toFixed(2)} | ${sec(gen.cpuMs).toFixed(2)} | ${rate(gen.households, gen.ms)} | ${rate(gen.members, gen.ms)} |`,
  `| (a) app: seedDemoCounty | ${sec(app.ms).toFixed(2)} | ${sec(app.cpuMs).toFixed(2)} | ${rate(app.households, app.ms)} | ${rate(app.members, app.ms)} |`,
  `| (b) reference: raw prepared statements | ${sec(ref.ms).toFixed(2)} | ${sec(ref.cpuMs).toFixed(2)} | ${rate(ref.households, ref.ms)} | ${rate(ref.members, ref.ms)} |`,
  `| ratio app / raw (target ≤ 1.5) | ${result.ratioAppOverRaw.toFixed(2)} | ${result.ratioCpuAppOverRaw.toFixed(2)} | | |`,
  `| ratio excluding the generator's time | ${result.ratioExcludingGenerator.toFixed(2)} | | | |`,
  '',
  `| search (RegistrySearch, limit 20) | queries | p50 ms | p95 ms | p99 ms | max ms | mean hits |`,
  `|---|---:|---:|---:|---:|---:|---:|`,
  latencyRow('ID number (⅓ full 18 digits, ⅔ 6–10 digit prefixes)', lat.idNumber),
  latencyRow('name prefix (1–2 characters of real names)', lat.name),
].join('\n');

console.log(table);
console.log('');
console.log(JSON.stringify(result, null, 2));

if (!values['no-readme']) {
  const readme = path.join(here, 'README.md');
  const section = [
    '## registry',
    '',
    `Run: \`node --import tsx bench/registry.ts --households ${N}\` (\`npm run bench:registry\`), ${machine.date}.`,
    `Machine: ${machine.nproc} CPUs (nproc) ${machine.cpu}, ${machine.memoryGb} GB RAM, ${machine.platform}; Node ${machine.node}; SQLite ${machine.sqlite}.`,
    `1-minute load average before / after the run: ${machine.loadAverage1mBeforeAfter.join(' / ')} (the machine may be shared; CPU seconds are less sensitive to that than wall seconds).`,
    '',
    '(a) is the app path — `seedDemoCounty` (one `HouseholdWriter`, one transaction, one audit entry) into a freshly migrated',
    'database; (b) is the reference — the same rows from the same generator, written with hand-written positional',
    'prepared statements into a database built by the same migrations (same tables, indexes and pragmas), in one',
    'transaction. Both times include generating the households; the generator alone is shown for comparison.',
    `Both loads use the same SQLite page cache (${CACHE_MB} MiB: \`seedDemoCounty\` sets it for the load, the reference sets it too).`,
    `Each load ran ${ROUNDS} time(s), alternating which goes first, into fresh files; the table shows the best wall time and`,
    'the lowest CPU time of each (every round is in the JSON). Search runs over the last app database, on a fresh connection,',
    'without warm-up.',
    `Rows written in each: ${TABLES.map((t) => `${t} ${appCounts[t]}`).join(', ')} (row counts identical in both: ${sameRows}).`,
    `Database size: app ${appMb} MB, reference ${rawMb} MB.`,
    '',
    table,
    '',
    'Figures as printed by the run (JSON):',
    '',
    '```json',
    JSON.stringify(result, null, 2),
    '```',
    '',
  ].join('\n');
  let text = fs.existsSync(readme)
    ? fs.readFileSync(readme, 'utf8')
    : '# Benchmarks\n\nEach section is written by its benchmark script; the figures are from real runs.\n\n';
  const start = text.search(/^## registry\s*$/m);
  if (start >= 0) {
    const rest = text.slice(start + 1);
    const next = rest.search(/^## /m);
    text = text.slice(0, start) + section + (next >= 0 ? '\n' + rest.slice(next) : '');
  } else {
    text = text.replace(/\s*$/, '\n\n') + section;
  }
  fs.writeFileSync(readme, text);
  log(`figures written to ${path.relative(process.cwd(), readme)}`);
}
