import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src-main/db/open';
import { createDemoDatabase, seedDemoCounty, DEMO_PASSWORD, DEMO_USERS } from '../../../src-main/demo/seed';
import { generateHouseholds } from '../../../src-main/demo/generator';
import { verifyPassword } from '../../../src-main/auth/password';
import { verifyAudit } from '../../../src-main/audit/verify';
import { AppError } from '../../../src-main/common/errors';
import { HouseholdWriter, loadHousehold } from '../../../src-main/registry/households';
import { refreshEngineInputs } from '../../../src-main/registry/stream';
import { appHandlers } from '../../../src-main/api/app';
import type { Ctx } from '../../../src-main/api/context';
import type { ParsedInput } from '../../../src-main/contract';
import type { Compilable, ExpressionBuilder } from 'kysely';
import { all, first, qb, run } from '../../../src-main/db/query';
import type { Database } from '../../../src-main/db/schema';
import { rowCount } from '../../fixtures/builders';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-demo-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Rows of a query's count. */
const countOf = (s: Store, q: Compilable<{ n: number }>) => first(s.raw, q)?.n ?? 0;
const n = (eb: ExpressionBuilder<Database, keyof Database>) => eb.fn.countAll<number>().as('n');
const count = (s: Store, table: keyof Database) => rowCount(s.raw, table);
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const DATA_TABLES: (keyof Database)[] = [
  'areas',
  'households',
  'members',
  'income_items',
  'vehicles',
  'homes',
  'businesses',
  'supporters_outside',
  'expenses_12m',
  'audit_log',
  'users',
  'office',
];
function snapshot(s: Store): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const t of DATA_TABLES) out[t] = count(s, t);
  out.lastAudit = first(s.raw, qb.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1))?.hash ?? '';
  return out;
}

describe('demo database', () => {
  const file = path.join(dir, 'office.db');
  const expected = [...generateHouseholds(200, 7)];
  const expectedMembers = expected.reduce((s, h) => s + h.members.length, 0);

  it('createDemoDatabase writes the office, three users and the county with one bulk_load audit entry', async () => {
    const progress: number[] = [];
    const r = await createDemoDatabase(file, { households: 200, seed: 7, onProgress: (d) => progress.push(d) });
    expect(r).toMatchObject({ households: 200, members: expectedMembers });
    expect(progress.at(-1)).toBe(200);

    const s = await openStore(file);
    try {
      expect(count(s, 'households')).toBe(200);
      expect(count(s, 'members')).toBe(expectedMembers);
      expect(countOf(s, qb.selectFrom('members').select(n).where('active', '=', 1))).toBe(expectedMembers);
      expect(count(s, 'income_items')).toBe(expected.reduce((a, h) => a + h.members.reduce((b, m) => b + m.monthlyIncome.length, 0), 0));
      expect(count(s, 'supporters_outside')).toBe(expected.reduce((a, h) => a + h.supportersOutside.length, 0));

      // The scan's packed inputs are written with the county and after its history: a first
      // scan packs nothing, and every copy is the one the tables give now.
      expect(count(s, 'engine_inputs')).toBe(countOf(s, qb.selectFrom('households').select(n).where('status', '=', 'active')));
      const packed = () => all(s.raw, qb.selectFrom('engine_inputs').select(['household_id', 'input']).orderBy('household_id'));
      const copies = packed();
      s.raw.exec(`DELETE FROM engine_inputs`);
      expect(refreshEngineInputs(s.raw, 0, Number.MAX_SAFE_INTEGER)).toBe(200);
      expect(packed()).toEqual(copies);

      const office = first(s.raw, qb.selectFrom('office').selectAll());
      expect(office).toMatchObject({ id: 1, name: '示范县民政局', county: '示范县', region_code: '130123', is_demo: 1 });

      const bulk = all(s.raw, qb.selectFrom('audit_log').selectAll().where('action', '=', 'bulk_load').where('entity', '=', 'household'));
      expect(bulk).toHaveLength(1);
      expect(bulk[0]).toMatchObject({ entity: 'household', username: 'admin' });
      expect(bulk[0].summary).toContain('200 households');
      // one row for the office, one per user, one for the load — not one per household
      // (the demo history's own proposals and approvals are audited separately)
      expect(
        countOf(
          s,
          qb
            .selectFrom('audit_log')
            .select(n)
            .where((eb) =>
              eb.or([eb('entity', 'in', ['office', 'user']), eb.and([eb('action', '=', 'bulk_load'), eb('entity', '=', 'household')])]),
            ),
        ),
      ).toBe(1 + 3 + 1);
      expect(countOf(s, qb.selectFrom('audit_log').select(n).where('action', '=', 'create').where('entity', '=', 'user'))).toBe(3);
      expect(verifyAudit(s.raw).ok).toBe(true);

      const users = all(s.raw, qb.selectFrom('users').selectAll().orderBy('id'));
      expect(users.map((u) => [u.username, u.role])).toEqual(DEMO_USERS.map((u) => [u.username, u.role]));
      for (const u of users) {
        // The demo password, known to everyone, is changed at the first login (docs/security.md "Sign-in").
        expect(await verifyPassword(DEMO_PASSWORD, u.password_hash)).toBe(true);
        expect(await verifyPassword('wrong', u.password_hash)).toBe(false);
        expect(u.must_change_password).toBe(1);
        expect(u.display_name).toMatch(/[\u4e00-\u9fff]/);
        expect(u.active).toBe(1);
      }

      // what is stored reads back as what the generator produced
      // (the demo history's approvals then replace `current` with the determination in force)
      for (let id = 1; id <= 25; id++)
        expect({ ...loadHousehold(s.raw, id)!.data, current: null }).toEqual({ ...expected[id - 1], current: null });
    } finally {
      await s.close();
    }
  });

  it('refuses a second createDemoDatabase on the same file and leaves it unchanged', async () => {
    const before = sha(file);
    const s0 = await openStore(file);
    const snap = snapshot(s0);
    await s0.close();

    const err = await createDemoDatabase(file, { households: 10, seed: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('office_exists');
    expect(err.messages.en).toMatch(/already/);
    expect(err.messages.zh).toMatch(/已有/);

    const s1 = await openStore(file);
    expect(snapshot(s1)).toEqual(snap);
    await s1.close();
    expect(sha(file)).toBe(before);
  });

  it('seedDemoCounty inside a transaction that is rolled back leaves no rows', async () => {
    const s = await openStore(path.join(dir, 'rollback.db'));
    try {
      expect(() =>
        s.raw.transaction(() => {
          const r = seedDemoCounty(s, 50, { seed: 3 });
          expect(r.households).toBe(50);
          expect(count(s, 'households')).toBe(50);
          throw new Error('roll back');
        })(),
      ).toThrow('roll back');
      for (const t of ['households', 'members', 'income_items', 'areas', 'expenses_12m'] as const) expect(count(s, t), t).toBe(0);
      // No audit entry remains (but the shipped parameters' seed entry, where the store has one).
      expect(countOf(s, qb.selectFrom('audit_log').select(n).where('action', '!=', 'seed'))).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('commits nothing partially when a row fails (own transaction, and nested in the caller’s)', async () => {
    const s = await openStore(path.join(dir, 'partial.db'));
    try {
      // A person of household #15 is already active elsewhere: the unique index stops the load there.
      const clash = [...generateHouseholds(15, 9)][14];
      new HouseholdWriter(s.raw).insert({ ...clash, externalId: 'X-1' }, new Date().toISOString());
      expect(() => seedDemoCounty(s, 30, { seed: 9 })).toThrow(/UNIQUE/);
      expect(count(s, 'households')).toBe(1);
      expect(countOf(s, qb.selectFrom('audit_log').select(n).where('action', '!=', 'seed'))).toBe(0);

      // nested: the caller's own writes survive when it catches the failure; the load leaves nothing
      s.raw.transaction(() => {
        run(s.raw, qb.insertInto('office').values({ id: 1, name: 'x', county: 'y', region_code: '130123', is_demo: 0, created_at: 'now' }));
        expect(() => seedDemoCounty(s, 30, { seed: 9 })).toThrow(/UNIQUE/);
      })();
      expect(count(s, 'office')).toBe(1);
      expect(count(s, 'households')).toBe(1);

      // and a load that fits commits in its own transaction with one audit entry
      const r = seedDemoCounty(s, 12, { seed: 9, actor: { userId: null, username: 'tester' } });
      expect(r.households).toBe(12);
      expect(count(s, 'households')).toBe(13);
      expect(countOf(s, qb.selectFrom('audit_log').select(n).where('action', '=', 'bulk_load').where('username', '=', 'tester'))).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('serves setup.complete with the demo county inside its transaction', async () => {
    const s = await openStore(path.join(dir, 'setup.db'));
    try {
      const ctx: Ctx = {
        store: s,
        user: null,
        sessionHash: null,
        lang: 'zh',
        now: new Date('2026-11-29T09:00:00Z'),
        opts: { idleLockMinutes: 15, version: 'test', seedDemo: (st, n) => seedDemoCounty(st, n) },
      };
      const input: ParsedInput<'setup.complete'> = {
        office: { name: '示范县民政局', county: '示范县', regionCode: '130123' },
        admin: { username: 'boss', displayName: '局长', password: 'secret1' },
        demo: true,
        demoHouseholds: 40,
      };
      await appHandlers['setup.complete'](input, ctx);
      expect(count(s, 'households')).toBe(40);
      expect(count(s, 'users')).toBe(3);
      expect(countOf(s, qb.selectFrom('audit_log').select(n).where('action', '=', 'bulk_load'))).toBe(1);
      expect(verifyAudit(s.raw).ok).toBe(true);
    } finally {
      await s.close();
    }
  });
});
