import { describe, expect, it } from 'vitest';
import { adminService, household, idFor, OFFICE_PASSWORDS, rowCount, type HouseholdInput } from '../../fixtures/builders';
import { verifyAudit } from '../../../src-main/audit/verify';
import { all, first, qb } from '../../../src-main/db/query';
import type { Input, Output } from '../../../src-main/contract';
import pkg from '../../../package.json';

describe('service: setup, accounts and roles', () => {
  it('refuses a second setup and unknown methods, and rejects invalid input before any write', async () => {
    const { api, store } = await adminService();
    const again = await api.call(
      'setup.complete',
      {
        office: { name: 'x', county: 'y', regionCode: '130123' },
        admin: { username: 'bob', displayName: 'b', password: 'secret12' },
        manager: { username: 'ann', displayName: 'a', password: 'secret13' },
        demo: false,
      },
      null,
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'already_set_up' } });
    expect(await api.raw('registry.dropEverything', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const before = rowCount(store.raw, 'audit_log');
    const bad = await api.call('users.create', { username: 'x', displayName: 'X', role: 'clerk', password: 'pw' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'username' } });
    expect(rowCount(store.raw, 'audit_log')).toBe(before);
  });

  it('answers the app version of package.json', async () => {
    const { api } = await adminService();
    expect((await api.value('app.status', {}, null)).version).toBe(pkg.version);
  });

  it('enforces roles in the service layer: a clerk cannot manage users', async () => {
    const { api, addUser } = await adminService();
    const clerkSession = await addUser('clerk1', 'clerk', 'secret22');
    const r = await api.call('users.list', {}, clerkSession);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await api.call('registry.search', { q: '王' }, clerkSession)).toMatchObject({ ok: true });
    expect(await api.call('users.list', {}, null)).toMatchObject({ ok: false, error: { code: 'not_logged_in' } });
    expect(await api.call('users.assignable', {}, clerkSession)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await api.call('users.create', { username: 'c2', displayName: 'c', role: 'clerk', password: 'secret23x' }, clerkSession),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('lets a manager see whom work can be assigned to, without the administrator or the auditor', async () => {
    const { api, addUser } = await adminService();
    await addUser('clerk1', 'clerk');
    const mgr = await addUser('mgr1', 'manager');
    await addUser('aud1', 'auditor');
    const r = await api.value('users.assignable', {}, mgr);
    expect(r.map((u) => u.username)).toEqual(['clerk1', 'director', 'mgr1']);
  });

  it('locks a session after 15 idle minutes and unlocks with the password', async () => {
    let now = new Date('2026-11-29T08:00:00Z');
    const { api } = await adminService({ now: () => now });
    now = new Date('2026-11-29T08:14:00Z');
    expect(await api.call('auth.me', {})).toMatchObject({ ok: true });
    now = new Date('2026-11-29T08:29:30Z');
    expect(await api.call('auth.me', {})).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    expect(await api.call('auth.unlock', { password: 'wrong' })).toMatchObject({
      ok: false,
      error: { code: 'bad_credentials', field: 'password' },
    });
    expect(await api.call('auth.unlock', { password: OFFICE_PASSWORDS.director })).toMatchObject({ ok: true });
    expect(await api.call('auth.me', {})).toMatchObject({ ok: true, value: { username: 'director' } });
  });

  it('rejects a wrong password and stores only scrypt hashes at N = 2^17', async () => {
    const { api, store } = await adminService();
    expect(await api.call('auth.login', { username: 'admin', password: 'nope' }, null)).toMatchObject({
      ok: false,
      error: { code: 'bad_credentials' },
    });
    const row = first(store.raw, qb.selectFrom('users').select('password_hash').where('username', '=', 'admin'));
    expect(row?.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(row?.password_hash).not.toContain(OFFICE_PASSWORDS.admin);
  });
});

describe('service: household registry', () => {
  it('creates, reads back exactly, updates with audit before → after, and keeps the chain valid', async () => {
    const { api, store } = await adminService();
    const { id } = await api.value('households.create', { household: household() });
    const got = await api.value('households.get', { id });
    expect(got.size).toBe(3);
    expect(got.household.members[2].monthlyIncome).toEqual([{ type: 'wage', amount: 1800.5 }]);
    expect(all(store.raw, qb.selectFrom('income_items').select('amount_fen').orderBy('id'))).toEqual([
      { amount_fen: 90000 },
      { amount_fen: 180050 },
    ]);

    const edited = structuredClone(got.household);
    edited.members[1].status = 'deceased';
    edited.assets.financialAssets = 1234.56;
    const up = await api.call('households.update', { id, version: got.version, household: edited });
    expect(up).toMatchObject({ ok: true, value: { version: 2 } });
    const after = await api.value('households.get', { id });
    expect(after.size).toBe(2);
    const stale = await api.call('households.update', { id, version: 1, household: edited });
    expect(stale).toMatchObject({ ok: false, error: { code: 'stale_household' } });

    const trail = await api.value('audit.forEntity', { entity: 'household', entityId: String(id) });
    expect(trail.map((e) => e.action)).toEqual(['update', 'create']);
    expect(trail[0].before).toMatchObject({ members: [{}, { status: 'present' }, {}] });
    expect(trail[0].after).toMatchObject({ members: [{}, { status: 'deceased' }, {}] });
    expect(trail[0].username).toBe('director');
    expect(verifyAudit(store.raw).ok).toBe(true);
  });

  it('refuses a person active in another household, naming it, and writes nothing', async () => {
    const { api, store } = await adminService();
    const first = await api.value('households.create', { household: household() });
    const other = household({ members: [{ idNumber: idFor('1990-08-08', 13), name: '王小明', relation: 'head', status: 'present' }] });
    const r = await api.call('households.create', { household: other });
    expect(r).toMatchObject({ ok: false, error: { code: 'person_in_other_household', field: 'household.members[0].idNumber' } });
    expect(r.ok ? '' : r.error.message).toContain(`#${first.id}`);
    expect(r.ok ? '' : r.error.message).toContain('王建国');
    expect(rowCount(store.raw, 'households')).toBe(1);
  });

  it('validates the household: one head, valid IDs (15-digit converted), unknown fields named', async () => {
    const { api } = await adminService();
    const twoHeads: HouseholdInput = household();
    twoHeads.members[1].relation = 'head';
    expect(await api.call('households.create', { household: twoHeads })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'household.members' },
    });
    const badId: HouseholdInput = household();
    badId.members[0].idNumber = '130123196003010112';
    const r = await api.call('households.create', { household: badId });
    expect(r).toMatchObject({
      ok: false,
      error: { field: 'household.members[0].idNumber', message: expect.stringMatching(/check character/) },
    });
    const legacy: HouseholdInput = household();
    legacy.members[0].idNumber = '130123600301011';
    const ok = await api.value('households.create', { household: legacy });
    const got = await api.value('households.get', { id: ok.id });
    expect(got.household.members[0].idNumber).toMatch(/^13012319600301011[\dX]$/);
    const extra = { ...household(), colour: 'blue' };
    expect(await api.raw('households.create', { household: extra })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('colour') },
    });
  });

  it('exports a household file and imports it into another office unchanged', async () => {
    const a = await adminService();
    const { id } = await a.api.value('households.create', { household: household({ externalId: 'HH-1' }) });
    const file = await a.api.value('households.exportFile', { id });
    expect(JSON.parse(file.text).format).toBe(1);
    const b = await adminService();
    const imported = await b.api.value('households.importFile', { text: file.text });
    const back = (await b.api.value('households.get', { id: imported.id })).household;
    const orig = (await a.api.value('households.get', { id })).household;
    expect(back).toEqual(orig);
    expect(await b.api.call('households.importFile', { text: file.text })).toMatchObject({
      ok: false,
      error: { code: 'duplicate_household' },
    });
    expect(await b.api.call('households.importFile', { text: '{"format":1,' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_household_file' },
    });
  });

  it('sorts the household list over all its pages, Chinese in pinyin order, and refuses an unknown column', async () => {
    const { api } = await adminService();
    const heads = [
      '张伟',
      '李娜',
      '王芳',
      '刘洋',
      '陈静',
      '杨磊',
      '赵敏',
      '黄勇',
      '周杰',
      '吴霞',
      '徐涛',
      '孙丽',
      '马超',
      '朱红',
      '胡军',
      '郭梅',
      '何平',
      '高峰',
      '林琳',
      '罗兰',
      '欧阳明',
      '白雪',
      '安然',
    ];
    for (const [i, name] of heads.entries()) {
      const members: HouseholdInput['members'] = [
        { idNumber: idFor('1970-01-01', 100 + i), name, relation: 'head', status: 'present' },
        ...Array.from({ length: i % 3 }, (_, k) => ({
          idNumber: idFor('2000-01-01', 100 + i * 3 + k),
          name: `${name}${k}`,
          relation: 'child' as const,
          status: 'present' as const,
        })),
      ];
      const r = await api.call('households.create', {
        household: household({
          members,
          area: i % 2 ? { township: '河西乡', village: '柳树村' } : { township: '城关镇', village: '东街社区' },
        }),
      });
      expect(r.ok).toBe(true);
    }
    const listAll = async (sort: Input<'households.list'>['sort']) => {
      const out: Output<'households.list'>['rows'] = [];
      for (let page = 1; ; page++) {
        const r = await api.value('households.list', { pageSize: 10, page, sort });
        out.push(...r.rows);
        if (page * 10 >= r.total) return out;
      }
    };
    const pinyin = [...heads].sort(new Intl.Collator('zh-CN').compare);
    expect(pinyin.slice(0, 3)).toEqual(['安然', '白雪', '陈静']);
    expect((await listAll({ key: 'headName', dir: 'asc' })).map((r) => r.headName)).toEqual(pinyin);
    expect((await listAll({ key: 'headName', dir: 'desc' })).map((r) => r.headName)).toEqual([...pinyin].reverse());
    // Ties in the households' number order, in the direction asked: 城关镇 (chéng) before 河西乡 (hé).
    const byTownship = await listAll({ key: 'township', dir: 'asc' });
    expect(byTownship.map((r) => r.township)).toEqual([...Array(12).fill('城关镇'), ...Array(11).fill('河西乡')]);
    expect(byTownship.slice(0, 12).map((r) => r.id)).toEqual([...byTownship.slice(0, 12).map((r) => r.id)].sort((a, b) => a - b));
    const bySize = (await listAll({ key: 'size', dir: 'desc' })).map((r) => r.size);
    expect(bySize).toEqual([...bySize].sort((a, b) => b - a));
    expect(new Set(bySize)).toEqual(new Set([1, 2, 3]));
    const byId = (await listAll(undefined)).map((r) => r.id);
    expect(byId).toEqual([...byId].sort((a, b) => a - b));
    expect((await listAll({ key: 'headIdNumber', dir: 'asc' })).map((r) => r.headIdNumber)).toEqual(
      heads.map((_, i) => idFor('1970-01-01', 100 + i)).sort(),
    );
    expect(await api.raw('households.list', { sort: { key: 'address', dir: 'asc' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('searches by ID prefix, name prefix and village, and pages the list', async () => {
    const { api, adminSession, addUser } = await adminService();
    await api.value('households.create', { household: household() });
    await api.value('households.create', {
      household: household({
        area: { township: '河西乡', village: '柳树村' },
        members: [{ idNumber: idFor('1950-01-01', 21), name: '赵大爷', relation: 'head', status: 'present' }],
      }),
    });
    const byId = await api.value('registry.search', { q: idFor('1990-08-08', 13).slice(0, 10) });
    expect(byId.hits.map((h) => h.name)).toContain('王小明');
    const byName = await api.value('registry.search', { q: '王' });
    expect(byName.hits.map((h) => h.name).sort()).toEqual(['王小明', '王建国']);
    const byVillage = await api.value('registry.search', { q: '柳树' });
    expect(byVillage.hits).toMatchObject([{ name: '赵大爷', village: '柳树村', township: '河西乡' }]);
    const xlsx = await api.value('households.exportXlsx', {}, adminSession);
    expect(xlsx.rows).toBe(2);
    const ExcelJS = (await import('exceljs')).default;
    const sheetOf = async (base64: string) => {
      const wb = new ExcelJS.Workbook();
      const bytes = Buffer.from(base64, 'base64');
      await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      return wb.worksheets[0];
    };
    const sheet = await sheetOf(xlsx.base64);
    expect(sheet.getRow(2).getCell(2).value).toBe('王建国');
    expect(String(sheet.getRow(2).getCell(3).value)).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/); // the administrator's export is masked
    const clerk = await addUser('clerk9', 'clerk');
    const full = await api.value('households.exportXlsx', {}, clerk);
    expect((await sheetOf(full.base64)).getRow(2).getCell(3).value).toBe(idFor('1960-03-01', 11));
    const township = (await api.value('areas.list', {})).find((a) => a.name === '河西乡');
    const rural = await api.value('households.exportXlsx', { tier: 'none', townshipId: township?.id });
    expect(rural.rows).toBe(1);
    const list = await api.value('households.list', { pageSize: 10 });
    expect(list.total).toBe(2);
    expect(list.rows[0]).toMatchObject({ headName: '王建国', size: 3, township: '城关镇' });
  });
});
