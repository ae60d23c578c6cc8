/**
 * Import benchmark (issue 4, "Performance"): a medical-insurance CSV of N rows generated
 * against the demo county, imported and compared through the app's own path (worker thread:
 * decode → papaparse → validate → stage → apply with warnings), timed against the `sqlite3`
 * shell's `.import` of the same file into a bare table in the same run.
 *
 *   node --import tsx bench/import.ts [--households 200000] [--rows 1000000] [--small 100000]
 *        [--db demo.db] [--repeat 3] [--no-gb18030] [--no-readme] [--keep]
 *
 * The app path is first bundled with vite (SSR build of this script and the import worker
 * into out/bench-import/, the layout electron-vite gives the main bundle: a prebuilt
 * `exchange-worker.js`, no TypeScript compilation at run time). Each app import runs in a
 * child process (the bundled script with --child) on a fresh copy of the demo database, so
 * its peak RSS is its own; wall and CPU time are measured from the call
 * that starts the import to its summary (process start-up excluded). `.import` is timed
 * with /usr/bin/time around the shell. The page cache is warmed by reading the file first.
 * The figures are printed (table and JSON) and written under "## import" in bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import iconv from 'iconv-lite';
import { checkCharacter } from '../src-main/common/id-number';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    households: { type: 'string', default: '200000' },
    rows: { type: 'string', default: '1000000' },
    small: { type: 'string', default: '100000' },
    db: { type: 'string' },
    seed: { type: 'string', default: '7' },
    repeat: { type: 'string', default: '3' },
    'no-gb18030': { type: 'boolean', default: false },
    'no-readme': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    child: { type: 'string' },
    file: { type: 'string' },
  },
});
const log = (s: string) => process.stderr.write(s + '\n');

// ---- child: one import through the app path ------------------------------------------------
if (values.child) {
  const { openStore } = await import('../src-main/db/open');
  const { beginImport } = await import('../src-main/exchange/start');
  const { importFinished, importStatus } = await import('../src-main/exchange/runner');
  const store = await openStore(values.child);
  const file = values.file!;
  const t0 = performance.now(),
    c0 = process.cpuUsage();
  const started = await beginImport(
    store.raw,
    store.file,
    { file, name: path.basename(file), bytes: fs.statSync(file).size },
    { source: 'medical_insurance', fileDate: '2026-11-01' },
    { userId: null, username: 'bench' },
    new Date('2026-11-30T09:00:00Z'),
    'en',
  );
  // When staging ends and apply begins, from the progress the UI polls too.
  let stagedMs = 0;
  const poll = setInterval(() => {
    if (!stagedMs && importStatus(store.raw, started.importId, 'en').phase === 'applying') stagedMs = performance.now() - t0;
  }, 20);
  await importFinished(started.importId);
  clearInterval(poll);
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const s = importStatus(store.raw, started.importId, 'en');
  await store.close();
  if (!s.summary) throw new Error(`import failed: ${s.error}`);
  const { rejected, ...rest } = s.summary;
  process.stdout.write(
    JSON.stringify({
      wallMs,
      stagedMs,
      cpuMs: (c.user + c.system) / 1000,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      summary: { ...rest, rejected: rejected.length },
    }) + '\n',
  );
  process.exit(0);
}

// ---- parent ---------------------------------------------------------------------------------
const N = Number(values.rows),
  SMALL = Number(values.small),
  H = Number(values.households);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-bench-import-'));
let demo = path.join(dir, 'demo.db');
if (!values.db) {
  log(`creating the demo county (${H} households) …`);
  const { createDemoDatabase } = await import('../src-main/demo/seed');
  await createDemoDatabase(demo, { households: H, seed: 1, now: new Date('2026-11-29T08:00:00Z') });
} else {
  // A database of an older schema is migrated once here, on a copy: not in every timed child (an upgrade's index and backfill
  // over a county's determinations took ~2 s and left ~60 MB of page cache in the child's peak memory).
  fs.copyFileSync(values.db, demo);
  const { openStore } = await import('../src-main/db/open');
  await (await openStore(demo)).close();
}

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The county's hospital settlements: 40 % of rows concern registry members (random, with
 * repeats), 60 % other residents (300k synthetic people); 0.2 % of rows are defective
 * (scientific notation, a bad check character); ~6 % of stays cost more than 6,000 yuan
 * out of pocket. A title row sits above the header, as the bureau exports it.
 */
function generate(file: string, rows: number, seed: number): { bytes: number } {
  const raw = new BetterSqlite3(demo!, { readonly: true });
  const people = raw.prepare(`SELECT id_number, name FROM members WHERE active = 1`).raw().all() as [string, string][];
  raw.close();
  const r = rng(seed);
  const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
  const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';
  const hospitals = ['示范县人民医院', '示范县中医院', '市第一人民医院', '省人民医院', '城关镇卫生院'];
  const other = (i: number) => {
    const y = 1940 + (i % 80),
      m = 1 + (i % 12),
      d = 1 + (i % 28);
    const first17 = `1301${String(24 + (i % 70)).padStart(2, '0')}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(i % 997).padStart(3, '0')}`;
    return first17 + checkCharacter(first17);
  };
  const fd = fs.openSync(file, 'w');
  let buf = '示范县医疗保障局 2026年住院结算明细（导出）\n身份证号码,姓名,结算单号,入院日期,出院日期,医疗机构,总费用,统筹支付,个人自付\n';
  let bytes = 0;
  for (let i = 0; i < rows; i++) {
    let id: string, name: string;
    if (r() < 0.4) {
      const p = people[Math.floor(r() * people.length)];
      id = p[0];
      name = r() < 0.005 ? p[1] + '某' : p[1];
    } else {
      id = other(Math.floor(r() * 300_000));
      name =
        surnames[Math.floor(r() * surnames.length)] +
        given[Math.floor(r() * given.length)] +
        (r() < 0.5 ? given[Math.floor(r() * given.length)] : '');
    }
    const defect = r();
    if (defect < 0.001) id = `${id.slice(0, 1)}.${id.slice(1, 6)}E+17`;
    else if (defect < 0.002) id = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const month = 1 + Math.floor(r() * 10),
      day = 1 + Math.floor(r() * 27),
      stay = 1 + Math.floor(r() * 20);
    const admitted = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const dd = Math.min(28, day + stay);
    const discharged = `2026-${String(month).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
    const total = Math.round((r() < 0.1 ? 10_000 + r() * 60_000 : 500 + r() * 9_000) * 100);
    const fund = Math.round(total * (0.55 + r() * 0.25));
    buf += `${id},${name},JS2026${String(i).padStart(8, '0')},${admitted},${discharged},${hospitals[i % hospitals.length]},${(total / 100).toFixed(2)},${(fund / 100).toFixed(2)},${((total - fund) / 100).toFixed(2)}\n`;
    if (buf.length > 1 << 20) {
      bytes += fs.writeSync(fd, buf);
      buf = '';
    }
  }
  bytes += fs.writeSync(fd, buf);
  fs.closeSync(fd);
  return { bytes };
}

function warm(file: string) {
  const fd = fs.openSync(file, 'r');
  const b = Buffer.allocUnsafe(1 << 22);
  while (fs.readSync(fd, b, 0, b.length, null) > 0);
  fs.closeSync(fd);
}

interface Timed {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  stagedMs?: number;
}

function sqliteImport(file: string): Timed {
  const db = path.join(dir, `bare-${Date.now()}.db`);
  warm(file);
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', 'sqlite3', db, '-cmd', '.mode csv', `.import --skip 1 ${file} t`], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`sqlite3 .import failed: ${r.stderr}`);
  const [e, u, s, m] = r.stderr.trim().split('\n').pop()!.split(/\s+/).map(Number);
  fs.rmSync(db, { force: true });
  return { wallMs: e * 1000, cpuMs: (u + s) * 1000, maxRssMb: m / 1024 };
}

const appDir = path.join(here, '..', 'out', 'bench-import');
{
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    root: path.join(here, '..'),
    build: {
      ssr: true,
      outDir: appDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: {
        input: {
          'bench-child': path.join(here, 'import.ts'),
          'exchange-worker': path.join(here, '..', 'src-main', 'exchange', 'worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  });
}

function appImport(file: string): Timed & { summary: any } {
  const copy = path.join(dir, `app-${Date.now()}.db`);
  fs.copyFileSync(demo!, copy);
  // The copy's 1 GB of dirty pages would otherwise be written back during the timed import.
  spawnSync('sync');
  warm(file);
  const r = spawnSync(process.execPath, [path.join(appDir, 'bench-child.js'), '--child', copy, '--file', file], {
    encoding: 'utf8',
    cwd: path.join(here, '..'),
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`app import failed: ${r.stderr}`);
  for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

/**
 * Each figure is the median of REPEAT runs, the app's and `.import`'s interleaved: on this shared machine one run of either
 * varies by ±20 % with other tenants' load, and a ratio of two single runs by more.
 */
const REPEAT = Math.max(1, Number(values.repeat));
const median = <T extends Timed>(xs: T[]): T => [...xs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((xs.length - 1) / 2)];
const runs: Record<string, unknown>[] = [];
const results: Record<string, any> = {};
for (const rows of [SMALL, N]) {
  const file = path.join(dir, `medical-${rows}.csv`);
  log(`generating ${rows} rows …`);
  const { bytes } = generate(file, rows, Number(values.seed) + rows);
  log(`  ${(bytes / 1e6).toFixed(1)} MB; ${REPEAT} × (sqlite3 .import, app import) …`);
  const refs: Timed[] = [],
    apps: (Timed & { summary: any })[] = [];
  for (let k = 0; k < REPEAT; k++) {
    refs.push(sqliteImport(file));
    apps.push(appImport(file));
    log(`  .import ${(refs[k].wallMs / 1000).toFixed(2)} s, app ${(apps[k].wallMs / 1000).toFixed(2)} s`);
  }
  results[rows] = {
    rows,
    bytes,
    ref: median(refs),
    app: median(apps),
    refWallMs: refs.map((x) => x.wallMs),
    appWallMs: apps.map((x) => x.wallMs),
    appPeakRssMb: Math.max(...apps.map((x) => x.maxRssMb)),
  };
  if (rows === N && !values['no-gb18030']) {
    const gb = path.join(dir, `medical-${rows}-gb18030.csv`);
    fs.writeFileSync(gb, iconv.encode(fs.readFileSync(file, 'utf8'), 'gb18030'));
    log(`  GB18030: ${REPEAT} app imports …`);
    const gbApps = Array.from({ length: REPEAT }, () => appImport(gb));
    results.gb18030 = {
      rows,
      bytes: fs.statSync(gb).size,
      app: median(gbApps),
      appWallMs: gbApps.map((x) => x.wallMs),
      appPeakRssMb: Math.max(...gbApps.map((x) => x.maxRssMb)),
    };
    fs.rmSync(gb, { force: true });
  }
  if (!values.keep) fs.rmSync(file, { force: true });
}

const big = results[N],
  small = results[SMALL];
const f1 = (x: number) => x.toFixed(1),
  f2 = (x: number) => x.toFixed(2);
const line = (label: string, r: any, app: Timed, ref: Timed | null) =>
  `| ${label} | ${r.rows.toLocaleString('en')} | ${f1(r.bytes / 1e6)} | ${f2(app.wallMs / 1000)} | ${app.stagedMs ? `${f2(app.stagedMs / 1000)} / ${f2((app.wallMs - app.stagedMs) / 1000)}` : '—'} | ${f2(app.cpuMs / 1000)} | ${Math.round(r.rows / (app.wallMs / 1000)).toLocaleString('en')} | ${Math.round(r.appPeakRssMb ?? app.maxRssMb)} | ${ref ? `${f2(ref.wallMs / 1000)} / ${f2(ref.cpuMs / 1000)}` : '—'} | ${ref ? `${f2(app.wallMs / ref.wallMs)}× / ${f2(app.cpuMs / ref.cpuMs)}×` : `${f2(app.wallMs / big.ref.wallMs)}× / ${f2(app.cpuMs / big.ref.cpuMs)}× (vs UTF-8 .import)`} |`;
const perRow = (r: any) => r.app.wallMs / r.rows,
  perRowCpu = (r: any) => r.app.cpuMs / r.rows;
const table = [
  '| file | rows | MB | app wall s | staging / apply s | app CPU s | rows/s (wall) | app peak RSS MB (highest run) | `.import` wall / CPU s | ratio wall / CPU |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  line('UTF-8', small, small.app, small.ref),
  line('UTF-8', big, big.app, big.ref),
  ...(results.gb18030 ? [line('GB18030', results.gb18030, results.gb18030.app, null)] : []),
].join('\n');
const s = big.app.summary;
const text = [
  `Run ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()} (${Math.round(os.totalmem() / 2 ** 30)} GB), Node ${process.version}, load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} at the end;`,
  `demo county of ${H.toLocaleString('en')} households; source \`medical_insurance\`; sqlite3 ${spawnSync('sqlite3', ['--version'], { encoding: 'utf8' }).stdout.split(' ')[0]}.`,
  '',
  table,
  '',
  `Medians of ${REPEAT} runs each, app and \`.import\` interleaved. All runs, wall s: ${[
    [`UTF-8 ${SMALL.toLocaleString('en')}`, small],
    [`UTF-8 ${N.toLocaleString('en')}`, big],
    ['GB18030', results.gb18030],
  ]
    .filter(([, r]) => r)
    .map(
      ([label, r]: any) =>
        `${label} app ${r.appWallMs.map((x: number) => f2(x / 1000)).join(', ')}${r.refWallMs ? ` (\`.import\` ${r.refWallMs.map((x: number) => f2(x / 1000)).join(', ')})` : ''}`,
    )
    .join('; ')}.`,
  '',
  `Linearity (time per row, ${N.toLocaleString('en')} ÷ ${SMALL.toLocaleString('en')}): wall ${f2(perRow(big) / perRow(small))}, CPU ${f2(perRowCpu(big) / perRowCpu(small))} (1.00 = linear).`,
  `${N.toLocaleString('en')}-row summary: rowsRead ${s.rowsRead}, accepted ${s.accepted}, rejected ${s.rejected}, matchedPersons ${s.matchedPersons}, unknownPersons ${s.unknownPersons}, warningsRaised ${s.warningsRaised}.`,
].join('\n');
console.log(text);
console.log(JSON.stringify(results, null, 2));

if (!values['no-readme']) {
  const readme = path.join(here, 'README.md');
  const cur = fs.existsSync(readme) ? fs.readFileSync(readme, 'utf8') : '# Benchmarks\n';
  const NOTES = [
    '`node --import tsx bench/import.ts` — a medical-insurance CSV generated against the demo county (40 % of rows registry members, 60 % other residents, 0.2 % defective ID numbers, a title row),',
    'imported through the app path (import worker: person index, staging in resumable 100k-row batches, one apply transaction raising warnings — for a large file begun along its',
    'last stretch; a file of 4 MB or more is read in a second thread — encoding detection → papaparse, or splitting lines where the file holds no quote → validation → matching —',
    'and a CSV file that splits safely is shared between that thread and the import worker), bundled by vite as electron-vite bundles the main process (prebuilt worker), each in a child process on a',
    'fresh copy of the demo database; `.import` is the `sqlite3` shell loading the same file into a bare table, timed in the same run. "staging / apply" splits the app\'s wall time',
    "where the import's progress turns to applying. Wall and CPU times are both given: the machine is shared, so wall time varies with the load (±25 % between runs).",
    '',
    'CSV parser chosen by measurement (same 1,000,000-row, 107 MB file, read + decode + parse, CPU s, this machine): papaparse 5.7.1 **1.45**; d3-dsv 1.85; csv-parser 4.25; csv-parse 6.1 4.99;',
    'uDSV 0.82 but it merged a short (ragged) row with the next line and split a quoted line break across chunks, so it was not kept. GB18030 decoding through `TextDecoder` costs the same as UTF-8 (1.39 s with papaparse; iconv-lite 1.88 s).',
    '',
    "Seventh round (seventh session). **A warning's raising is no longer a chain event of its own** (migration 14): the assistance chain reads it from the warnings",
    'table (its household index, and its deduplication index for a person), which now keeps the department and who raised it, its raised columns fixed by a trigger.',
    "Each raised warning had added a chain row and an entry in both chain indexes, by household and by person; the county file's ~24,000 warned households",
    'spread those over nearly every leaf of the indexes (887,000 events in the demo chain): a page-by-page comparison of the database before and after an import found',
    '7,290 pages of `chain_household`, 1,018 of `chain_person` and 1,755 of `chain_events` changed, ~10,000 of the ~26,000 the import writes, all of them in the',
    'final transaction and so in its checkpoint. Without them: 3.51 → 2.98 s (medians of 4 alternating runs), CPU 5.63 → 5.13 s, apply after the last row 0.47 → 0.23 s.',
    'Every page the import now changes is a new page at the end of the file.',
    "Then the reading thread validates up to 280 parts (~13 MB) ahead of the person index instead of 170: it had sat idle 0.15–0.2 s of the index's 0.5–0.7 s",
    '(timestamps): −0.08, −0.18 and +0.01 s in three sets of 5–6 alternating runs, peak −7 to +10 MB; 400 parts reached a peak of 300 MB.',
    "The import worker's page cache is 8 MiB instead of 16: peak RSS −11, −12 and 0 MB in three sets of 5 alternating runs, wall no slower (its writes are in key",
    "order but for the warnings' deduplication index; 4 and 2 MiB were not slower either, but would leave that index of years of warnings no room).",
    "Measured and not kept: the writer's share while applying along at 36, 38 and 39 % instead of 33 % (equal medians in 14 alternating runs); the household index",
    'written along in batches of 16,384 or 65,536 pairs instead of all of the rest after the last row (apply −0.03 s, wall no different, CPU +0.1 s).',
    "Where the time goes now (timestamps of traced runs of 2.94–2.99 s): the hash 0.09 s; the import worker's start 0.05 s and its reading thread's 0.11 s more;",
    'the person index 0.6 s while both threads run (the reading thread validates 13 MB meanwhile); both threads reading to ~2.64 s; after the last row ~0.3 s —',
    'the two lists of unknown persons merged 0.06 s, the rest of the household index 0.06 s, the list 0.03 s, the commit with its checkpoint 0.12 s. Under load the',
    'app loses more than `.import`: it needs both cores, `.import` one (full runs: 1.75× with 170 parts ahead, then 1.91× and 1.95× with 280, CPU 5.3 against 5.7–5.8 s for the same work).',
    '',
    'Sixth round (sixth session). Each change was compared with the code just before it, in alternating runs in the same minutes (medians of 4–5): the load of',
    'other tenants moved every median by up to ±10 % within the hour, so figures taken an hour apart do not compare.',
    "1. **Hash tables hold their keys**: the person index and the unknown persons' list keep [key hi, key lo, slot] at each position, one cache line per lookup instead",
    "   of three (the table and two key arrays; 8 MB for a county). Line-level CPU profiles put a sixth of the reading thread's time on those loads. Reading the whole file",
    "   in one thread: 2.60 → 2.50 s CPU (the fifth round's try of the idea was a tight micro-benchmark, where the misses of consecutive lookups overlap; in the reading",
    '   loop they do not).',
    '2. **No regular expressions or substrings for the usual forms**: ID numbers checked in the loop that sums their check character, plain money and ISO dates read from',
    "   character codes: reading in one thread 2.57 → 2.23 s CPU. Full-width characters looked for in a UTF-8 piece's bytes (memchr) instead of by a regex over its text: −0.04 s.",
    "3. **The reading thread decides its rows' warnings** on a read-only connection of its own (the households and determinations a candidate needs) and hands them on with",
    "   each part: the writer had spent ~0.35 s on them, mostly reading households at random through a page cache its own writes kept emptying. 3.82 → 3.56 s; the writer's",
    '   share when applying along then went from 27 % to 33 % (3.58 → 3.45 s; 30 % 3.52, 36 % 3.64, 39 % 3.66 s).',
    '4. **Applying along waits for the last 40 MB** instead of giving up when the writer has read its share with more left: shares can be tuned without that cliff',
    '   (at a 20 % share it had not applied along at all: 4.3 s).',
    "5. Smaller: the person index's scan without a GLOB (0.38–0.45 → 0.35 s, the form checked while parsing); matched rows packed as SNP2 — ID numbers as their two int32",
    '   keys, a dictionary of categories, an evidence key equal to the event date as a marker, 16-bit lengths: 55 → 37 MB for the county file, which the writer writes twice',
    '   (WAL, then checkpoint); the household index counted into place by household id (11 ms) instead of sorted as numbers (40 ms); two lists of unknown persons merged',
    "   into room made for both; applying along keeps neither the candidates nor the warnings once raised (the writer's heap 46 → 14 MB after the first raise).",
    '6. **Applying along writes the household index** of the rows matched so far while the reading thread finishes; apply writes only the rest: apply after the last',
    '   row 0.47 → 0.38 s, wall 3.24 → 3.19 s. The fifth round had tried it with the writer the busier thread (before 3.), when it did not pay.',
    "7. Tried, not kept: all households' states read in one scan after 5,000 look-ups (no faster, peak +20 MB); the reading thread going on from the writer's list of unknown",
    "   persons (−0.05 s after the last row, but +13 MB at the peak: reverted); starting the import worker before the file's hash so that it builds the person index",
    '   meanwhile, with or without its reading thread started too (3.47 against 3.42 s, 3.54 against 3.56 s: on two vCPUs the hash, the index and the thread starts only',
    "   contended); generated code for a row's fields (no faster, again); a 64 MB page cache while applying along (raising 0.44 s instead of 0.50, peak 290–297 MB);",
    '   memory-mapped reads (peak 669 MB); the reading thread 100 or 200 parts ahead instead of 400 (slower, no lower peak).',
    'Where the time goes now (timestamps, 1,000,000 rows): ~0.25 s before the reading thread starts (hash 0.1 s, worker and thread start); the person index ~0.45 s',
    '(the reading thread validates 8 MB meanwhile); both threads reading, the writer raising ~24,000 warnings once it has read its third; after the last row ~0.45 s —',
    'the rest of the household index, the list of unknown persons, the commit (0.07 s) and its checkpoint (0.26 s, of which the fsyncs of the WAL and of the database take',
    '0.04 and 0.14 s, strace). The checkpoint',
    "writes ~80 MB of pages, most of them the leaves of the chain's two indexes (by household and by person) that the warnings' events land in at random.",
    '',
    "Fifth round (fifth session). Each figure below is now the median of 3 runs, app and `.import` interleaved (single runs vary ±20 % with other tenants' load).",
    '1. **A split range is read without papaparse**: a part of a file known to hold no quote character (what `splitCsv` hands out) is split by lines and delimiters, with',
    "   papaparse's rows, numbers and batches (tested side by side). Reading the whole file in one thread: 3.38–3.49 s CPU against 3.43–3.77 s (alternating runs).",
    "2. **Matched rows and the unknown persons' list are packed in columns** (typed arrays and one joined text) instead of JSON: 400,000 rows packed in 0.18 s against 0.33 s for",
    '   JSON.stringify apart, and no array per row; the list of 259,492 unknown persons is written in ~0.02 s instead of ~0.18 s (apply 1.05–1.09 s against 1.25–1.29 s, timestamps).',
    '   Records stored as JSON by earlier versions are still read.',
    "3. **The reading thread validates 32 parts ahead of the person index** instead of 8: it sat idle 0.25–0.5 s of the index's ~0.45 s, now 0.07–0.17 s. Peak +5 MB.",
    "4. **Pieces of 48 KB instead of 256 KB**: a piece's text (two bytes a character with Chinese) must stay under V8's large-object size (128 KB), or it is allocated",
    '   where only a full collection frees it: 256 KB pieces left ~100 MB of dead text per reading thread, which the forced collections every 16 parts cleared (0.25–0.35 s',
    '   of each thread, `--trace-gc`). With 48 KB pieces it dies young; forced collections every 1,024 parts and once after the parts that waited for the index.',
    '   1,000,000 rows: 4.26 → 3.74–3.83 s median in alternating runs, CPU −1.0 s, peak RSS 248 MB (−15 MB).',
    '5. **Apply along the last of the file** (`StageOptions.applyAlong`): once the import worker has read its own share (now 27 %) while the reading thread still reads, it takes',
    "   the write transaction, raises the warnings decided so far and then each part's as it comes; apply joins that transaction. Only if nothing was committed by anyone",
    "   since the person index was built (data version and registry epoch), and only with at most 40 MB of the file left, so that the app's other writes never wait long for",
    '   the lock. After the last row, apply then takes 0.5–0.6 s instead of 1.08–1.19 s (the household index, the list, the commit). A reader may now run 400 parts ahead',
    '   (was 8, then 40): the writer raising ~20,000 warnings at once left it waiting otherwise. 1,000,000 rows: 4.13 → 3.90 s median in alternating runs (6 each), then',
    '   3.63 → 3.51 s with 400 parts ahead and a 27 % share instead of 200 and 30 %. Writing the household index along as well moved 0.1 s out of apply but not out of the',
    '   whole (the writer is the busier thread while it applies along): not kept.',
    "6. The writer's share without applying along is 36 % (both threads end together; at 40 % the writer ended 0.3–0.45 s after the reader).",
    '7. Tried, not kept: a young generation of 32/64 MB (no faster, peak 334/414 MB); forced collections every 32 parts (no faster, peak 280 MB) or none (−0.14 s, peak 439 MB);',
    "   a covering index for the person index's scan (−40 ms of ~0.3 s, not worth a migration). Deferring the WAL checkpoint out of the import (apply −0.27 s) was measured and",
    '   not kept: the checkpoint would only move after the timer, not go away. Likewise a larger WAL auto-checkpoint during staging (apply then checkpointed it all: no faster);',
    "   the row's fields set by generated code instead of a loop of keyed stores (−3 % of reading, not worth generating code); hash buckets holding their keys (no faster).",
    'Where the time goes now (timestamps, 1,000,000 rows): ~0.25 s before staging (hash 0.1 s, worker start); person index ~0.5 s (the reading thread validates 8 MB',
    'meanwhile); reading in two threads, the writer raising warnings in its last stretch; after the last row ~0.6 s — household index 0.18 s, commit with its checkpoint',
    "~0.3 s. SQLite's inserts of the warnings and their chain events are 10 and 9 µs each (random-order indexes; 887,000 events in the demo chain).",
    '',
    'Fourth round (2026-11-29, fourth session), a new staging design:',
    '1. **Matched rows packed per part** (migration 11): the writer stores one record per part of the file (~256 KB, ~1,000 matched rows) instead of 400,000 rows; the rows of',
    '   persons not in the registry are not stored at all, only their list (migration 10), which is all the import shows of them.',
    '2. **Reading decides everything a row needs**: match, refusal for want of an authorisation (the person index carries the authorisation date), a name that differs, whether',
    '   the row is a candidate for a warning. Apply no longer reads rows back: it works from what the run read (candidates, the household of every matched row, the list).',
    '3. **The file is split** (`splitCsv`: at a line break, only for a file without a quote character, UTF-8 or GB18030, `\\n` or `\\r\\n`): the writer reads the first 40 % itself',
    "   between writing the other thread's parts, a reading thread the rest. A third thread cost another ~50 MB of heap for no speed (two cores).",
    "4. **Warnings decided while staging**: the writer evaluates each part's candidates as they arrive; apply raises them if nobody else committed since (`PRAGMA data_version`), or",
    '   decides again. A member changed between staging and apply (registry epoch, which now counts authorisations too) makes the job read the file again (a third reading holds the write transaction).',
    "5. **Memory**: the candidates kept for apply held V8 slices of every part's text (an ID number of 18 characters is a slice of its ~430 KB part): ~75 MB of the writer's heap, peak",
    '   RSS 334–343 MB, until their strings were copied out. Warnings are raised from one reused draft object (a spread per warning was promoted: +80 MB heap during apply).',
    '6. Smaller: warnings raised sorted by household (stable), −25 % for that step measured apart; full-width characters looked for per piece of text, not once for the rest of the',
    '   file; dates and amounts in their usual form read without the full-width clean-up, which ran twice on every cell.',
    "7. **The file's SHA-256** is computed through one reused buffer: the read stream's new buffer for every megabyte stayed uncollected in the app's idle main thread",
    '   through the import (peak RSS 278–292 MB before, 259–269 MB after, single runs). And a database of an older schema given with `--db` is now migrated once before the',
    "   timed runs: migrations 12 and 13 (an index and a backfill over the county's determinations) had run in each child and left ~60 MB of page cache in its peak.",
    '8. Tried, no effect beyond the noise, not kept: raising the warnings with two `INSERT … SELECT` from a temporary table (apply 1.18–1.32 s against 1.22–1.36 s); a 64 MB page cache',
    "   for apply (+48 MB); a reading thread's young generation of 12/16/24 MB; stream read-ahead of 2 pieces; validating 32 parts ahead of the person index instead of 8; forced",
    '   collections every 64 parts instead of 16 (peak 318–326 MB: kept at 16); reading the registry in a worker started while the file is hashed (1,000,000 rows 4.9–6.1 s against 5.1–5.7 s, 100,000 rows 1.41–1.90 s against 1.31–1.57 s in alternating runs).',
    '',
    "Fourth round's single runs of its final code on the 1,000,000-row file, same database: 4.8–5.7 s wall on a quiet machine, 6–7 s while other work loaded it; CPU 7.4–10.3 s;",
    'peak RSS 259–269 MB. The summary is unchanged (997,936 accepted, 2,064 rejected, 276,943 matched, 259,492 unknown, 29,675 warnings).',
    '',
    'Why it was still about 3× and not 2× after the fourth round (CPU profiles of both threads and timestamps, 1,000,000 rows): after the last row, apply takes 1.2–1.35 s — 29,675 warnings and their',
    'chain events 0.6–0.8 s (two inserts each into tables with random-order indexes; the chain holds 887,000 events of the demo history), the household index of 400,000 matched',
    'rows 0.18 s, the list of 259,492 unknown persons 0.18 s, the commit ~0.3 s. Staging takes 3.6–4.3 s: reading is ~5 s of CPU for the two threads (papaparse ~0.9 s, garbage',
    'collection ~1.2 s, matching, packing and the unknown list ~1.1 s, validation ~0.6 s, decoding ~0.3 s), and the person index (0.45–0.6 s) comes first. 2× of `.import` is',
    '~3.4 s for all of it; the warnings and the index alone are over a second of work that must follow the last row (all-or-nothing) or precede the first match.',
    'On this machine two busy threads do not make two cores: the reading of the whole file in one thread (`prepareRows`, no writing) takes 3.4–3.9 s of CPU alone, and',
    "4.8–5.5 s each when two such processes run at once (the two vCPUs share one core's worth of throughput in part). The import's two threads pay the same toll;",
    '`.import` runs in one.',
    '',
    'Third round (third session): the household index written once at apply, sorted (migration 09); the unknown persons listed while reading (migration 10). 7.2–8.5 s (4.1–5.0×),',
    'peak 202–280 MB.',
    '',
    "Previous round (second session): unknown persons' rows packed per part (migration 07); reading and matching in a second thread; apply reading back only candidates (registry",
    'epoch, migration 07); 100,000-row batches, 256 KB parts and bounded heaps. 9.5–9.8 s → 7.0–7.5 s wall (4.1–4.3×), peak 227–303 MB. Before that round the same file took',
    '11.6–12.1 s CPU (6.9–7.1×), peak 309–413 MB.',
  ].join('\n');
  const section = `## import\n\n${NOTES}\n\n${text}\n`;
  const re = /## import\n[\s\S]*?(?=\n## |$)/;
  fs.writeFileSync(readme, re.test(cur) ? cur.replace(re, section.trimEnd() + '\n') : cur.trimEnd() + '\n\n' + section);
}
if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
