/**
 * bench/encryption — what encrypting the store costs (bench/README.md "## encryption").
 *
 *   node --import tsx bench/encryption.ts --before DIR [--rounds 3] [--households 200000]
 *        [--recipients 20000] [--rows 1000000] [--import-rounds 5] [--benches registry,engine,reports,import]
 *        [--variants before,after,plain] [--no-readme]
 *
 * Runs the registry, engine (proactive scan), reports and import benches of two checkouts in
 * turn, each in processes of its own: `before`, a checkout of the build on plain better-sqlite3
 * (DIR, with its node_modules); `after`, this checkout, encrypted as the app runs; and `plain`,
 * this checkout with `--plaintext` (the new driver without the cipher: what the cipher itself
 * costs, apart from the SQLite version). The order of the variants turns round by round, so a
 * change of load on the machine falls on each variant alike. The figures are the medians of the
 * rounds with their spread (min–max); CPU time is given where the bench measures it, being less
 * sensitive to other work on a shared machine than wall time. The import bench runs its own A/B
 * (`--against`), alternating the two checkouts round by round.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    households: { type: 'string', default: '200000' },
    recipients: { type: 'string', default: '20000' },
    rows: { type: 'string', default: '1000000' },
    'import-rounds': { type: 'string', default: '5' },
    benches: { type: 'string', default: 'registry,engine,reports,import' },
    variants: { type: 'string', default: 'before,after,plain' },
    'no-readme': { type: 'boolean', default: false },
  },
});
if (!values.before) throw new Error('--before DIR: a checkout of the build on plain better-sqlite3, with its node_modules');
const BEFORE = path.resolve(values.before);
const ROUNDS = Math.max(1, Number(values.rounds));
const H = values.households!;
/** The commit the `before` checkout holds, as the README names it. */
const beforeCommit = spawnSync('git', ['-C', BEFORE, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim() || 'unknown';
const log = (s: string) => process.stderr.write(s + '\n');

type Variant = 'before' | 'after' | 'plain';
const VARIANTS = values.variants!.split(',').filter((v): v is Variant => v === 'before' || v === 'after' || v === 'plain');
const rootOf = (v: Variant) => (v === 'before' ? BEFORE : root);
const flags = (v: Variant) => (v === 'plain' ? ['--plaintext'] : []);

/** A run's figures by name, and the 1-minute load average when it started. */
interface Run {
  variant: Variant;
  round: number;
  load: number;
  figures: Record<string, number>;
}

/** The last JSON value a bench printed at the start of a line (its pretty-printed results). */
function lastJson(stdout: string): unknown {
  const lines = stdout.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i] === '{' || lines[i] === '[') return JSON.parse(lines.slice(i).join('\n'));
  throw new Error('no JSON in the output');
}

function node(cwd: string, args: string[]): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 27 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed in ${cwd}:\n${r.stderr.slice(-3000)}`);
  return r.stdout;
}

const num = (x: unknown): number => (typeof x === 'number' ? x : NaN);
const at = (o: unknown, ...keys: (string | number)[]): unknown =>
  keys.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? Reflect.get(v, k) : undefined), o);

/** Each bench: how to run it in a checkout, and the figures taken from what it prints. */
const BENCHES: Record<string, { title: string; run: (v: Variant) => Record<string, number> }> = {
  registry: {
    title: `registry (${H} households: bulk load, then search on a fresh connection)`,
    run: (v) => {
      const out = lastJson(
        node(rootOf(v), [
          path.join('bench', 'registry.ts'),
          '--households',
          H,
          '--rounds',
          '1',
          '--queries',
          '1000',
          '--no-readme',
          ...flags(v),
        ]),
      );
      return {
        'bulk load (seedDemoCounty), wall s': num(at(out, 'app', 'seconds')),
        'bulk load, CPU s': num(at(out, 'app', 'cpuSeconds')),
        'search by ID number, p50 ms': num(at(out, 'searchMs', 'idNumber', 'p50')),
        'search by ID number, p95 ms': num(at(out, 'searchMs', 'idNumber', 'p95')),
        'search by name, p50 ms': num(at(out, 'searchMs', 'name', 'p50')),
        'search by name, p95 ms': num(at(out, 'searchMs', 'name', 'p95')),
      };
    },
  },
  engine: {
    title: `engine (the proactive scan of ${H} households)`,
    run: (v) => {
      const out = lastJson(node(rootOf(v), [path.join('bench', 'engine.ts'), '--sizes', H, ...flags(v)]));
      return {
        'full scans in SQL (the reference query), ms': num(at(out, 0, 'referenceMs')),
        'pack every engine input, ms': num(at(out, 0, 'packMs')),
        'scan in one thread, ms': num(at(out, 0, 'engineCoreMs')),
        'scan, cold (inputs rebuilt), ms': num(at(out, 0, 'coldScanMs')),
        'scan, warm, ms': num(at(out, 0, 'warmScanMs')),
      };
    },
  },
  reports: {
    title: `reports (the monthly roster of ${values.recipients} recipients)`,
    run: (v) => {
      const out = node(rootOf(v), [path.join('bench', 'reports.ts'), '--child', '--size', values.recipients!, ...flags(v)]);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) throw new Error('the reports bench printed no RESULT');
      const r: unknown = JSON.parse(line.slice(7));
      return {
        'roster read and computed, ms': num(at(r, 'computeMs')),
        'layout, ms': num(at(r, 'layoutMs')),
        'PDF, ms': num(at(r, 'pdfMs')),
      };
    },
  },
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(3).replace(/\.?0+$/, ''));
const cell = (xs: number[]) => (xs.length ? `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})` : '—');

function table(runs: Run[]): string {
  const names = Object.keys(runs[0]?.figures ?? {});
  const of = (v: Variant, n: string) => runs.filter((r) => r.variant === v).map((r) => r.figures[n]);
  const shown = VARIANTS.filter((v) => runs.some((r) => r.variant === v));
  const head = [
    'figure',
    ...shown.map((v) => `${v}: median (min–max)`),
    ...shown.filter((v) => v !== 'before').map((v) => `${v} / before`),
  ];
  const rows = names.map((n) => {
    const b = median(of('before', n));
    return [
      n,
      ...shown.map((v) => cell(of(v, n))),
      ...shown.filter((v) => v !== 'before').map((v) => `${(median(of(v, n)) / b).toFixed(2)}`),
    ];
  });
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function importBench(): { text: string; runs: Run[] } {
  // The before checkout makes its own (plain) demo database; this checkout's import bench makes its encrypted one.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-bench-enc-'));
  const beforeDb = path.join(dir, 'before-demo.db');
  log(`import: the before checkout's demo county (${H} households) …`);
  node(BEFORE, [path.join('bin', 'safetynet.mjs'), 'demo', '--households', H, '--db', beforeDb]);
  const rounds = values['import-rounds']!;
  const args = ['--households', H, '--rows', values.rows!, '--small', '0', '--repeat', rounds, '--no-gb18030', '--no-readme'];
  log(`import: ${rounds} rounds of ${values.rows} rows, the two checkouts in turn …`);
  const out = node(root, [path.join('bench', 'import.ts'), ...args, '--against', BEFORE, '--against-db', beforeDb]);
  fs.rmSync(dir, { recursive: true, force: true });
  const figures = lastJson(out);
  const apps = at(figures, 0, 'apps');
  const runs: Run[] = [];
  (['after', 'before'] as const).forEach((variant, i) => {
    const list = at(apps, i);
    for (let k = 0; Array.isArray(list) && k < list.length; k++)
      runs.push({
        variant,
        round: k + 1,
        load: NaN,
        figures: {
          'import, wall s': num(at(list, k, 'wallMs')) / 1000,
          'import, CPU s': num(at(list, k, 'cpuMs')) / 1000,
          'staging (read, match, stage), s': num(at(list, k, 'stagedMs')) / 1000,
          'peak RSS, MB': num(at(list, k, 'maxRssMb')),
        },
      });
  });
  return { text: table(runs), runs };
}

const started = new Date();
const loads: number[] = [];
const sections: string[] = [];
const all: Record<string, Run[]> = {};
for (const name of values.benches!.split(',')) {
  if (name === 'import') {
    const r = importBench();
    all.import = r.runs;
    sections.push(`### import (${values.rows} rows into ${H} households, ${values['import-rounds']} rounds)\n\n${r.text}`);
    continue;
  }
  const bench = BENCHES[name];
  if (!bench) throw new Error(`unknown bench ${name}`);
  const runs: Run[] = [];
  for (let k = 0; k < ROUNDS; k++) {
    const order = VARIANTS.map((_, i) => VARIANTS[(i + k) % VARIANTS.length]);
    for (const v of order) {
      const load = os.loadavg()[0];
      loads.push(load);
      log(`${name} round ${k + 1}: ${v} (load ${load.toFixed(2)}) …`);
      runs.push({ variant: v, round: k + 1, load, figures: bench.run(v) });
    }
  }
  all[name] = runs;
  sections.push(`### ${bench.title}\n\n${table(runs)}`);
}
loads.push(os.loadavg()[0]);

const text = [
  `Run: \`node --import tsx bench/encryption.ts --before <checkout of ${beforeCommit}> --rounds ${ROUNDS} --households ${H} --recipients ${values.recipients}\`,`,
  `${started.toISOString().slice(0, 10)}. Machine: ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM,`,
  `Node ${process.version}. 1-minute load average at the start of each run: ${fmt(Math.min(...loads))}–${fmt(Math.max(...loads))}`,
  `(median ${fmt(median(loads))}) on ${os.availableParallelism()} CPUs: the machine was shared.`,
  '',
  ...sections.flatMap((s) => [s, '']),
].join('\n');
console.log(text);
console.log(JSON.stringify(all, null, 2));
if (!values['no-readme']) writeSection(path.join(here, 'README.md'), text);

/** Replaces the generated block of the "## encryption" section (between its markers), or adds the section at the end. */
function writeSection(readme: string, body: string): void {
  const begin = '<!-- bench/encryption.ts: begin -->';
  const end = '<!-- bench/encryption.ts: end -->';
  let md = fs.readFileSync(readme, 'utf8');
  const block = `${begin}\n${body}\n${end}`;
  if (md.includes(begin) && md.includes(end)) md = md.slice(0, md.indexOf(begin)) + block + md.slice(md.indexOf(end) + end.length);
  else md = `${md.trimEnd()}\n\n## encryption\n\n${block}\n`;
  fs.writeFileSync(readme, md);
}
