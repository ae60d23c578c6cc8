/**
 * Who may do what at each level (docs/stations.md "Access"): checked in the service like roles, with
 * one code path — the station's level and its delegation decide.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../../src-main/api/service';
import { localGate } from '../../../src-main/shared/file-gate';
import { TransferFolder } from '../../../src-main/shared/transfer';
import type { Store } from '../../../src-main/db/open';
import { CONFLICT_FIELD_NAMES } from '../../../src-main/contract/conflicts';
import { CONFLICT_FIELDS } from '../../../src-main/stations/conflicts';
import { typedClient } from '../../fixtures/builders';
import { checkStationAccess } from '../../../src-main/stations/access';
import { family, PASSWORD, world, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await world();
}, 60_000);
afterAll(async () => w?.close());

async function as(store: Store, username: string) {
  const service = createService(store, { files: localGate(new TransferFolder(path.join(w.dir, `transfer-${username}`))) });
  const login = await service.invoke({ method: 'auth.login', input: { username, password: PASSWORD }, session: null, lang: 'en' });
  if (!login.ok) throw new Error(`login ${username}: ${login.error.message}`);
  return typedClient(service, (login.value as { session: string }).session);
}

describe('station access in the service layer', () => {
  it('a township clerk takes an application, exports and imports; may not decide, add parameters or enrol', async () => {
    const clerk = await as(w.a, 'clerkA');
    const { id } = await clerk.value('households.create', { household: family('城关镇', '东街社区', 401) });
    expect(id).toBeGreaterThan(0);
    const status = await clerk.value('stations.status', {});
    expect(status).toMatchObject({ self: { level: 'township' }, unsent: 1 });
    const out = await clerk.value('stations.export', { to: 'county', folder: path.join(w.dir, 'api-up') });
    expect(out).toMatchObject({ kind: 'up', sequence: 1, counts: { household: 1 } });
    // Parameters are the county's: even a township administrator is refused, by the station's level.
    expect(() => checkStationAccess(w.a.raw, 'parameters.add', 'administrator')).toThrow(/does not do this/);
    expect(() => checkStationAccess(w.county.raw, 'parameters.add', 'administrator')).not.toThrow();
    const e = await clerk.raw('stations.enrol', {});
    expect(e.ok ? 'ok' : e.error.code).toBe('forbidden');
    const r = await clerk.call('conflicts.resolve', { id: 1, take: 'county' });
    expect(r.ok ? 'ok' : r.error.code).toBe('not_found'); // a township clerk may settle reviews; there is none #1
  });

  it('the county imports through the service: preview changes nothing, import applies; a county clerk may not resolve conflicts', async () => {
    const clerk = await as(w.county, 'clerkA');
    const folder = path.join(w.dir, 'api-up');
    const before = w.county.raw.prepare('SELECT count(*) FROM households').pluck().get();
    const preview = await clerk.value('stations.preview', { path: folder });
    expect(preview).toMatchObject({ status: 'applied', applied: { households: 1 } });
    expect(w.county.raw.prepare('SELECT count(*) FROM households').pluck().get()).toBe(before);
    expect((await clerk.value('stations.import', { path: folder })).applied).toEqual({ households: 1, members: 2 });
    expect((await clerk.value('stations.import', { path: folder })).status).toBe('already_imported');
    const r = await clerk.call('conflicts.resolve', { id: 1, take: 'county' });
    expect(r.ok ? 'ok' : r.error.code).toBe('station_forbidden');
  });

  it('a decision at a township: only a manager, only where the county delegated it', async () => {
    const mgrA = await as(w.a, 'mgrA');
    const r = await mgrA.call('determinations.decide', { id: 999, decision: 'approved', reason: '符合条件' });
    expect(r.ok ? 'ok' : r.error.code).toBe('not_found'); // delegated: it reaches the domain
    const clerkB = await as(w.b, 'clerkB');
    const rb = await clerkB.call('determinations.decide', { id: 999, decision: 'approved', reason: '符合条件' });
    expect(rb.ok ? 'ok' : rb.error.code).toBe('forbidden');
    w.b.raw.prepare(`UPDATE users SET role = 'manager' WHERE username = 'clerkB'`).run();
    const mgrB = await as(w.b, 'clerkB');
    const rm = await mgrB.call('determinations.decide', { id: 999, decision: 'approved', reason: '符合条件' });
    expect(rm.ok ? 'ok' : rm.error.code).toBe('station_forbidden'); // B was enrolled without delegation
  });

  it('the fields a conflict compares are the contract’s', () => {
    expect([...CONFLICT_FIELDS]).toEqual([...CONFLICT_FIELD_NAMES]);
  });
});
