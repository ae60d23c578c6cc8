/**
 * Import benchmark (bench/README.md "## import"): a medical-insurance CSV of N rows generated
 * against the demo county (./import-data.ts), imported and compared through the app's own path
 * (worker thread: decode → papaparse → validate → stage → apply with warnings), timed against the
 * `sqlite3` shell's `.import` of the same file into a bare table, interleaved in the same run.
 *
 *   node --import tsx bench/import.ts [--households 200000] [--rows 1000000] [--small 100000 (0: none)]
 *        [--db demo.db] [--repeat 5] [--no-gb18030] [--no-readme] [--keep]
 *        [--against ../other-checkout --against-db other-demo.db]
 *
 * The app path is first bundled with vite (SSR build of this script and the import worker into
 * out/bench-import/, the layout electron-vite gives the main bundle: a prebuilt
 * `exchange-worker.js`). Each app import runs in a child process (the bundled script with
 * --child) on a fresh copy of the demo database, so its peak RSS is its own; wall and CPU time
 * are measured from the call that starts the import to its summary. `.import` is timed with
 * /usr/bin/time around the shell. The page cache is warmed by reading the file first.
 *
 * `--against` times another checkout's app path in the same rounds (A/B): its bench/import.ts is
 * bundled the same way and run as a child on a copy of `--against-db`, a demo database that
 * checkout made (databases of two schemas do not open in each other's code). The order of the
 * two alternates from round to round. Every run's summary must equal every other's: the figures
 * are refused otherwise.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { generate, warm } from './import-data';
import { appendResults, results, type Figures, type Timed } from './import-report';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    households: { type: 'string', default: '200000' },
    rows: { type: 'string', default: '1000000' },
    small: { type: 'string', default: '100000' },
    db: { type: 'string' },
    seed: { type: 'string', default: '7' },
    repeat: { type: 'string', default: '5' },
    'no-gb18030': { type: 'boolean', default: false },
    'no-readme': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    against: { type: 'string' },
    'against-db': { type: 'string' },
    child: { type: 'string' },
    file: { type: 'string' },
  },
});
const log = (s: string) => process.stderr.write(s + '\n');
const loadStart = os.loadavg();

// ---- child: one import through the app path ------------------------------------------------
if (values.child && values.file) {
  const { openStore } = await import('../src-main/db/open');
  const { beginImport } = await import('../src-main/exchange/start');
  const { importFinished, importStatus } = await import('../src-main/exchange/runner');
  const store = await openStore(values.child);
  const file = values.file;
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
  const out = { wallMs, stagedMs, cpuMs: (c.user + c.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify({ ...out, summary: { ...rest, rejected: rejected.length } }) + '\n');
  process.exit(0);
}

// ---- parent ---------------------------------------------------------------------------------
/** An encrypted database's key file goes with its copy (src-main/db/keys.ts keyFileOf); a plain one (another checkout's) has none. */
function copyKey(from: string, to: string): void {
  if (fs.existsSync(`${from}.key`)) fs.copyFileSync(`${from}.key`, `${to}.key`);
}
const N = Number(values.rows),
  SMALL = Number(values.small),
  H = Number(values.households),
  REPEAT = Math.max(1, Number(values.repeat));
if (values.against && !values['against-db']) throw new Error('--against needs --against-db: a demo database that checkout made');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-bench-import-'));
const demo = path.join(dir, 'demo.db');
if (!values.db) {
  log(`creating the demo county (${H} households) …`);
  const { createDemoDatabase } = await import('../src-main/demo/seed');
  await createDemoDatabase(demo, { households: H, seed: 1, now: new Date('2026-11-29T08:00:00Z') });
} else {
  // Opened once here, on a copy, as the app opens it: not in every timed child.
  fs.copyFileSync(values.db, demo);
  copyKey(values.db, demo);
  const { openStore } = await import('../src-main/db/open');
  await (await openStore(demo)).close();
}

/** One app path to time: its checkout, its bundle, its database. */
interface Variant {
  label: string;
  root: string;
  db: string;
}
const variants: Variant[] = [{ label: 'this', root: path.join(here, '..'), db: demo }];
if (values.against) variants.push({ label: 'against', root: path.resolve(values.against), db: path.resolve(values['against-db']!) });

const { build } = await import('vite');
for (const v of variants) {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: v.root,
    build: {
      ssr: true,
      outDir: path.join(v.root, 'out', 'bench-import'),
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: {
        input: {
          'bench-child': path.join(v.root, 'bench', 'import.ts'),
          'exchange-worker': path.join(v.root, 'src-main', 'exchange', 'worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  });
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

function appImport(v: Variant, file: string): Timed {
  const copy = path.join(dir, `app-${Date.now()}.db`);
  fs.copyFileSync(v.db, copy);
  copyKey(v.db, copy);
  // The copy's 1 GB of dirty pages would otherwise be written back during the timed import.
  spawnSync('sync');
  warm(file);
  const r = spawnSync(process.execPath, [path.join(v.root, 'out', 'bench-import', 'bench-child.js'), '--child', copy, '--file', file], {
    encoding: 'utf8',
    cwd: v.root,
    maxBuffer: 1 << 24,
  });
  for (const f of [copy, `${copy}-wal`, `${copy}-shm`, `${copy}.key`]) fs.rmSync(f, { force: true });
  if (r.status !== 0) throw new Error(`app import (${v.label}) failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Timed;
}

/** Runs the app variants REPEAT times on `file` (and `.import` before each round, unless `ref` is false), alternating their order. */
function rounds(file: string, label: string, ref: boolean) {
  const refs: Timed[] = [],
    apps: Timed[][] = variants.map(() => []);
  for (let k = 0; k < REPEAT; k++) {
    if (ref) refs.push(sqliteImport(file));
    const order = k % 2 === 0 ? variants.map((_, i) => i) : variants.map((_, i) => variants.length - 1 - i);
    for (const i of order) apps[i].push(appImport(variants[i], file));
    const line = variants.map((v, i) => `${v.label} ${(apps[i][k].wallMs / 1000).toFixed(2)} s`).join(', ');
    log(`  ${label} round ${k + 1}: ${ref ? `.import ${(refs[k].wallMs / 1000).toFixed(2)} s, ` : ''}${line}`);
  }
  return { refs, apps };
}

const figures: Figures[] = [];
for (const rows of SMALL > 0 ? [SMALL, N] : [N]) {
  const file = path.join(dir, `medical-${rows}.csv`);
  log(`generating ${rows} rows …`);
  const { bytes } = generate(demo, file, rows, Number(values.seed) + rows);
  log(`  ${(bytes / 1e6).toFixed(1)} MB; ${REPEAT} rounds …`);
  const r = rounds(file, `UTF-8 ${rows}`, true);
  figures.push({ file: 'UTF-8', rows, bytes, refs: r.refs, apps: r.apps });
  if (rows === N && !values['no-gb18030']) {
    const gb = path.join(dir, `medical-${rows}-gb18030.csv`);
    fs.writeFileSync(gb, iconv.encode(fs.readFileSync(file, 'utf8'), 'gb18030'));
    const g = rounds(gb, 'GB18030', false);
    figures.push({ file: 'GB18030', rows, bytes: fs.statSync(gb).size, refs: [], apps: g.apps });
    fs.rmSync(gb, { force: true });
  }
  if (!values.keep) fs.rmSync(file, { force: true });
}

const text = results(
  figures,
  variants.map((v) => v.label),
  { households: H, repeat: REPEAT, loadStart },
);
console.log(text);
console.log(JSON.stringify(figures, null, 2));
if (!values['no-readme']) appendResults(path.join(here, 'README.md'), text);
if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
