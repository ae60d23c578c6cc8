/**
 * migrations/0005: the accounts gain the auditor role and the sign-in columns (the users table
 * rebuilt, every reference to it kept), the chain is keyed from the next row, requests arrive.
 */
import { describe, expect, it } from 'vitest';
import { migrationStep } from '../db/step';
import { rowHash, GENESIS_HASH } from '../../../src-main/audit/audit';
import { verifyAudit } from '../../../src-main/audit/verify';

describe('0005-accounts-requests-audit-key', () => {
  it('keeps accounts, sessions and their references, and keys the chain from the row after the last one', async () => {
    const step = await migrationStep('0005-accounts-requests-audit-key');
    expect(step.before).toBe('0004-recovery');
    const raw = step.raw;
    raw
      .prepare(`INSERT INTO users (id, username, display_name, role, password_hash, active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)`)
      .run(7, 'old', '老账号', 'manager', 'scrypt$16384$8$1$c2FsdA==$a2V5', '2026-01-01T00:00:00Z');
    raw.prepare(`INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ('t', 7, 'x', 'x')`).run();
    // Two rows written with the unkeyed chain.
    let prev = GENESIS_HASH;
    for (const seq of [1, 2]) {
      const row = {
        seq,
        at: '2026-01-01',
        user_id: 7,
        username: 'old',
        action: 'x',
        entity: 'y',
        entity_id: null,
        summary: null,
        before_json: null,
        after_json: null,
        prev_hash: prev,
      };
      const hash = rowHash(row);
      raw
        .prepare(
          `INSERT INTO audit_log VALUES (@seq, @at, @user_id, @username, @action, @entity, @entity_id, @summary, @before_json, @after_json, @prev_hash, @hash)`,
        )
        .run({ ...row, hash });
      prev = hash;
    }
    await step.migrate();
    expect(raw.prepare(`SELECT id, username, role, must_change_password, failed_logins, locked_until FROM users`).all()).toEqual([
      { id: 7, username: 'old', role: 'manager', must_change_password: 0, failed_logins: 0, locked_until: null },
    ]);
    expect(raw.prepare(`SELECT user_id FROM sessions`).all()).toEqual([{ user_id: 7 }]);
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    // The auditor role is allowed now; an unknown one still is not.
    raw.prepare(`INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES ('a', 'a', 'auditor', 'h', 'x')`).run();
    expect(() =>
      raw.prepare(`INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES ('b', 'b', 'root', 'h', 'x')`).run(),
    ).toThrow(/CHECK/);
    expect(raw.prepare(`SELECT keyed_from FROM audit_chain`).all()).toEqual([{ keyed_from: 3 }]);
    expect(() => raw.prepare(`UPDATE audit_chain SET keyed_from = 99`).run()).toThrow(/fixed/);
    // The rows before keep their SHA-256 links and verify as such.
    expect(verifyAudit(raw, { dbFile: ':memory:' })).toMatchObject({ ok: true, rows: 2, keyedFrom: 3 });
    expect(() => raw.prepare(`DELETE FROM requests`).run()).not.toThrow();
    await step.close();
  });
});
