import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPackage, writePackage, zipFolder } from '../../../src-main/exchange/package';
import { tempDir } from '../../fixtures/builders';

const meta = {
  kind: 'departmental_file',
  office: null,
  createdAt: '2026-11-30T09:00:00Z',
  createdBy: 'clerk1',
  appVersion: '0.1.0',
  counts: { files: 2 },
};
const entries = () => [
  { name: 'a.csv', data: Buffer.from('身份证号码,姓名\n1,2\n') },
  { name: 'b.txt', data: Buffer.alloc(100_000, 7) },
];

describe('packages', () => {
  it('writes a manifest with each file’s size and SHA-256, and reads it back', async () => {
    const dir = path.join(tempDir(), 'p');
    const m = await writePackage(dir, entries(), meta);
    expect(m.files.map((f) => f.name)).toEqual(['a.csv', 'b.txt']);
    expect(m.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const p = await openPackage(dir, null, { encrypted: false });
    expect((await p.read('a.csv')).toString()).toContain('姓名');
  });

  it('encrypts with a passphrase (AES-256-GCM, scrypt) and refuses a wrong one', async () => {
    const dir = path.join(tempDir(), 'p');
    const m = await writePackage(dir, entries(), meta, 'correct horse');
    expect(m.encryption).toMatchObject({ cipher: 'aes-256-gcm', kdf: 'scrypt' });
    expect(fs.readFileSync(path.join(dir, 'a.csv.enc')).includes(Buffer.from('身份证'))).toBe(false);
    await expect(openPackage(dir)).rejects.toMatchObject({ code: 'passphrase_required' });
    await expect(openPackage(dir, 'wrong horse')).rejects.toMatchObject({ code: 'package_passphrase' });
    const p = await openPackage(dir, 'correct horse');
    expect((await p.read('b.txt')).length).toBe(100_000);
  });

  it('refuses a truncated, altered, missing or unexpected file, naming it', async () => {
    for (const [damage, code] of [
      ['truncate', 'package_truncated'],
      ['alter', 'package_tampered'],
      ['remove', 'package_missing_file'],
      ['add', 'package_unexpected_file'],
    ] as const) {
      const dir = path.join(tempDir(), 'p');
      await writePackage(dir, entries(), meta, 'correct horse');
      const f = path.join(dir, 'b.txt.enc');
      if (damage === 'truncate') fs.truncateSync(f, 5000);
      if (damage === 'alter') {
        const b = fs.readFileSync(f);
        b[500] ^= 1;
        fs.writeFileSync(f, b);
      }
      if (damage === 'remove') fs.rmSync(f);
      if (damage === 'add') fs.writeFileSync(path.join(dir, 'extra.csv'), 'x');
      const err = await openPackage(dir, 'correct horse').catch((e) => e);
      expect(err.code).toBe(code);
      expect(err.message).toContain(damage === 'add' ? 'extra.csv' : 'b.txt.enc');
    }
  });

  it('refuses an edited manifest of an encrypted package', async () => {
    const dir = path.join(tempDir(), 'p');
    await writePackage(dir, entries(), meta, 'correct horse');
    const mf = path.join(dir, 'manifest.json');
    fs.writeFileSync(mf, fs.readFileSync(mf, 'utf8').replace('"files": 2', '"files": 3'));
    await expect(openPackage(dir, 'correct horse')).rejects.toMatchObject({ code: 'package_passphrase' });
  });

  it('round-trips through a zip and refuses a truncated zip', async () => {
    const base = tempDir();
    const dir = path.join(base, 'p');
    await writePackage(dir, entries(), meta);
    await zipFolder(dir, `${dir}.zip`);
    const p = await openPackage(`${dir}.zip`, null, { encrypted: false });
    expect((await p.read('a.csv')).toString()).toContain('姓名');
    p.cleanup();
    const z = fs.readFileSync(`${dir}.zip`);
    fs.writeFileSync(`${dir}-cut.zip`, z.subarray(0, z.length - 200));
    await expect(openPackage(`${dir}-cut.zip`, null, { encrypted: false })).rejects.toMatchObject({
      code: expect.stringMatching(/package_(corrupt|truncated|tampered)|zip_damaged/),
    });
  });
});
