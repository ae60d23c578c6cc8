/**
 * The tamper-evident audit chain, tried as an attacker with the database file (docs/security.md
 * "Audit"): triggers dropped, rows edited, deleted from the middle or the end, the chain re-computed.
 * `safetynet audit verify` names what it finds by row numbers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { adminService, connectTo, household, tempDir } from '../../fixtures/builders';
import { all, qb, run as runQuery } from '../../../src-main/db/query';
import { anchorAuditHead, auditHead, rowHash, rowSeal } from '../../../src-main/audit/audit';
import { anchorFile } from '../../../src-main/audit/anchors';
import { auditKey, auditKeyFile, databaseAuditKey } from '../../../src-main/audit/key';
import { connectionKey } from '../../../src-main/db/connection';
import { CLI } from '../../fixtures/paths';

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, SAFETYNET_AUDIT_KEY: '', ...env } });

/** An office with some history (households created and edited), its head anchored (as a printed roster would). */
async function officeWithHistory(edits = 3) {
  const s = await adminService();
  const { id } = await s.api.value('households.create', { household: household() });
  for (let i = 0; i < edits; i++) {
    const h = await s.api.value('households.get', { id });
    h.household.address = `新地址 ${i}`;
    await s.api.value('households.update', { id, version: h.version, household: h.household });
  }
  const head = anchorAuditHead(s.store.raw, 'printed roster 2026-11');
  await s.store.close();
  return { file: s.file, head };
}

/** Opens the file as an attacker would: no triggers, plain SQL. */
function tamper(file: string, f: (raw: BetterSqlite3.Database) => void) {
  const raw = connectTo(file);
  raw.exec(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;`);
  f(raw);
  raw.close();
}

const verify = (file: string, ...more: string[]) => {
  const r = cli(['audit', 'verify', '--db', file, ...more]);
  return { ...r, json: r.stdout ? JSON.parse(r.stdout) : null };
};

describe('safetynet audit verify', () => {
  it('passes on an untouched chain, every row sealed, and proves a head as printed on a form', async () => {
    const { file, head } = await officeWithHistory();
    const r = verify(file, '--head', head.short.replace('审计链 #', '').replace(' · ', ':'));
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({ ok: true, problems: [], keyedFrom: 1, head: { proved: true, reason: 'proved' } });
    expect(r.json.anchorsChecked).toBeGreaterThanOrEqual(2); // start-up and the printed roster
    expect(r.stderr).toMatch(/audit chain intact/);
    expect(head.short).toMatch(/^审计链 #\d+ · [0-9a-f]{4}…[0-9a-f]{2}$/);
  });

  it('detects an edited row, naming it', async () => {
    const { file } = await officeWithHistory();
    tamper(file, (raw) => raw.exec(`UPDATE audit_log SET after_json = replace(after_json, '新地址 1', '别处') WHERE action = 'update'`));
    const r = verify(file);
    expect(r.status).toBe(1);
    const edited = r.json.problems.filter((p: { problem: string }) => p.problem === 'edited');
    expect(edited).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`row ${edited[0].seq}: edited`));
  });

  it('detects a deleted middle row', async () => {
    const { file } = await officeWithHistory();
    tamper(file, (raw) => raw.exec(`DELETE FROM audit_log WHERE seq = 3`));
    const r = verify(file);
    expect(r.status).toBe(1);
    expect(r.json.problems).toContainEqual({ seq: 4, through: 4, problem: 'missing_before' });
  });

  it('detects the last row deleted, and the last 20, against the anchor log', async () => {
    const { file, head } = await officeWithHistory(12);
    expect(head.rows).toBeGreaterThan(25);
    const one = path.join(tempDir(), 'one.db');
    for (const f of [file, `${file}.key`, anchorFile(file)]) fs.copyFileSync(f, f.replace(file, one));
    tamper(one, (raw) => raw.exec(`DELETE FROM audit_log WHERE seq = ${head.rows}`));
    const r1 = verify(one);
    expect(r1.status).toBe(1);
    expect(r1.json.problems).toContainEqual(
      expect.objectContaining({
        seq: head.rows,
        through: head.rows,
        problem: 'tail_deleted',
        detail: expect.stringMatching(/printed roster/),
      }),
    );
    tamper(file, (raw) => raw.exec(`DELETE FROM audit_log WHERE seq > ${head.rows - 20}`));
    const r20 = verify(file);
    expect(r20.status).toBe(1);
    expect(r20.json.problems).toContainEqual(expect.objectContaining({ seq: head.rows - 19, through: head.rows, problem: 'tail_deleted' }));
    expect(r20.stderr).toMatch(new RegExp(`rows ${head.rows - 19}–${head.rows}: deleted from the end`));
  });

  it('detects a row edited and every later hash re-computed: without the key the seals fail, and the anchors differ', async () => {
    const { file, head } = await officeWithHistory();
    tamper(file, (raw) => {
      const rows = all(raw, qb.selectFrom('audit_log').selectAll().orderBy('seq'));
      let prev = rows[2].prev_hash;
      for (const r of rows.slice(2)) {
        const { hash: _old, ...rest } = { ...r, prev_hash: prev, summary: r.seq === 3 ? 'forged' : r.summary };
        const hash = rowHash(rest); // what anyone can compute: SHA-256, or any key but the office's
        runQuery(raw, qb.updateTable('audit_log').set({ summary: rest.summary, prev_hash: prev, hash }).where('seq', '=', r.seq));
        prev = hash;
      }
    });
    const r = verify(file);
    expect(r.status).toBe(1);
    expect(r.json.problems).toContainEqual({ seq: 3, through: head.rows, problem: 'edited' });
    expect(r.json.problems).toContainEqual(expect.objectContaining({ seq: head.rows, problem: 'anchor_mismatch' }));
    // The same forgery with a guessed key fails the same way: only the office's key seals.
    const wrong = auditKey(Buffer.alloc(32, 7));
    const { file: other } = await officeWithHistory();
    tamper(other, (raw) => {
      const rows = all(raw, qb.selectFrom('audit_log').selectAll().orderBy('seq'));
      let prev = rows[0].prev_hash;
      for (const row of rows) {
        const { hash: _old, ...rest } = { ...row, prev_hash: prev };
        const hash = rowSeal(wrong, rest);
        runQuery(raw, qb.updateTable('audit_log').set({ prev_hash: prev, hash }).where('seq', '=', row.seq));
        prev = hash;
      }
    });
    expect(verify(other).json.problems).toContainEqual(expect.objectContaining({ seq: 1, problem: 'edited' }));
  });

  it('refuses a printed head the log no longer holds', async () => {
    const { file, head } = await officeWithHistory();
    const printed = `${head.rows}:${head.hash.slice(0, 4)}…${head.hash.slice(-2)}`;
    tamper(file, (raw) => raw.exec(`DELETE FROM audit_log WHERE seq >= ${head.rows - 1}`));
    const gone = verify(file, '--head', printed);
    expect(gone.status).toBe(1);
    expect(gone.json.head).toMatchObject({ proved: false, reason: 'row_missing' });
    expect(gone.stderr).toMatch(/is NOT in the log/);
    const { file: f2, head: h2 } = await officeWithHistory();
    const differs = verify(f2, '--head', `${h2.rows}:0000…00`);
    expect(differs.json.head).toMatchObject({ proved: false, reason: 'hash_differs' });
  });

  it('seals with a key derived from the database key: no key file beside the store, and a chain sealed under another store key fails', async () => {
    const { file } = await officeWithHistory();
    // The encrypted store's key is the chain's secret (docs/security.md "Audit"): nothing else to lose or steal.
    expect(fs.existsSync(auditKeyFile(file))).toBe(false);
    const raw = connectTo(file);
    const key = connectionKey(raw);
    raw.close();
    expect(key).not.toBeNull();
    const other = databaseAuditKey('AAAAAA-BBBBBB-CCCCCC-DDDDDD-EEEEEE-FFFFFF');
    tamper(file, (raw) => {
      const rows = all(raw, qb.selectFrom('audit_log').selectAll().orderBy('seq'));
      let prev = rows[0].prev_hash;
      for (const row of rows) {
        const { hash: _old, ...rest } = { ...row, prev_hash: prev };
        const hash = rowSeal(other, rest);
        runQuery(raw, qb.updateTable('audit_log').set({ prev_hash: prev, hash }).where('seq', '=', row.seq));
        prev = hash;
      }
    });
    expect(verify(file).json.problems).toContainEqual(expect.objectContaining({ seq: 1, problem: 'edited' }));
  });

  it('on a mistyped file says so in one line, exit 2, and creates nothing', () => {
    const dir = tempDir();
    const typo = path.join(dir, 'typo.db');
    const r = cli(['audit', 'verify', '--db', typo]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'not_found', message: `no database at ${typo}` } });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('keeps the head of a database written before the chain was keyed: old rows by SHA-256, new ones sealed', async () => {
    const s = await adminService();
    expect(auditHead(s.store.raw).rows).toBeGreaterThan(0);
    const keyed = all(s.store.raw, qb.selectFrom('audit_chain').select('keyed_from'));
    expect(keyed).toEqual([{ keyed_from: 1 }]);
    await s.store.close();
  });
});
