/**
 * In Electron a path reaches the service only from the shell's own dialog (docs/security.md
 * "Inputs"): what the dialog chose is accepted for a while, a path the page names by itself is
 * refused — to read, and to write into.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dialogChooser, type OpenDialog } from '../../../src-main/shell/dialogs';
import { CHOSEN_MS, shellGate } from '../../../src-main/shared/file-gate';
import { TransferFolder } from '../../../src-main/shared/transfer';
import { adminService, tempDir } from '../../fixtures/builders';

function fakeDialog(answer: () => string | null) {
  const showOpenDialog = vi.fn(async (..._args: unknown[]) => {
    const p = answer();
    return { canceled: p === null, filePaths: p ? [p] : [] };
  });
  // One function answers both of Electron's overloads (with a window or without).
  return { dialog: { showOpenDialog } as unknown as OpenDialog, showOpenDialog };
}

describe('the shell’s dialogs and the paths it allows', () => {
  it('asks the dialog for a file (with its extensions) or a folder, and answers null when cancelled', async () => {
    let next: string | null = '/media/usb/a.csv';
    const { dialog, showOpenDialog } = fakeDialog(() => next);
    const choose = dialogChooser(dialog, () => null);
    expect(await choose('file', ['csv', 'xlsx'])).toBe('/media/usb/a.csv');
    expect(showOpenDialog.mock.calls[0][0]).toMatchObject({ properties: ['openFile'], filters: [{ extensions: ['csv', 'xlsx'] }] });
    next = null;
    expect(await choose('folder')).toBeNull();
    expect(showOpenDialog.mock.calls[1][0]).toMatchObject({ properties: ['openDirectory', 'createDirectory'] });
  });

  it('allows what was chosen, for a while; never what the page names', async () => {
    let now = 1_000_000;
    const dir = tempDir();
    const file = path.join(dir, 'chosen.csv');
    fs.writeFileSync(file, 'x');
    const gate = shellGate(
      new TransferFolder(path.join(dir, 'transfer')),
      async () => file,
      () => now,
    );
    expect(gate.allows(file)).toBe(false);
    await gate.choose!('file');
    expect(gate.allows(file)).toBe(true);
    expect(gate.allows(path.join(dir, 'other.csv'))).toBe(false);
    expect(gate.allows('/etc/passwd')).toBe(false);
    now += CHOSEN_MS + 1;
    expect(gate.allows(file)).toBe(false);
  });

  it('through the service: a typed path refused, the chosen file read, the chosen folder written into', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'hospital.csv');
    fs.writeFileSync(csv, '身份证号码,姓名,入院日期,个人自付\n130123196003010113,王建国,2026-10-01,7000\n');
    const out = path.join(dir, 'usb');
    fs.mkdirSync(out);
    let answer = csv;
    const transfer = new TransferFolder(path.join(dir, 'transfer'));
    const s = await adminService({ files: shellGate(transfer, async () => answer) });
    // An account is asked for and confirmed by two people, its first password changed (docs/security.md "Roles and the two-person rule").
    const session = await s.addUser('clerk1', 'clerk');
    const clerk = (m: string, i: unknown) => s.service.invoke({ method: m, input: i, session, lang: 'en' });
    expect(await clerk('files.mode', {})).toMatchObject({ ok: true, value: { mode: 'shell', dialogs: true } });
    expect(await clerk('exchange.preview', { file: { path: csv }, source: 'medical_insurance' })).toMatchObject({
      ok: false,
      error: { code: 'path_not_allowed' },
    });
    expect(await clerk('files.choose', { kind: 'file', extensions: ['csv'] })).toMatchObject({
      ok: true,
      value: { path: csv, bytes: fs.statSync(csv).size },
    });
    expect(await clerk('exchange.preview', { file: { path: csv }, source: 'medical_insurance' })).toMatchObject({ ok: true });
    expect(await clerk('export.verificationRequests', { source: 'hrss', folder: out })).toMatchObject({
      ok: false,
      error: { code: 'path_not_allowed', field: 'folder' },
    });
    answer = out;
    await clerk('files.choose', { kind: 'folder' });
    expect(await clerk('export.verificationRequests', { source: 'hrss', folder: out })).toMatchObject({
      ok: true,
      value: { download: null },
    });
    expect(fs.readdirSync(out)).toHaveLength(1);
  });
});
