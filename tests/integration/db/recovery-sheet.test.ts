/**
 * The recovery sheet (docs/security.md "The recovery sheet"): an A4 PDF through the print
 * pipeline with the recovery key in six groups, the office's name, the date, lines for who keeps
 * it and where, and the signature block; printed in the set-up wizard before any account exists
 * (refused afterwards), and again by an administrator, each print on record.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { adminService, emptyDatabase, tempDir, typedClient } from '../../fixtures/builders';
import { artifacts } from '../../fixtures/paths';
import { createService } from '../../../src-main/api/service';
import { todayIso } from '../../../src-main/common/dates';
import { keyFingerprint } from '../../../src-main/db/keys';

const pdfText = (base64: string) => {
  const file = path.join(tempDir(), 'sheet.pdf');
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

describe('the recovery sheet', () => {
  it('is printed in the set-up wizard with the key and the office, and the confirmation is audited', async () => {
    const db = await emptyDatabase();
    const api = typedClient(createService(db.store), null);
    const office = { name: '示范县民政局', county: '示范县' };
    const sheet = await api.value('store.setupRecoverySheet', { office, format: 'pdf' });
    expect(sheet).toMatchObject({ mime: 'application/pdf', pages: 1, fileName: `数据库恢复密钥单-${todayIso()}.pdf` });
    const text = pdfText(sheet.base64!);
    const key = db.store.key!;
    for (const group of key.split('-')) expect(text).toContain(group);
    expect(key.split('-')).toHaveLength(6);
    expect(text).toContain('示范县民政局');
    expect(text).toContain('数据库恢复密钥单');
    expect(text).toContain(todayIso());
    expect(text).toMatch(/保管人/);
    expect(text).toMatch(/保管地点/);
    expect(text).toContain(keyFingerprint(key));
    expect(text).toMatch(/制表人[\s\S]*审核人[\s\S]*负责人/);
    expect(text).toMatch(/第\s*1\s*页\s*共\s*1\s*页/);
    expect(text).toContain('SAFETYNET_DB_KEY');
    fs.mkdirSync(artifacts('security'), { recursive: true });
    fs.writeFileSync(path.join(artifacts('security'), 'recovery-sheet.pdf'), Buffer.from(sheet.base64!, 'base64'));

    await api.value('store.setupRecoveryKept', { username: 'admin' });
    const kept = db.store.raw.prepare(`SELECT username, action, after_json FROM audit_log WHERE action = 'recovery_sheet'`).get();
    expect(kept).toMatchObject({ username: 'admin', action: 'recovery_sheet' });
    // The fingerprint, never the key, is on record.
    expect(JSON.stringify(kept)).not.toContain(key);

    await api.value('setup.complete', {
      office: { ...office, regionCode: '130123' },
      admin: { username: 'admin', displayName: '管理员', password: 'keeper-2026-x' },
      manager: { username: 'director', displayName: '局长', password: 'signoff-2026-y' },
      demo: false,
    });
    // Once set up, the wizard's methods are closed: the key is an administrator's to print.
    expect(await api.call('store.setupRecoverySheet', { office, format: 'html' })).toMatchObject({
      ok: false,
      error: { code: 'already_set_up' },
    });
    expect(await api.call('store.setupRecoveryKept', { username: 'x' })).toMatchObject({ ok: false, error: { code: 'already_set_up' } });
    expect(await api.call('store.recoverySheet', { format: 'html' })).toMatchObject({ ok: false, error: { code: 'not_logged_in' } });
  });

  it('is printed again by an administrator (on record), and says where the key lives', async () => {
    const s = await adminService();
    // The administrator's (the fixture's default session is the first manager's).
    const status = await s.admin.value('store.status', {});
    expect(status).toMatchObject({
      encrypted: true,
      keyKept: 'file',
      where: `${s.file}.key`,
      notice: null,
      fingerprint: keyFingerprint(s.store.key!),
    });
    const html = await s.admin.value('store.recoverySheet', { format: 'html' });
    expect(html.html).toContain(s.store.key!.split('-')[0]);
    const pdf = await s.admin.value('store.recoverySheet', { format: 'pdf' });
    expect(pdfText(pdf.base64!)).toContain(s.store.key!.split('-')[5]);
    const printed = s.store.raw.prepare(`SELECT username, summary FROM audit_log WHERE action = 'recovery_sheet'`).all();
    expect(printed).toEqual([{ username: 'admin', summary: 'recovery sheet printed' }]);
    // Not for other roles.
    const clerk = typedClient(s.service, await s.addUser('clerk1', 'clerk', 'secret22', 'c'));
    expect(await clerk.call('store.recoverySheet', { format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await clerk.call('store.status', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
