import { describe, expect, it } from 'vitest';
import { adminService, household, idFor } from '../../fixtures/builders';
import { verifyAudit } from '../../../src-main/audit/audit';

describe('service: setup, accounts and roles', () => {
  it('refuses a second setup and unknown methods, and rejects invalid input before any write', async () => {
    const { call, store } = await adminService();
    const again = await call(
      'setup.complete',
      {
        office: { name: 'x', county: 'y', regionCode: '130123' },
        admin: { username: 'bob', displayName: 'b', password: 'secret1' },
        demo: false,
      },
      null,
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'already_set_up' } });
    expect(await call('registry.dropEverything', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const before = (store.raw.prepare('SELECT COUNT(*) n FROM audit_log').get() as { n: number }).n;
    const bad = await call('users.create', { username: 'x', displayName: 'X', role: 'clerk', password: 'pw' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'username' } });
    expect((store.raw.prepare('SELECT COUNT(*) n FROM audit_log').get() as { n: number }).n).toBe(before);
  });

  it('enforces roles in the service layer: a clerk cannot manage users', async () => {
    const { call } = await adminService();
    expect(await call('users.create', { username: 'clerk1', displayName: '经办员', role: 'clerk', password: 'secret2' })).toMatchObject({
      ok: true,
    });
    const login = await call('auth.login', { username: 'clerk1', password: 'secret2' }, null);
    const clerkSession = (login as any).value.session;
    const r = await call('users.list', {}, clerkSession);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('registry.search', { q: '王' }, clerkSession)).toMatchObject({ ok: true });
    expect(await call('users.list', {}, null)).toMatchObject({ ok: false, error: { code: 'not_logged_in' } });
    expect(await call('users.assignable', {}, clerkSession)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lets a manager see whom work can be assigned to, without managing users', async () => {
    const { call } = await adminService();
    await call('users.create', { username: 'clerk1', displayName: '经办员', role: 'clerk', password: 'secret2' });
    await call('users.create', { username: 'mgr1', displayName: '审核员', role: 'manager', password: 'secret3' });
    const mgr = ((await call('auth.login', { username: 'mgr1', password: 'secret3' }, null)) as any).value.session;
    const r = (await call('users.assignable', {}, mgr)) as any;
    expect(r.value.map((u: any) => u.username)).toEqual(['clerk1', 'mgr1']);
    expect(await call('users.list', {}, mgr)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('locks a session after 15 idle minutes and unlocks with the password', async () => {
    let now = new Date('2026-11-29T08:00:00Z');
    const { call } = await adminService({ now: () => now });
    now = new Date('2026-11-29T08:14:00Z');
    expect(await call('auth.me')).toMatchObject({ ok: true });
    now = new Date('2026-11-29T08:29:30Z');
    expect(await call('auth.me')).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    expect(await call('auth.unlock', { password: 'wrong' })).toMatchObject({
      ok: false,
      error: { code: 'bad_credentials', field: 'password' },
    });
    expect(await call('auth.unlock', { password: 'secret1' })).toMatchObject({ ok: true });
    expect(await call('auth.me')).toMatchObject({ ok: true, value: { username: 'admin' } });
  });

  it('rejects a wrong password and stores only scrypt hashes', async () => {
    const { call, store } = await adminService();
    expect(await call('auth.login', { username: 'admin', password: 'nope' }, null)).toMatchObject({
      ok: false,
      error: { code: 'bad_credentials' },
    });
    const row = store.raw.prepare(`SELECT password_hash FROM users WHERE username='admin'`).get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(row.password_hash).not.toContain('secret1');
  });
});

describe('service: household registry', () => {
  it('creates, reads back exactly, updates with audit before → after, and keeps the chain valid', async () => {
    const { call, store } = await adminService();
    const created = await call('households.create', { household: household() });
    expect(created).toMatchObject({ ok: true });
    const id = (created as any).value.id;
    const got = (await call('households.get', { id })) as any;
    expect(got.value.size).toBe(3);
    expect(got.value.household.members[2].monthlyIncome).toEqual([{ type: 'wage', amount: 1800.5 }]);
    expect(store.raw.prepare('SELECT amount_fen FROM income_items ORDER BY id').all()).toEqual([
      { amount_fen: 90000 },
      { amount_fen: 180050 },
    ]);

    const edited = structuredClone(got.value.household);
    edited.members[1].status = 'deceased';
    edited.assets.financialAssets = 1234.56;
    const up = (await call('households.update', { id, version: got.value.version, household: edited })) as any;
    expect(up).toMatchObject({ ok: true, value: { version: 2 } });
    const after = (await call('households.get', { id })) as any;
    expect(after.value.size).toBe(2);
    const stale = await call('households.update', { id, version: 1, household: edited });
    expect(stale).toMatchObject({ ok: false, error: { code: 'stale_household' } });

    const trail = (await call('audit.forEntity', { entity: 'household', entityId: String(id) })) as any;
    expect(trail.value.map((e: any) => e.action)).toEqual(['update', 'create']);
    expect(trail.value[0].before.members[1].status).toBe('present');
    expect(trail.value[0].after.members[1].status).toBe('deceased');
    expect(trail.value[0].username).toBe('admin');
    expect(verifyAudit(store.raw).ok).toBe(true);
  });

  it('refuses a person active in another household, naming it, and writes nothing', async () => {
    const { call, store } = await adminService();
    const first = (await call('households.create', { household: household() })) as any;
    const other = household({ members: [{ idNumber: idFor('1990-08-08', 13), name: '王小明', relation: 'head', status: 'present' }] });
    const r = await call('households.create', { household: other });
    expect(r).toMatchObject({ ok: false, error: { code: 'person_in_other_household', field: 'household.members[0].idNumber' } });
    expect((r as any).error.message).toContain(`#${first.value.id}`);
    expect((r as any).error.message).toContain('王建国');
    expect((store.raw.prepare('SELECT COUNT(*) n FROM households').get() as any).n).toBe(1);
  });

  it('validates the household: one head, valid IDs (15-digit converted), unknown fields named', async () => {
    const { call } = await adminService();
    const twoHeads = household();
    twoHeads.members[1].relation = 'head' as any;
    expect(await call('households.create', { household: twoHeads })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'household.members' },
    });
    const badId = household();
    badId.members[0].idNumber = '130123196003010112';
    const r = (await call('households.create', { household: badId })) as any;
    expect(r.error.field).toBe('household.members[0].idNumber');
    expect(r.error.message).toMatch(/check character/);
    const legacy = household();
    legacy.members[0].idNumber = '130123600301011';
    const ok = (await call('households.create', { household: legacy })) as any;
    expect(ok.ok).toBe(true);
    const got = (await call('households.get', { id: ok.value.id })) as any;
    expect(got.value.household.members[0].idNumber).toMatch(/^13012319600301011[\dX]$/);
    const extra = { ...household(), colour: 'blue' };
    expect(await call('households.create', { household: extra })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('colour') },
    });
  });

  it('exports a household file and imports it into another office unchanged', async () => {
    const a = await adminService();
    const id = ((await a.call('households.create', { household: household({ externalId: 'HH-1' }) })) as any).value.id;
    const file = ((await a.call('households.exportFile', { id })) as any).value;
    expect(JSON.parse(file.text).format).toBe(1);
    const b = await adminService();
    const imported = (await b.call('households.importFile', { text: file.text })) as any;
    expect(imported.ok).toBe(true);
    const back = ((await b.call('households.get', { id: imported.value.id })) as any).value.household;
    const orig = ((await a.call('households.get', { id })) as any).value.household;
    expect(back).toEqual(orig);
    expect(await b.call('households.importFile', { text: file.text })).toMatchObject({ ok: false, error: { code: 'duplicate_household' } });
    expect(await b.call('households.importFile', { text: '{"format":1,' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_household_file' },
    });
  });

  it('sorts the household list over all its pages, Chinese in pinyin order, and refuses an unknown column', async () => {
    const { call } = await adminService();
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
      const members = [
        { idNumber: idFor('1970-01-01', 100 + i), name, relation: 'head', status: 'present' },
        ...Array.from({ length: i % 3 }, (_, k) => ({
          idNumber: idFor('2000-01-01', 100 + i * 3 + k),
          name: `${name}${k}`,
          relation: 'child',
          status: 'present',
        })),
      ];
      const r = (await call('households.create', {
        household: household({
          members,
          area: i % 2 ? { township: '河西乡', village: '柳树村' } : { township: '城关镇', village: '东街社区' },
        }),
      })) as any;
      expect(r.ok).toBe(true);
    }
    const all = async (sort: unknown) => {
      const out: any[] = [];
      for (let page = 1; ; page++) {
        const r = ((await call('households.list', { pageSize: 10, page, sort })) as any).value;
        out.push(...r.rows);
        if (page * 10 >= r.total) return out;
      }
    };
    const pinyin = [...heads].sort(new Intl.Collator('zh-CN').compare);
    expect(pinyin.slice(0, 3)).toEqual(['安然', '白雪', '陈静']);
    expect((await all({ key: 'headName', dir: 'asc' })).map((r) => r.headName)).toEqual(pinyin);
    expect((await all({ key: 'headName', dir: 'desc' })).map((r) => r.headName)).toEqual([...pinyin].reverse());
    // Ties in the households' number order, in the direction asked: 城关镇 (chéng) before 河西乡 (hé).
    const byTownship = await all({ key: 'township', dir: 'asc' });
    expect(byTownship.map((r) => r.township)).toEqual([...Array(12).fill('城关镇'), ...Array(11).fill('河西乡')]);
    expect(byTownship.slice(0, 12).map((r) => r.id)).toEqual([...byTownship.slice(0, 12).map((r) => r.id)].sort((a, b) => a - b));
    const bySize = (await all({ key: 'size', dir: 'desc' })).map((r) => r.size);
    expect(bySize).toEqual([...bySize].sort((a, b) => b - a));
    expect(new Set(bySize)).toEqual(new Set([1, 2, 3]));
    const byId = (await all(undefined)).map((r) => r.id);
    expect(byId).toEqual([...byId].sort((a, b) => a - b));
    expect((await all({ key: 'headIdNumber', dir: 'asc' })).map((r) => r.headIdNumber)).toEqual(
      heads.map((_, i) => idFor('1970-01-01', 100 + i)).sort(),
    );
    expect(await call('households.list', { sort: { key: 'address', dir: 'asc' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('searches by ID prefix, name prefix and village, and pages the list', async () => {
    const { call } = await adminService();
    await call('households.create', { household: household() });
    await call('households.create', {
      household: household({
        area: { township: '河西乡', village: '柳树村' },
        members: [{ idNumber: idFor('1950-01-01', 21), name: '赵大爷', relation: 'head', status: 'present' }],
      }),
    });
    const byId = (await call('registry.search', { q: idFor('1990-08-08', 13).slice(0, 10) })) as any;
    expect(byId.value.hits.map((h: any) => h.name)).toContain('王小明');
    const byName = (await call('registry.search', { q: '王' })) as any;
    expect(byName.value.hits.map((h: any) => h.name).sort()).toEqual(['王小明', '王建国']);
    const byVillage = (await call('registry.search', { q: '柳树' })) as any;
    expect(byVillage.value.hits).toMatchObject([{ name: '赵大爷', village: '柳树村', township: '河西乡' }]);
    const xlsx = (await call('households.exportXlsx', {})) as any;
    expect(xlsx.value.rows).toBe(2);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.value.base64, 'base64') as any);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(2).getCell(2).value).toBe('王建国');
    expect(String(sheet.getRow(2).getCell(3).value)).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/); // the administrator's export is masked
    await call('users.create', { username: 'clerk9', displayName: '经办', role: 'clerk', password: 'secret9' });
    const clerk = ((await call('auth.login', { username: 'clerk9', password: 'secret9' }, null)) as any).value.session;
    const full = ((await call('households.exportXlsx', {}, clerk)) as any).value;
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(full.base64, 'base64') as any);
    expect(wb2.worksheets[0].getRow(2).getCell(3).value).toBe(idFor('1960-03-01', 11));
    const rural = (
      (await call('households.exportXlsx', {
        tier: 'none',
        townshipId: ((await call('areas.list')) as any).value.find((a: any) => a.name === '河西乡').id,
      })) as any
    ).value;
    expect(rural.rows).toBe(1);
    const list = (await call('households.list', { pageSize: 10 })) as any;
    expect(list.value.total).toBe(2);
    expect(list.value.rows[0]).toMatchObject({ headName: '王建国', size: 3, township: '城关镇' });
  });
});
