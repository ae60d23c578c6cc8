/**
 * Stations benchmark (docs/stations.md): a township of N households (default 20,000) —
 * enrolling it (the county writes the enrolment package; the township joins from it), a package
 * down carrying all N households changed at the county (export, then import at the township) —
 * each against the app's own bulk load of the same N households into an empty registry.
 *
 *   node --import tsx bench/stations.ts [--households 20000] [--rounds 3] [--no-readme]
 *
 * Medians over the rounds; every round starts from fresh databases. Writes "## stations" in bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openStore, type Store } from '../src-main/db/open';
import { seedDemoCounty } from '../src-main/demo/seed';
import { setupCountyStation } from '../src-main/stations/identity';
import { enrolTownship, joinStation } from '../src-main/stations/enrol';
import { exportPackage } from '../src-main/stations/sync-export';
import { importPackage } from '../src-main/stations/sync-import';

const { values } = parseArgs({
  options: {
    households: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '3' },
    'no-readme': { type: 'boolean', default: false },
  },
});
const N = Number(values.households);
const ROUNDS = Number(values.rounds);
const who = { userId: null, username: 'bench' };
process.env.SAFETYNET_DB_KEY ??= 'bench-stations-key';

const time = async <T>(f: () => Promise<T> | T): Promise<[number, T]> => {
  const t0 = performance.now();
  const r = await f();
  return [(performance.now() - t0) / 1000, r];
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Round {
  bulk: number;
  enrol: number;
  join: number;
  exportDown: number;
  importDown: number;
  bytes: number;
}

async function round(dir: string): Promise<Round> {
  const fresh = (name: string) => openStore(path.join(dir, name));
  // (a) the app's own bulk load of N households into an empty registry.
  const county: Store = await fresh('county.db');
  const [bulk] = await time(() => seedDemoCounty(county, N, { seed: 5 }));
  // One township holds them all: villages renamed apart and moved under the first township.
  county.raw.exec(
    `UPDATE areas SET name = name || '-' || id, parent_id = (SELECT min(id) FROM areas WHERE level = 'township') WHERE level = 'village'`,
  );
  const township = (
    county.raw.prepare(`SELECT name FROM areas WHERE id = (SELECT min(id) FROM areas WHERE level = 'township')`).get() as { name: string }
  ).name;
  county.raw
    .prepare(`INSERT INTO office (id, name, county, region_code, created_at) VALUES (1, '示范县民政局', '示范县', '130123', ?)`)
    .run(new Date().toISOString());
  setupCountyStation(county.raw, '县级', who, new Date());
  const [enrol, e] = await time(() =>
    enrolTownship(county.raw, { township, name: '乡镇', users: [] }, path.join(dir, 'enrol'), 'bench-passphrase', who, new Date()),
  );
  if (e.households !== N) throw new Error(`the slice has ${e.households} households, not ${N}`);
  const bytes = fs.readdirSync(path.join(dir, 'enrol')).reduce((s, f) => s + fs.statSync(path.join(dir, 'enrol', f)).size, 0);
  const town = await fresh('town.db');
  const [join] = await time(() => joinStation(town.raw, path.join(dir, 'enrol'), 'bench-passphrase', who, new Date()));
  // Every household changed at the county: the package down carries all N.
  county.raw.exec(`UPDATE households SET address = coalesce(address, '') || '·', version = version + 1`);
  const [exportDown, x] = await time(() => exportPackage(county.raw, e.stationId, path.join(dir, 'down'), who, new Date()));
  if (x.counts.household !== N) throw new Error(`the package down has ${x.counts.household} households, not ${N}`);
  const [importDown, imp] = await time(() => importPackage(town.raw, path.join(dir, 'down'), who, new Date()));
  if (imp.applied.households !== N) throw new Error(`the import applied ${imp.applied.households} households, not ${N}`);
  await county.close();
  await town.close();
  return { bulk, enrol, join, exportDown, importDown, bytes };
}

const load0 = os.loadavg()[0];
const rounds: Round[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-stations-'));
  try {
    rounds.push(await round(dir));
    process.stderr.write(`round ${i + 1}: ${JSON.stringify(rounds[i])}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const load1 = os.loadavg()[0];
const m = (k: keyof Round) => median(rounds.map((r) => r[k]));
const range = (k: keyof Round) => `${Math.min(...rounds.map((r) => r[k])).toFixed(2)}–${Math.max(...rounds.map((r) => r[k])).toFixed(2)}`;
const bulk = m('bulk');
const rows = [
  ['bulk load (reference)', 'bulk'],
  ['enrol: county writes the package', 'enrol'],
  ['join: township starts from it', 'join'],
  ['export: package down, all households', 'exportDown'],
  ['import: package down at the township', 'importDown'],
] as const;
const table = [
  '| step | median s | range s | ÷ bulk load |',
  '|---|---:|---:|---:|',
  ...rows.map(([label, k]) => `| ${label} | ${m(k).toFixed(2)} | ${range(k)} | ${(m(k) / bulk).toFixed(2)} |`),
  `| enrol + join | ${(m('enrol') + m('join')).toFixed(2)} | | ${((m('enrol') + m('join')) / bulk).toFixed(2)} |`,
].join('\n');
console.log(table);
const section = `## stations

Run: \`node --import tsx bench/stations.ts --households ${N} --rounds ${ROUNDS}\`, ${new Date().toISOString().slice(0, 10)}.
Machine: ${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM; Node ${process.version}. 1-minute load average before / after: ${load0.toFixed(2)} / ${load1.toFixed(2)}
(the machine is shared with other engineers' builds and tests: wall seconds vary by tens of per cent between rounds; the ranges show it;
with an even number of rounds the median is the slower middle one).

A township of ${N.toLocaleString('en-US')} households (every household of a demo county of that size moved under one township). The reference is the
app's own bulk load (\`seedDemoCounty\`) of the same households into an empty registry; each step is measured on encrypted stores, as the app runs.
The enrolment package was ${(median(rounds.map((r) => r.bytes)) / 2 ** 20).toFixed(1)} MB (AES-256-GCM, one JSON-lines file).

${table}

Goal (docs/stations.md): enrolling, exporting and importing a 20,000-household slice each ≤ 2× the bulk load.
`;
if (!values['no-readme']) {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf('## stations');
  const next = at < 0 ? -1 : text.indexOf('\n## ', at + 1);
  const out = at < 0 ? `${text.trimEnd()}\n\n${section}` : text.slice(0, at) + section + (next < 0 ? '' : text.slice(next + 1));
  fs.writeFileSync(file, out);
}
