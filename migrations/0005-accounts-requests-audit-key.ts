/**
 * Accounts, the two-person rule and the keyed audit chain (docs/security.md):
 * - `users` gains the auditor role (a CHECK constraint: SQLite rebuilds the table for that),
 *   the forced password change, and the lockout counters;
 * - `audit_chain` records from which row the chain is keyed (HMAC): rows written before this
 *   migration keep their SHA-256 links and are checked as such, every later row by its HMAC;
 * - `requests` and `request_decisions`: what one person asks and a second confirms, both append-only.
 */
import { sql, type Kysely } from 'kysely';

export const USERS_WITH_AUDITOR = `CREATE TABLE users (
      id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('clerk','manager','administrator','auditor')), password_hash TEXT NOT NULL,
      active INTEGER DEFAULT 1 NOT NULL, created_at TEXT NOT NULL, must_change_password INTEGER DEFAULT 0 NOT NULL,
      password_changed_at TEXT, failed_logins INTEGER DEFAULT 0 NOT NULL, locked_until TEXT
    )`;

const STEPS: readonly string[] = [
  USERS_WITH_AUDITOR.replace('CREATE TABLE users (', 'CREATE TABLE users_next ('),
  `INSERT INTO users_next (id, username, display_name, role, password_hash, active, created_at)
      SELECT id, username, display_name, role, password_hash, active, created_at FROM users`,
  `DROP TABLE users`,
  `ALTER TABLE users_next RENAME TO users`,
  `CREATE TABLE audit_chain (id INTEGER PRIMARY KEY CHECK (id = 1), keyed_from INTEGER NOT NULL, created_at TEXT NOT NULL)`,
  `INSERT INTO audit_chain (id, keyed_from, created_at)
      SELECT 1, COALESCE(MAX(seq), 0) + 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM audit_log`,
  `CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain BEGIN SELECT RAISE(ABORT, 'audit_chain is fixed'); END`,
  `CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain BEGIN SELECT RAISE(ABORT, 'audit_chain is fixed'); END`,
  `CREATE TABLE requests (
      id INTEGER PRIMARY KEY, kind TEXT NOT NULL, payload_json TEXT NOT NULL, asked_by INTEGER NOT NULL REFERENCES users (id),
      asked_at TEXT NOT NULL, note TEXT
    )`,
  `CREATE TABLE request_decisions (
      request_id INTEGER PRIMARY KEY REFERENCES requests (id),
      outcome TEXT NOT NULL CHECK (outcome IN ('confirmed','refused','withdrawn')), decided_by INTEGER NOT NULL REFERENCES users (id),
      decided_at TEXT NOT NULL, reason TEXT, result_json TEXT
    )`,
  `CREATE TRIGGER requests_no_update BEFORE UPDATE ON requests BEGIN SELECT RAISE(ABORT, 'requests are append-only'); END`,
  `CREATE TRIGGER requests_no_delete BEFORE DELETE ON requests BEGIN SELECT RAISE(ABORT, 'requests are append-only'); END`,
  `CREATE TRIGGER request_decisions_no_update BEFORE UPDATE ON request_decisions BEGIN SELECT RAISE(ABORT,
      'request decisions are append-only'); END`,
  `CREATE TRIGGER request_decisions_no_delete BEFORE DELETE ON request_decisions BEGIN SELECT RAISE(ABORT,
      'request decisions are append-only'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // Rebuilding `users` drops the table others refer to: foreign keys are off for the step (a no-op inside a
  // transaction, so before it) and checked before the commit (https://sqlite.org/lang_altertable.html#otheralter).
  await sql.raw('PRAGMA foreign_keys = OFF').execute(db);
  await sql.raw('BEGIN IMMEDIATE').execute(db);
  try {
    for (const s of STEPS) await sql.raw(s).execute(db);
    const broken = await sql.raw('PRAGMA foreign_key_check').execute(db);
    if (broken.rows.length > 0) throw new Error(`foreign keys broken by the users rebuild: ${JSON.stringify(broken.rows[0])}`);
    await sql.raw('COMMIT').execute(db);
  } catch (e) {
    await sql.raw('ROLLBACK').execute(db);
    throw e;
  } finally {
    await sql.raw('PRAGMA foreign_keys = ON').execute(db);
  }
}
