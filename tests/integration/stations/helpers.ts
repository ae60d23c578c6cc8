/** Three real databases — a county and two townships — for the stations tests (docs/stations.md). */
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { insertUser } from '../../../src-main/auth/users';
import { hashPasswordSync } from '../../../src-main/auth/password';
import type { Actor } from '../../../src-main/audit/actor';
import { createHousehold } from '../../../src-main/registry/edit';
import { setupCountyStation } from '../../../src-main/stations/identity';
import { enrolTownship, joinStation } from '../../../src-main/stations/enrol';
import { exportPackage } from '../../../src-main/stations/sync-export';
import { importPackage } from '../../../src-main/stations/sync-import';
import { emptyDatabase, household, idFor, tempDir } from '../../fixtures/builders';
import type { Store } from '../../../src-main/db/open';
import { householdInput } from '../../../src-main/contract/households';
import type { HouseholdData } from '../../../src-main/common/household-file';

export const PASS = 'enrol-passphrase-1';
export const now = () => new Date();

export function actorOf(raw: BetterSqlite3.Database, username: string): Actor {
  const u = raw.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: number };
  return { userId: u.id, username };
}

export const staff = (raw: BetterSqlite3.Database, username: string) => {
  const a = actorOf(raw, username);
  return { userId: a.userId!, username }; // actorOf found the user by name
};

/** One scrypt hash for every account of these tests (N = 2^17 is paid once, docs/security.md "Sign-in"). */
let hash: string | null = null;
export const PASSWORD = 'secret11';

export function addUsers(raw: BetterSqlite3.Database, users: [string, 'clerk' | 'manager' | 'administrator'][]): void {
  hash ??= hashPasswordSync(PASSWORD);
  for (const [username, role] of users)
    insertUser(
      raw,
      { username, displayName: username, role, passwordHash: hash, mustChangePassword: false },
      { userId: null, username: 'test' },
      now(),
    );
}

/** A household of one head (plus a spouse) in a township and village, with ID numbers from `seq`. */
export function family(township: string, village: string, seq: number, name = `户主${seq}`): HouseholdData {
  const input = household({
    area: { township, village },
    address: `${village} ${seq} 号`,
    members: [
      {
        idNumber: idFor('1958-01-01', seq),
        name,
        relation: 'head',
        status: 'present',
        labour: 'retired',
        monthlyIncome: [{ type: 'pension', amount: 300 }],
      },
      { idNumber: idFor('1960-02-02', seq + 1), name: `配偶${seq}`, relation: 'spouse', status: 'present', illness: 'chronic' },
    ],
  });
  return householdInput.parse(input) as HouseholdData; // the schema's output is the household shape the registry stores
}

export interface World {
  county: Store;
  a: Store;
  b: Store;
  dir: string;
  stationA: string;
  stationB: string;
  close(): Promise<void>;
}

/** A county with households in two townships, enrolled township stations A (城关镇) and B (河西乡), joined from their packages. */
export async function world(): Promise<World> {
  const county = (await emptyDatabase()).store;
  county.raw
    .prepare(`INSERT INTO office (id, name, county, region_code, created_at) VALUES (1, '示范县民政局', '示范县', '130123', ?)`)
    .run(now().toISOString());
  addUsers(county.raw, [
    ['admin', 'administrator'],
    ['mgr1', 'manager'],
    ['mgr2', 'manager'],
    ['clerkA', 'clerk'],
    ['mgrA', 'manager'],
    ['clerkB', 'clerk'],
  ]);
  const admin = actorOf(county.raw, 'admin');
  createHousehold(county.raw, family('城关镇', '东街社区', 101), admin, now());
  createHousehold(county.raw, family('城关镇', '西街社区', 111), admin, now());
  createHousehold(county.raw, family('河西乡', '河西村', 121), admin, now());
  setupCountyStation(county.raw, '示范县县级工作站', admin, now());
  const dir = tempDir('stations-');
  const ea = await enrolTownship(
    county.raw,
    { township: '城关镇', name: '城关镇工作站', users: ['clerkA', 'mgrA'], delegateDecisions: true },
    path.join(dir, 'enrol-a'),
    PASS,
    admin,
    now(),
  );
  const eb = await enrolTownship(
    county.raw,
    { township: '河西乡', name: '河西乡工作站', users: ['clerkB'] },
    path.join(dir, 'enrol-b'),
    PASS,
    admin,
    now(),
  );
  const a = (await emptyDatabase()).store;
  const b = (await emptyDatabase()).store;
  await joinStation(a.raw, path.join(dir, 'enrol-a'), PASS, { userId: null, username: 'cli:test' }, now());
  await joinStation(b.raw, path.join(dir, 'enrol-b'), PASS, { userId: null, username: 'cli:test' }, now());
  return {
    county,
    a,
    b,
    dir,
    stationA: ea.stationId,
    stationB: eb.stationId,
    close: async () => {
      for (const s of [county, a, b]) await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let n = 0;
/** Exports the next package from `from` to `to` into a fresh folder; answers the folder. */
export async function send(w: World, from: Store, to: string, username: string): Promise<string> {
  const out = path.join(w.dir, `pkg-${++n}`);
  await exportPackage(from.raw, to, out, actorOf(from.raw, username), now());
  return out;
}

export const receive = (into: Store, dir: string, username: string) => importPackage(into.raw, dir, actorOf(into.raw, username), now());

export const gidOf = (raw: BetterSqlite3.Database, id: number) =>
  (raw.prepare('SELECT gid FROM households WHERE id = ?').get(id) as { gid: string }).gid;
export const idOfGid = (raw: BetterSqlite3.Database, gid: string) =>
  (raw.prepare('SELECT id FROM households WHERE gid = ?').get(gid) as { id: number } | undefined)?.id;
