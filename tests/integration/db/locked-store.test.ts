/**
 * The service while the store waits for its key (docs/security.md "A database on another
 * computer"), as the app and the loopback host run it: every call answers the reason in the
 * caller's language, a wrong recovery key is refused at its field with nothing written, the
 * right one opens the store and every call goes on to it.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adminService, OFFICE_PASSWORDS, tempDir } from '../../fixtures/builders';
import { lockedService } from '../../../src-main/api/locked-service';
import { createService } from '../../../src-main/api/service';
import { AppError } from '../../../src-main/common/errors';
import { fileKeyKeeper } from '../../../src-main/db/keys';
import { openEncryptedStore } from '../../../src-main/security/store';
import type { Store } from '../../../src-main/db/open';

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

describe('a store that waits for its recovery key', () => {
  it('answers why, refuses a wrong key at its field, and opens with the right one', async () => {
    const s = await adminService();
    await s.store.close();
    const recovery = fileKeyKeeper(s.file).load()!;
    const file = path.join(tempDir(), 'safetynet.db');
    fs.copyFileSync(s.file, file);
    const before = sha(file);
    const reason = await openEncryptedStore(file).catch((e: unknown) => e);
    expect(reason).toBeInstanceOf(AppError);
    const opened: Store[] = [];
    const service = lockedService(reason as AppError, async (key) => {
      const store = await openEncryptedStore(file, { key });
      opened.push(store);
      return createService(store);
    });
    expect(await service.invoke({ method: 'app.status', input: {}, lang: 'zh' })).toMatchObject({
      ok: false,
      error: { code: 'db_key_required', message: /请输入恢复密钥/ },
    });
    expect(
      await service.invoke({ method: 'auth.login', input: { username: 'admin', password: OFFICE_PASSWORDS.admin }, lang: 'en' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'db_key_required', message: /enter its recovery key/ },
    });
    expect(await service.invoke({ method: 'store.unlock', input: {}, lang: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'recoveryKey' },
    });
    expect(
      await service.invoke({ method: 'store.unlock', input: { recoveryKey: 'AAAAAA-BBBBBB-CCCCCC-DDDDDD-EEEEEE-FFFFFF' }, lang: 'zh' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'recovery_key_wrong', field: 'recoveryKey', message: /恢复密钥无法打开数据库/ },
    });
    expect(sha(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['safetynet.db']);
    expect(service.unlocked()).toBeNull();

    expect(await service.invoke({ method: 'store.unlock', input: { recoveryKey: ` ${recovery.toLowerCase()} ` }, lang: 'en' })).toEqual({
      ok: true,
      value: { ok: true },
    });
    expect(service.unlocked()).not.toBeNull();
    expect(await service.invoke({ method: 'app.status', input: {}, lang: 'en' })).toMatchObject({ ok: true, value: { needsSetup: false } });
    expect(
      await service.invoke({ method: 'auth.login', input: { username: 'admin', password: OFFICE_PASSWORDS.admin }, lang: 'en' }),
    ).toMatchObject({
      ok: true,
    });
    // Kept here from now on; a second unlock is answered by the open store.
    expect(fileKeyKeeper(file).load()).toBe(recovery);
    expect(await service.invoke({ method: 'store.unlock', input: { recoveryKey: 'anything' }, lang: 'en' })).toEqual({
      ok: true,
      value: { ok: true },
    });
    expect(opened).toHaveLength(1);
    await opened[0].close();
  });
});
