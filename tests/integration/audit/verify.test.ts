import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { adminService, connectTo, household } from '../../fixtures/builders';
import { first, qb, run as runQuery } from '../../../src-main/db/query';
import { CLI } from '../../fixtures/paths';

const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

async function officeWithHistory() {
  const s = await adminService();
  const { id } = await s.api.value('households.create', { household: household() });
  const h = await s.api.value('households.get', { id });
  h.household.address = '新地址';
  await s.api.value('households.update', { id, version: h.version, household: h.household });
  await s.store.close();
  return s.file;
}

function tamper(file: string, sql: string) {
  const raw = connectTo(file);
  raw.exec(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ${sql}`);
  raw.close();
}

describe('safetynet audit verify', () => {
  it('passes on an untouched chain', async () => {
    const file = await officeWithHistory();
    const r = run(['audit', 'verify', '--db', file]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, problems: [] });
  });

  it('detects an edited row', async () => {
    const file = await officeWithHistory();
    tamper(file, `UPDATE audit_log SET after_json = replace(after_json, '新地址', '别处') WHERE action = 'update'`);
    const r = run(['audit', 'verify', '--db', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/edited/);
  });

  it('detects a deleted row', async () => {
    const file = await officeWithHistory();
    tamper(file, `DELETE FROM audit_log WHERE seq = 3`);
    const r = run(['audit', 'verify', '--db', file]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).problems[0]).toMatchObject({ seq: 4, problem: 'missing_before' });
  });

  it('detects a re-hashed forgery that breaks the link to the next row', async () => {
    const file = await officeWithHistory();
    const raw = connectTo(file);
    const { rowHash } = await import('../../../src-main/audit/audit');
    const r2 = first(raw, qb.selectFrom('audit_log').selectAll().where('seq', '=', 2));
    if (!r2) throw new Error('no audit row 2');
    const { hash: _hash, ...forged } = { ...r2, summary: 'forged' };
    raw.exec('DROP TRIGGER audit_log_no_update');
    runQuery(
      raw,
      qb
        .updateTable('audit_log')
        .set({ summary: 'forged', hash: rowHash(forged) })
        .where('seq', '=', 2),
    );
    raw.close();
    const r = run(['audit', 'verify', '--db', file]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).problems).toContainEqual({ seq: 3, problem: 'broken_link' });
  });
});

describe('safetynet household import/export', () => {
  it('round-trips a household file and reports an invalid field with exit code 2', async () => {
    const file = await officeWithHistory();
    const out = path.join(path.dirname(file), 'h.json');
    expect(run(['household', 'export', '--db', file, '--id', '1', '--out', out]).status).toBe(0);
    const other = path.join(path.dirname(file), 'other.db');
    const imp = run(['household', 'import', out, '--db', other]);
    expect(imp.status).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ householdId: 1 });
    const bad = path.join(path.dirname(file), 'bad.json');
    const text = JSON.parse(execFileSync(process.execPath, [CLI, 'household', 'export', '--db', file, '--id', '1'], { encoding: 'utf8' }));
    text.household.members[1].idNumber = '11010519491231002Y';
    fs.writeFileSync(bad, JSON.stringify(text));
    const r = run(['household', 'import', bad, '--db', other]);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stderr.split('\n')[0]).error).toMatchObject({ field: 'household.members[1].idNumber' });
  });
});
