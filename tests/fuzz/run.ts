/**
 * The fuzz suite (docs/security.md "Inputs"): `node --import tsx tests/fuzz/run.ts --files N --seed S`
 * (`npm run fuzz`: 1,000 files; `npm test`: 100, through tests/fuzz/fuzz.test.ts). Each mutated file
 * goes through what the office would do with it — preview, validation and import for a department
 * file; check, import or restore for a package — and must end accepted (an import whose rows read
 * equal its accepted plus rejected rows) or refused with a clear message (an error of the app's own,
 * in both languages), with no crash, no partial write and a database that passes its integrity
 * check; the process's peak RSS stays under 500 MB. Prints one JSON line: files, time, peak RSS,
 * outcome counts and the failures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importError, importFinished, importStatus } from '../../src-main/exchange/runner';
import { createBackup, restoreBackup } from '../../src-main/backup/backup';
import { zipFolder } from '../../src-main/exchange/package';
import { tempDir, idFor, household } from '../fixtures/builders';
import { office, type Office } from '../integration/exchange/helpers';
import { departmentFiles, mutant, PASSPHRASE, writeMutant, type Base, type Mutant } from './corpus';

type Outcome = 'accepted' | 'refused' | 'crash';
interface Failure {
  file: string;
  why: string;
}

/** An app's own refusal: a lowercase code (not `internal`, not a Node error code) and a message. */
const clear = (e: { code?: string; message?: string } | null | undefined) =>
  !!e &&
  typeof e.code === 'string' &&
  /^[a-z][a-z0-9_]*$/.test(e.code) &&
  e.code !== 'internal' &&
  !!e.message &&
  !/^\w*Error\b/.test(e.message);

const counted = ['warnings', 'households', 'members', 'referrals', 'chain_events', 'exchange_household_rows'] as const;
function fingerprint(o: Office) {
  const raw = o.store.raw;
  const n = (sql: string) => (raw.prepare(sql).get() as { n: number }).n;
  return {
    ...Object.fromEntries(counted.map((t) => [t, n(`SELECT COUNT(*) AS n FROM ${t}`)])),
    applied: n(`SELECT COUNT(*) AS n FROM exchange_imports WHERE status = 'applied'`),
    auditImports: n(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'import'`),
  };
}

async function bases(o: Office, dir: string): Promise<Base[]> {
  const known: string[] = [];
  for (let i = 0; i < 5; i++) {
    const id = idFor('1955-01-01', 201 + i * 2);
    known.push(id);
    const base = household({ current: { tier: 'dibao', monthlyBenefit: 300 } });
    const members = [{ ...base.members[0], idNumber: id, name: `户主${i}`, authorisedOn: '2026-01-05' }];
    await o.clerk.value('households.create', { household: { ...base, members } });
  }
  const unknown = Array.from({ length: 25 }, (_, i) => idFor('1980-02-02', 301 + i * 2, '130124'));
  const dept = await departmentFiles(known, unknown);
  const csv = path.join(dir, 'base.csv');
  fs.writeFileSync(csv, dept[0].bytes);
  const pkg = await o.clerk.value('export.package', {
    file: { path: csv },
    source: 'medical_insurance',
    folder: dir,
    passphrase: PASSPHRASE,
    zip: true,
  });
  const backup = await createBackup(o.store.raw, path.join(dir, 'b'), PASSPHRASE, { userId: null, username: 'fuzz' }, new Date(), 'fuzz');
  await zipFolder(backup.folder, `${backup.folder}.zip`);
  const req = await o.clerk.value('export.verificationRequests', { source: 'banks', folder: path.join(dir, 'r'), zip: true });
  return [
    ...dept,
    { kind: 'package', name: 'package.zip', bytes: fs.readFileSync(pkg.target), passphrase: PASSPHRASE },
    { kind: 'backup', name: 'backup.zip', bytes: fs.readFileSync(`${backup.folder}.zip`), passphrase: PASSPHRASE },
    { kind: 'requests', name: 'requests.zip', bytes: fs.readFileSync(req.target) },
  ];
}

/** What the office does with one file; the outcome and, for a crash, why. */
async function tryFile(o: Office, file: string, m: Mutant, scratchDb: string): Promise<{ outcome: Outcome; why?: string }> {
  const refusedOrCrash = (e: { code?: string; message?: string }) =>
    clear(e) ? { outcome: 'refused' as const } : { outcome: 'crash' as const, why: `${e.code}: ${e.message}` };
  if (m.base.kind === 'csv' || m.base.kind === 'xlsx') {
    const source = m.base.source!;
    const p = await o.clerk.call('exchange.preview', { file: { path: file }, source });
    if (!p.ok) return refusedOrCrash(p.error);
    const v = await o.clerk.call('exchange.validate', { file: { path: file }, source });
    if (!v.ok) return refusedOrCrash(v.error);
    if (v.value.rowsRead !== v.value.valid + v.value.invalid)
      return { outcome: 'crash', why: `validate: ${JSON.stringify(v.value).slice(0, 200)}` };
    const st = await o.clerk.call('exchange.start', { file: { path: file }, source, fileDate: '2026-11-01' });
    if (!st.ok) return refusedOrCrash(st.error);
    await importFinished(st.value.importId);
    const s = importStatus(o.store.raw, st.value.importId, 'en');
    const summary = st.value.duplicateFile ? st.value.summary : s.summary;
    if (summary) {
      if (summary.rowsRead !== summary.accepted + summary.rejected.length)
        return { outcome: 'crash', why: `summary does not add up: ${JSON.stringify(summary)}` };
      return { outcome: 'accepted' };
    }
    return refusedOrCrash(importError(st.value.importId) ?? { code: 'no_error', message: s.error ?? s.status });
  }
  const pass = m.base.passphrase ?? PASSPHRASE;
  const check = await o.clerk.call('export.verifyPackage', { path: file, passphrase: pass });
  if (!check.ok && !clear(check.error)) return refusedOrCrash(check.error);
  if (m.base.kind === 'package') {
    const st = await o.clerk.call('exchange.start', { package: { path: file, passphrase: pass } });
    if (!st.ok) return refusedOrCrash(st.error);
    await importFinished(st.value.importId);
    const s = importStatus(o.store.raw, st.value.importId, 'en');
    if (s.summary || st.value.duplicateFile) return { outcome: 'accepted' };
    return refusedOrCrash(importError(st.value.importId) ?? { code: 'no_error', message: s.error ?? s.status });
  }
  if (m.base.kind === 'backup') {
    // Restored into a scratch copy, never the office: a backup that still verifies would replace it.
    try {
      await restoreBackup(null, scratchDb, file, pass, { userId: null, username: 'fuzz' }, new Date());
      return { outcome: 'accepted' };
    } catch (e) {
      return refusedOrCrash(e as { code?: string; message?: string });
    }
  }
  return check.ok ? { outcome: 'accepted' } : { outcome: 'refused' };
}

export async function fuzz(opts: { files: number; seed: number; onProgress?: (n: number) => void }) {
  const t0 = performance.now();
  const dir = tempDir('safetynet-fuzz-');
  const o = await office();
  const corpus = await bases(o, dir);
  const scratchDb = path.join(dir, 'scratch.db');
  o.store.raw.prepare('VACUUM INTO ?').run(scratchDb);
  const outcomes: Record<Outcome, number> = { accepted: 0, refused: 0, crash: 0 };
  const byMutation: Record<string, Record<Outcome, number>> = {};
  const failures: Failure[] = [];
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  for (let n = 0; n < opts.files; n++) {
    const m = await mutant(corpus, opts.seed, n);
    const file = writeMutant(dir, m);
    const before = fingerprint(o);
    let r: { outcome: Outcome; why?: string };
    try {
      r = await tryFile(o, file, m, scratchDb);
    } catch (e) {
      r = { outcome: 'crash', why: `threw: ${e instanceof Error ? e.stack?.slice(0, 300) : String(e)}` };
    }
    // No partial write: whatever was not accepted left the office as it was.
    if (r.outcome !== 'accepted') {
      const after = fingerprint(o);
      if (JSON.stringify(after) !== JSON.stringify(before))
        r = { outcome: 'crash', why: `partial write: ${JSON.stringify({ before, after })}` };
    }
    outcomes[r.outcome]++;
    (byMutation[m.mutation] ??= { accepted: 0, refused: 0, crash: 0 })[r.outcome]++;
    if (r.outcome === 'crash') failures.push({ file: m.name, why: r.why ?? '' });
    fs.rmSync(file, { force: true });
    opts.onProgress?.(n + 1);
  }
  clearInterval(sampler);
  const integrity = o.store.raw.pragma('integrity_check', { simple: true });
  const leftovers = fs.readdirSync(dir).filter((f) => f.startsWith('.safetynet-unzip-'));
  await o.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    files: opts.files,
    seed: opts.seed,
    seconds: Math.round((performance.now() - t0) / 100) / 10,
    // Sampled while the files are read: the set-up's sign-ins (scrypt at N = 2^17, 128 MiB each) come before and are reported apart.
    peakRssMb: Math.round(peak / 2 ** 20),
    processMaxRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20),
    outcomes,
    byMutation,
    integrity,
    leftovers,
    failures: failures.slice(0, 50),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({
    options: { files: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, quiet: { type: 'boolean' } },
  });
  const report = await fuzz({
    files: Number(values.files),
    seed: Number(values.seed),
    onProgress: values.quiet ? undefined : (n) => n % 50 === 0 && process.stderr.write(`\r${n}/${values.files} files`),
  });
  if (!values.quiet) process.stderr.write('\n');
  console.log(JSON.stringify(report));
  process.exit(report.outcomes.crash === 0 && report.integrity === 'ok' && report.peakRssMb < 500 && report.leftovers.length === 0 ? 0 : 1);
}
