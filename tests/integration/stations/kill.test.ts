/**
 * All or nothing (docs/rules/workstations.md "Packages"): `safetynet sync import` killed with
 * SIGKILL at random moments leaves the township's database as it was, and a re-run completes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { createDemoDatabase } from '../../../src-main/demo/seed';
import { openStore } from '../../../src-main/db/open';
import { stationSelf } from '../../../src-main/stations/identity';
import { enrolTownship, joinStation } from '../../../src-main/stations/enrol';
import { exportPackage } from '../../../src-main/stations/sync-export';
import { connectTo, tempDir } from '../../fixtures/builders';
import { ROOT } from '../../fixtures/paths';
import { mulberry32 } from '../../../src-main/demo/generator';

const CLI = path.join(ROOT, 'bin', 'safetynet.mjs');
const who = { userId: null, username: 'test' };
const KEY = 'kill-test-database-key';
let dir = '';
let pkg = '';

/** What an import changes: the township's households, their versions, the packages in and the audit log. */
function digest(raw: BetterSqlite3.Database): string {
  const q = (sql: string) => JSON.stringify(raw.prepare(sql).all());
  return [
    q(
      `SELECT count(*), sum(version), group_concat(gid || '@' || county_version || '/' || synced_version || ':' || coalesce(address, '')) FROM households`,
    ),
    q(`SELECT count(*) FROM station_packages WHERE direction = 'in'`),
    q(`SELECT count(*), max(seq) FROM audit_log`),
    q(`SELECT count(*) FROM station_decisions`),
  ].join('\n');
}
const digestOf = (file: string) => {
  const raw = connectTo(file, { readonly: true });
  try {
    return digest(raw);
  } finally {
    raw.close();
  }
};

function runImport(db: string, killAfterMs?: number): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'sync', 'import', pkg, '--db', db, '--json'], {
      env: { ...process.env, SAFETYNET_DB_KEY: KEY },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

const copyDb = (from: string, name: string) => {
  const to = path.join(dir, name);
  for (const ext of ['', '-wal', '-shm']) if (fs.existsSync(from + ext)) fs.copyFileSync(from + ext, to + ext);
  return to;
};

beforeAll(async () => {
  process.env.SAFETYNET_DB_KEY = KEY;
  dir = tempDir('stations-kill-');
  const countyFile = path.join(dir, 'county.db');
  await createDemoDatabase(countyFile, { households: 1500, seed: 3 });
  const county = await openStore(countyFile);
  const town = await openStore(path.join(dir, 'town.db'));
  try {
    // `safetynet demo` made it the county station.
    expect(stationSelf(county.raw)?.level).toBe('county');
    const e = await enrolTownship(
      county.raw,
      { township: '城关镇', name: '城关', users: [] },
      path.join(dir, 'enrol'),
      'kill-passphrase',
      who,
      new Date(),
    );
    await joinStation(town.raw, path.join(dir, 'enrol'), 'kill-passphrase', who, new Date());
    // Every household of the slice changed at the county: the package down replaces them all.
    county.raw.prepare(`UPDATE households SET address = coalesce(address, '') || '·', version = version + 1`).run();
    pkg = path.join(dir, 'down');
    await exportPackage(county.raw, e.stationId, pkg, who, new Date());
    town.raw.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await county.close();
    await town.close();
  }
}, 300_000);
afterAll(() => {
  delete process.env.SAFETYNET_DB_KEY;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('sync import killed with SIGKILL', () => {
  it('leaves the database as before at 12 random moments (SIGKILL), and a re-run completes', async () => {
    const town = path.join(dir, 'town.db');
    const before = digestOf(town);
    const reference = copyDb(town, 'reference.db');
    const t0 = Date.now();
    const ref = await runImport(reference);
    const took = Date.now() - t0;
    expect(ref.code).toBe(0);
    expect(JSON.parse(ref.out)).toMatchObject({ status: 'applied' });
    const after = digestOf(reference);
    expect(after).not.toBe(before);
    const rand = mulberry32(17);
    let killed = 0;
    // Until 12 kills have landed (a run that finished first is checked too, and does not count), at most 24 runs.
    for (let i = 0; killed < 12 && i < 24; i++) {
      const db = copyDb(town, `kill-${i}.db`);
      const at = Math.floor(took * (0.25 + 0.6 * rand()));
      const r = await runImport(db, at);
      const now = digestOf(db);
      // Killed: as before. Finished before the kill landed: as the reference.
      if (r.signal === 'SIGKILL') {
        expect(now).toBe(before);
        killed++;
      } else expect(now).toBe(after);
      const again = await runImport(db);
      expect(again.code).toBe(0);
      expect(digestOf(db)).toBe(after);
    }
    expect(killed).toBe(12);
  }, 600_000);
});
