/**
 * kill -9 during an import and during a restore (docs/security.md "Inputs"), the command line in
 * a process of its own killed at a random moment of its work, again and again on the same
 * database: after each kill the database passes `PRAGMA integrity_check`, holds the import (or
 * the restore) wholly or not at all, and a re-run completes to exactly what an uninterrupted run
 * gives. `node --import tsx tests/fuzz/kill.ts --kills N` (npm run fuzz: 20 of each).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../../src-main/db/open';
import { keyFileOf } from '../../src-main/db/keys';
import { seedDemoCounty } from '../../src-main/demo/seed';
import { createBackup } from '../../src-main/backup/backup';
import { ROOT } from '../fixtures/paths';
import { tempDir } from '../fixtures/builders';
import { office } from '../integration/exchange/helpers';
import { prng } from './corpus';

const CLI = path.join(ROOT, 'bin', 'safetynet.mjs');
const PASS = 'kill-loop-secret';

interface Run {
  code: number | null;
  killed: boolean;
  stderr: string;
}

/** A database and the key file beside it (docs/security.md "Where keys live"): a copy without its key does not open. */
function copyDb(from: string, to: string): void {
  fs.copyFileSync(from, to);
  fs.copyFileSync(keyFileOf(from), keyFileOf(to));
}

/** Runs the CLI; with `killAt`, kills it (SIGKILL) that many ms after `ready(stderr)` — or `when()`, polled — first holds. */
function cli(
  args: string[],
  opts: { killAt?: number; ready?: (err: string) => boolean; when?: () => boolean; tmp?: string } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, SAFETYNET_PASSPHRASE: PASS, ...(opts.tmp ? { TMPDIR: opts.tmp } : {}) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '',
      armed = false,
      killed = false;
    const arm = () => {
      if (armed || opts.killAt === undefined) return;
      armed = true;
      setTimeout(() => {
        if (child.exitCode === null) killed = child.kill('SIGKILL');
      }, opts.killAt);
    };
    if (opts.when) {
      const poll = setInterval(() => {
        if (child.exitCode !== null) clearInterval(poll);
        else if (opts.when!()) {
          clearInterval(poll);
          arm();
        }
      }, 2);
    } else if (!opts.ready) arm();
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (opts.ready?.(stderr)) arm();
    });
    child.on('exit', (code) => resolve({ code, killed, stderr }));
  });
}

async function state(db: string) {
  const s = await openStore(db);
  try {
    const n = (sql: string) => (s.raw.prepare(sql).get() as { n: number }).n;
    return {
      integrity: String(s.raw.pragma('integrity_check', { simple: true })),
      households: n('SELECT COUNT(*) AS n FROM households'),
      applied: n(`SELECT COUNT(*) AS n FROM exchange_imports WHERE status = 'applied'`),
      warnings: n('SELECT COUNT(*) AS n FROM warnings'),
      rows: n('SELECT COUNT(*) AS n FROM exchange_household_rows'),
      auditImports: n(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'import'`),
    };
  } finally {
    await s.close();
  }
}

/** An office with a county of `households` in `dir`, closed: the command line opens it. */
async function county(dir: string, households: number): Promise<{ db: string; ids: string[] }> {
  const o = await office();
  seedDemoCounty(o.store, households, { seed: 3 });
  const ids = (o.store.raw.prepare(`SELECT id_number AS id FROM members ORDER BY id LIMIT 400`).all() as { id: string }[]).map((r) => r.id);
  const db = path.join(dir, 'county.db');
  o.store.raw.prepare('VACUUM INTO ?').run(db);
  // The copy is encrypted with the office's key: kept beside it, as the app keeps a database's key.
  fs.copyFileSync(keyFileOf(o.store.file), keyFileOf(db));
  await o.store.close();
  return { db, ids };
}

export async function killImports(kills: number, seed = 1) {
  const r = prng(seed);
  const dir = tempDir('safetynet-kill-');
  const { db, ids } = await county(dir, 300);
  // A hospital file of 120,000 rows: the county's members (warnings for some) among strangers.
  const rows = ['身份证号码,姓名,入院日期,医疗机构,个人自付'];
  for (let i = 0; i < 120_000; i++)
    rows.push(`${ids[i % ids.length]},某人,2026-10-0${1 + (i % 9)},示范县人民医院,${i % 7 === 0 ? 9000 : 100}.00`);
  const file = path.join(dir, 'hospital.csv');
  fs.writeFileSync(file, rows.join('\n') + '\n');
  const args = (target: string) => ['import', file, '--source', 'medical_insurance', '--db', target, '--date', '2026-11-01'];
  // The uninterrupted run, and how long its work takes once the first progress is out.
  const ref = path.join(dir, 'ref.db');
  copyDb(db, ref);
  let t0 = 0;
  const done = await cli(args(ref), { ready: (e) => (t0 ||= e.includes('rows') ? performance.now() : 0) > 0 });
  const workMs = performance.now() - t0;
  if (done.code !== 0) throw new Error(`the reference import failed: ${done.stderr}`);
  const expected = await state(ref);
  const pristine = path.join(dir, 'pristine.db');
  copyDb(db, pristine);
  const before = await state(db);
  let landed = 0,
    applied = 0;
  for (let k = 0; k < kills; k++) {
    // Killed at a random moment of the work (from its first progress on), on a database that may hold an earlier kill's staging.
    const run = await cli(args(db), { killAt: r.int(Math.max(50, workMs)), ready: (e) => e.includes('rows') });
    if (run.killed) landed++;
    const s = await state(db);
    const whole = JSON.stringify({ ...s }) === JSON.stringify(expected);
    const none = s.applied === 0 && s.warnings === before.warnings && s.rows === 0 && s.auditImports === before.auditImports;
    if (s.integrity !== 'ok' || !(whole || none)) throw new Error(`after kill ${k + 1}: ${JSON.stringify({ s, expected, before })}`);
    if (whole) {
      // Applied before the kill came: the next kill gets the file afresh.
      applied++;
      for (const x of ['-wal', '-shm']) fs.rmSync(db + x, { force: true });
      fs.copyFileSync(pristine, db);
    }
  }
  const last = await cli(args(db));
  const after = await state(db);
  if (last.code !== 0 || JSON.stringify(after) !== JSON.stringify(expected))
    throw new Error(`the re-run: ${last.stderr} ${JSON.stringify({ after, expected })}`);
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    kills,
    landedWhileRunning: landed,
    appliedBeforeTheKill: applied,
    notApplied: kills - applied,
    workMs: Math.round(workMs),
    rerun: 'complete',
  };
}

export async function killRestores(kills: number, seed = 1) {
  const r = prng(seed);
  const dir = tempDir('safetynet-kill-');
  // The backup holds a county of 1,000 households; the live database another of 1,500, which the restore replaces.
  const a = await county(fs.mkdtempSync(path.join(dir, 'a-')), 1000);
  const s = await openStore(a.db);
  const b = await createBackup(s.raw, path.join(dir, 'usb'), PASS, { userId: null, username: 'kill' }, new Date(), 'kill');
  await s.close();
  const { db } = await county(fs.mkdtempSync(path.join(dir, 'live-')), 1500);
  const inBackup = 1000,
    live = (await state(db)).households;
  const args = ['restore', b.folder, '--db', db];
  // A temp folder of its own: the restore's working folder appearing there marks the start of its work (verify, decrypt, copy).
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp);
  // The app's temporary folder (<temp>/safetynet-<user>, src-main/shared/temp-files.ts) holds one folder per piece of work.
  const working = () =>
    fs
      .readdirSync(tmp)
      .filter((f) => f.startsWith('safetynet-'))
      .some((f) => fs.readdirSync(path.join(tmp, f)).some((w) => w.startsWith('restore-')));
  const ref = path.join(dir, 'ref.db');
  copyDb(db, ref);
  let t0 = 0;
  const done = await cli(['restore', b.folder, '--db', ref], { tmp, when: () => (t0 ||= working() ? performance.now() : 0) > 0 });
  const workMs = Math.round(performance.now() - (t0 || performance.now()));
  if (done.code !== 0) throw new Error(`the reference restore failed: ${done.stderr}`);
  let landed = 0,
    restored = 0,
    leftovers = 0;
  for (let k = 0; k < kills; k++) {
    for (const f of fs.readdirSync(tmp)) fs.rmSync(path.join(tmp, f), { recursive: true, force: true });
    const run = await cli(args, { tmp, killAt: r.int(Math.max(20, workMs)), when: working });
    if (run.killed) landed++;
    const st = await state(db);
    if (st.integrity !== 'ok' || (st.households !== live && st.households !== inBackup))
      throw new Error(`after kill ${k + 1}: ${JSON.stringify(st)} (live ${live}, backup ${inBackup})`);
    if (st.households === inBackup) restored++;
    // What a killed restore leaves behind: its working folder (the backup's database, decrypted) — counted, then removed here.
    if (run.killed && working()) leftovers++;
  }
  const last = await cli(args, { tmp });
  const after = await state(db);
  if (last.code !== 0 || after.households !== inBackup || after.integrity !== 'ok')
    throw new Error(`the re-run: ${last.stderr} ${JSON.stringify(after)}`);
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    kills,
    landedWhileRunning: landed,
    restoredBeforeTheKill: restored,
    notRestored: kills - restored,
    workMs,
    leftTempCopies: leftovers,
    rerun: 'complete',
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({ options: { kills: { type: 'string', default: '20' }, seed: { type: 'string', default: '1' } } });
  const kills = Number(values.kills);
  const imports = await killImports(kills, Number(values.seed));
  const restores = await killRestores(kills, Number(values.seed));
  console.log(JSON.stringify({ imports, restores }));
}
