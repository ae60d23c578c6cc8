/**
 * Separation of duties (docs/security.md "Roles and the two-person rule"): the administrator keeps
 * the system and has no business right; accounts, parameters and restores take two people.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminService, household } from '../../fixtures/builders';
import { CONTRACT, type MethodName } from '../../../src-main/contract';
import { all, qb } from '../../../src-main/db/query';

/** Methods the administrator may call: keeping the system, asking for two-person changes, and reading (masked). */
const ADMIN_METHODS = new Set<MethodName>([
  // sessions and self
  'auth.logout',
  'auth.unlock',
  'auth.me',
  'auth.changePassword',
  'office.get',
  // the system: office, accounts, parameters, backups, calendar, audit, requests
  'office.update',
  'users.list',
  'users.create',
  'users.update',
  'parameters.list',
  'parameters.inForce',
  'parameters.add',
  'temporary.parameters',
  'temporary.addParameter',
  'backup.create',
  'backup.status',
  'backup.restore',
  'calendar.list',
  'calendar.import',
  'audit.forEntity',
  'audit.recent',
  'audit.verify',
  'audit.head',
  'requests.list',
  'requests.get',
  'requests.confirm',
  'requests.refuse',
  'requests.withdraw',
  // reads, masked for this role (tests/integration/api/masking.test.ts)
  'areas.list',
  'dashboard.summary',
  'registry.search',
  'households.list',
  'households.get',
  'households.exportXlsx',
  'screening.evaluate',
  'determinations.pending',
  'determinations.queue',
  'determinations.exportXlsx',
  'determinations.get',
  'determinations.history',
  'scan.status',
  'scan.results',
  'scan.exportXlsx',
  'exchange.sources',
  'exchange.status',
  'exchange.running',
  'exchange.history',
  'exchange.mappings',
  'export.verifyPackage',
  'monitoring.queue',
  'monitoring.exportXlsx',
  'monitoring.get',
  'monitoring.counts',
  'reviews.due',
  'verification.report',
  'referrals.list',
  'referrals.exportXlsx',
  'referrals.get',
  'charity.list',
  'chain.list',
  'chain.happiness',
  'payments.months',
  'payments.roster',
  'payments.changes',
  'temporary.assess',
  'temporary.list',
  'temporary.export',
  'temporary.get',
  'temporary.paperworkDue',
  'temporary.month',
  'temporary.fund',
  // The encrypted store and the file gate (docs/security.md §1–§2, "Inputs"): system keeping, no personal record.
  'store.status',
  'store.recoverySheet',
  'files.mode',
  'files.choose',
  'files.uploadTicket',
  'files.release',
  // Workstations (docs/stations.md): the station's identity and enrolment are the administrator's; no personal record in the answer.
  'stations.status',
  'stations.setup',
  'stations.enrol',
  'stations.join',
]);

const allows = (m: MethodName, role: 'administrator' | 'auditor') => {
  const a = CONTRACT[m].access;
  return a === 'any' || (a !== 'public' && a.includes(role));
};

describe('separation of duties', () => {
  it('gives the administrator no business right: every method open to the role is system keeping or a masked read', () => {
    const open = (Object.keys(CONTRACT) as MethodName[]).filter((m) => allows(m, 'administrator'));
    expect(open.filter((m) => !ADMIN_METHODS.has(m))).toEqual([]);
    for (const m of [
      'determinations.decide',
      'determinations.propose',
      'payments.close',
      'payments.adjust',
      'exchange.start',
      'exchange.preview',
      'households.create',
      'households.update',
      'households.importFile',
      'scan.start',
      'referrals.create',
      'referrals.applyFeedback',
      'monitoring.assign',
      'monitoring.close',
      'charity.createOrganisation',
      'reports.render',
      'export.verificationRequests',
      'export.package',
      'temporary.create',
      'temporary.decide',
      'temporary.pay',
      'temporary.topUp',
      'services.assess',
      'services.addRecord',
      'recovery.recordFact',
      'recovery.waive',
      'recovery.deduct',
    ] as const)
      expect(allows(m, 'administrator'), m).toBe(false);
  });

  it('lets the auditor read the audit log and nothing else', () => {
    const open = (Object.keys(CONTRACT) as MethodName[]).filter((m) => allows(m, 'auditor'));
    expect(open.sort()).toEqual(
      [
        'audit.forEntity',
        'audit.head',
        'audit.recent',
        'audit.verify',
        'auth.changePassword',
        'auth.logout',
        'auth.me',
        'auth.unlock',
        // How files are named here (dialogs or uploads): no data (docs/security.md "Inputs").
        'files.mode',
        'office.get',
      ].sort(),
    );
  });

  it('refuses the administrator a decision, a month close and an import in the service, and audits each refusal', async () => {
    const s = await adminService();
    const { id } = await s.api.value('households.create', { household: household() });
    const p = await s.api.value('determinations.propose', { householdId: id });
    expect(await s.admin.call('determinations.decide', { id: p.id, decision: 'approved', reason: '同意' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await s.admin.call('payments.close', { month: '2026-11' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await s.admin.call('exchange.start', { file: { base64: '', name: 'x.csv' }, source: 'medical_insurance', fileDate: '2026-11-01' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const refused = all(s.store.raw, qb.selectFrom('audit_log').selectAll().where('action', '=', 'refused').orderBy('seq'));
    expect(refused.map((r) => [r.username, r.entity_id])).toEqual([
      ['admin', 'determinations.decide'],
      ['admin', 'payments.close'],
      ['admin', 'exchange.start'],
    ]);
    expect(refused[0].summary).toMatch(/^forbidden: /);
  });

  it('blocks a shadow manager: the administrator asks, cannot confirm, and the account does not exist until a manager does', async () => {
    const s = await adminService();
    const asked = await s.admin.value('users.create', { username: 'mgr2', displayName: '影子', role: 'manager', password: 'shadow-2026' });
    expect(asked).toMatchObject({ kind: 'user.create', status: 'pending', askedBy: 'admin', canDecide: false });
    expect(asked.cannotDecide?.en).toMatch(/You asked/);
    expect(await s.admin.call('requests.confirm', { id: asked.id })).toMatchObject({ ok: false, error: { code: 'two_person_rule' } });
    expect(await s.anon.call('auth.login', { username: 'mgr2', password: 'shadow-2026' })).toMatchObject({ ok: false });
    // Nor can the administrator make a second administrator alone to confirm with.
    const admin2 = await s.admin.value('users.create', {
      username: 'admin2',
      displayName: '二号',
      role: 'administrator',
      password: 'second-2026',
    });
    expect(admin2.status).toBe('pending');
    // Nor take over the manager's account by resetting its password alone.
    const reset = await s.admin.value('users.update', { id: 2, password: 'takeover-2026' });
    expect(reset.request?.status).toBe('pending');
    expect(await s.anon.call('auth.login', { username: 'director', password: 'takeover-2026' })).toMatchObject({ ok: false });
    // The manager sees what will happen and refuses with a reason.
    const list = await s.api.value('requests.list', {});
    expect(list.map((r) => [r.kind, r.status, r.canDecide])).toEqual([
      ['user.create', 'pending', true],
      ['user.create', 'pending', true],
      ['user.update', 'pending', false],
    ]);
    expect(list[2].cannotDecide?.en).toMatch(/your own account/);
    const refused = await s.api.value('requests.refuse', { id: asked.id, reason: '无此岗位' });
    expect(refused).toMatchObject({ status: 'refused', decidedBy: 'director', reason: '无此岗位' });
    expect(await s.api.call('requests.confirm', { id: asked.id })).toMatchObject({ ok: false, error: { code: 'request_decided' } });
    const ok = await s.api.value('requests.confirm', { id: admin2.id });
    expect(ok).toMatchObject({ status: 'confirmed', decidedBy: 'director', result: { username: 'admin2' } });
    const first = await s.anon.value('auth.login', { username: 'admin2', password: 'second-2026' });
    expect(first.mustChangePassword).toBe(true);
  });

  it('takes two managers for a parameter: asked by the administrator or a manager, confirmed by a manager who did not ask', async () => {
    const s = await adminService({ now: () => new Date('2026-11-29T09:00:00Z') });
    const mgr = await s.addUser('mgr1', 'manager');
    const input = { parameterId: 'dibao.standard', effectiveFrom: '2027-01-01', urban: 80000, rural: 64000, rescan: false } as const;
    const byAdmin = await s.admin.value('parameters.add', input);
    expect((await s.admin.value('parameters.inForce', { date: '2027-01-01' })).values.urban['dibao.standard']).toBe(75000);
    // An administrator never confirms a parameter; the manager does.
    expect(await s.admin.call('requests.confirm', { id: byAdmin.id })).toMatchObject({ ok: false, error: { code: 'two_person_rule' } });
    await s.api.value('requests.confirm', { id: byAdmin.id });
    expect((await s.admin.value('parameters.inForce', { date: '2027-01-01' })).values.urban['dibao.standard']).toBe(80000);
    const byManager = await s.api.value('parameters.add', { ...input, urban: 81000 });
    expect(await s.api.call('requests.confirm', { id: byManager.id })).toMatchObject({ ok: false, error: { code: 'two_person_rule' } });
    await s.api.value('requests.confirm', { id: byManager.id }, mgr);
    expect((await s.admin.value('parameters.inForce', { date: '2027-01-01' })).values.urban['dibao.standard']).toBe(81000);
    const rows = (await s.api.value('parameters.list', {})).filter((r) => r.parameterId === 'dibao.standard');
    expect(rows.map((r) => r.createdBy)).toEqual(['system', 'admin', 'director']);
    // A value the parameter cannot take is refused when asked, not when confirmed.
    expect(await s.api.call('parameters.add', { ...input, parameterId: 'addon.rate', urban: 15, rural: 0.15 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_parameter', field: 'urban' },
    });
    // The asker may withdraw what is not yet confirmed.
    const third = await s.api.value('parameters.add', { ...input, urban: 82000 });
    expect(await s.api.value('requests.withdraw', { id: third.id })).toMatchObject({ status: 'withdrawn' });
  });

  it('restores a backup only when a second person confirms it with the passphrase', async () => {
    const s = await adminService();
    const b = await s.admin.value('backup.create', { folder: path.join(s.dir, 'usb'), passphrase: 'backup-secret-1' });
    const { id } = await s.api.value('households.create', { household: household() });
    expect(await s.admin.call('backup.restore', { path: b.folder, passphrase: 'wrong-secret', confirm: true })).toMatchObject({
      ok: false,
    });
    const asked = await s.admin.value('backup.restore', { path: b.folder, passphrase: 'backup-secret-1', confirm: true });
    expect(asked).toMatchObject({ kind: 'backup.restore', status: 'pending', secret: 'passphrase' });
    expect((await s.api.value('households.list', {})).total).toBe(1);
    expect(await s.api.call('requests.confirm', { id: asked.id })).toMatchObject({ ok: false, error: { code: 'secret_required' } });
    const done = await s.api.value('requests.confirm', { id: asked.id, secret: 'backup-secret-1' });
    expect(done).toMatchObject({ kind: 'backup.restore', status: 'confirmed', decidedBy: 'director' });
    // Everyone logs in again; the household entered after the backup is gone.
    expect(await s.api.call('households.list', {})).toMatchObject({ ok: false, error: { code: 'not_logged_in' } });
    const again = await s.anon.value('auth.login', { username: 'admin', password: 'keeper-2026-x' });
    expect(await s.api.call('households.get', { id }, again.session)).toMatchObject({ ok: false });
  });

  it('audits a household viewed once per call, kept out of the record’s history of changes', async () => {
    const s = await adminService();
    const { id } = await s.api.value('households.create', { household: household() });
    await s.api.value('households.get', { id });
    await s.admin.value('households.get', { id });
    const reads = all(s.store.raw, qb.selectFrom('audit_log').selectAll().where('action', '=', 'read').where('entity_id', '=', String(id)));
    expect(reads.map((r) => r.username)).toEqual(['director', 'admin']);
    expect((await s.api.value('audit.forEntity', { entity: 'household', entityId: String(id) })).map((e) => e.action)).toEqual(['create']);
  });
});
