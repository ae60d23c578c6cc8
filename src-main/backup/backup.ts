/**
 * Backup and restore (issue 4 §6): a consistent copy of the live database taken with
 * `VACUUM INTO` (safe while the app runs: a read transaction sees one snapshot), written as
 * an encrypted package with its manifest to a chosen folder (a USB stick). Restore verifies
 * the package first, refuses a database from a newer app version (migrations this build does
 * not know), checks its integrity, then copies it into the live file through SQLite's backup
 * API (page by page, under SQLite's own locking), and migrates it forward if it is older.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Compilable, type RawBuilder } from 'kysely';
import { all, first, qb, run } from '../db/query';
import { appendAudit } from '../audit/audit';
import { unknownMigrations } from '../db/open';
import { MIGRATIONS } from '../../migrations/index';
import { appError } from '../common/errors';
import { checkPassphrase, openPackage, writePackage, type Manifest } from '../exchange/package';
import { officeOf } from '../exchange/export';
import type { Actor } from '../audit/actor';

export const BACKUP_REMINDER_DAYS = 7;

/** A statement the builder has no words for (VACUUM INTO), run like any query. */
const statement = <T>(q: RawBuilder<T>): Compilable<T> => ({ compile: () => q.compile(qb) });

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

export async function createBackup(
  raw: BetterSqlite3.Database,
  folder: string,
  passphrase: string,
  actor: Actor,
  now: Date,
  appVersion: string,
) {
  if (!passphrase)
    throw appError('passphrase_required', 'A backup is encrypted: choose a passphrase.', '备份须加密，请设置口令。', 'passphrase');
  // Before the copy of the database, which takes seconds on a county.
  checkPassphrase(passphrase);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-backup-'));
  try {
    const copy = path.join(tmp, 'safetynet.db');
    run(raw, statement(sql`VACUUM INTO ${copy}`));
    const migrations = new BetterSqlite3(copy, { readonly: true });
    let applied: string[];
    try {
      // Kysely's own table of the migrations run (not one of the app's tables).
      const q = qb.withTables<{ kysely_migration: { name: string } }>().selectFrom('kysely_migration').select('name').orderBy('name');
      applied = all(migrations, q).map((r) => r.name);
    } finally {
      migrations.close();
    }
    const households =
      first(
        raw,
        qb.selectFrom('households').select((eb) => eb.fn.countAll<number>().as('n')),
      )?.n ?? 0;
    const target = path.join(folder, `safetynet-backup-${stamp(now)}`);
    const manifest = await writePackage(
      target,
      [{ name: 'safetynet.db', path: copy }],
      {
        kind: 'backup',
        office: officeOf(raw),
        createdAt: now.toISOString(),
        createdBy: actor.username,
        appVersion,
        counts: { households, bytes: fs.statSync(copy).size },
        meta: { migrations: applied },
      },
      passphrase,
    );
    const sha = manifest.files[0].sha256;
    raw.transaction(() => {
      run(
        raw,
        qb.insertInto('backups').values({
          folder: target,
          sha256: sha,
          bytes: manifest.files[0].bytes,
          app_version: appVersion,
          created_by: actor.username,
          created_at: now.toISOString(),
        }),
      );
      appendAudit(raw, {
        ...actor,
        action: 'backup',
        entity: 'database',
        entityId: null,
        summary: `encrypted backup to ${target} (sha256 ${sha.slice(0, 12)}…)`,
        after: { target, sha256: sha, households },
        at: now.toISOString(),
      });
    })();
    return { folder: target, sha256: sha, bytes: manifest.files[0].bytes, createdAt: now.toISOString() };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export function backupStatus(raw: BetterSqlite3.Database, now: Date) {
  const last = first(raw, qb.selectFrom('backups').selectAll().orderBy('id', 'desc').limit(1));
  const ageDays = last ? Math.floor((now.getTime() - Date.parse(last.created_at)) / 86_400_000) : null;
  return {
    last: last
      ? {
          folder: last.folder,
          sha256: last.sha256,
          bytes: last.bytes,
          appVersion: last.app_version,
          createdBy: last.created_by,
          createdAt: last.created_at,
        }
      : null,
    ageDays,
    // A week without a backup (or none at all) earns a reminder.
    reminder: ageDays === null || ageDays >= BACKUP_REMINDER_DAYS,
  };
}

/** Verifies and decrypts the package into a temp file; refuses newer or damaged databases. */
export async function verifyBackup(pkg: string, passphrase: string): Promise<{ file: string; manifest: Manifest; cleanup(): void }> {
  const opened = await openPackage(pkg, passphrase);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-restore-'));
  const cleanup = () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    opened.cleanup();
  };
  try {
    if (opened.manifest.kind !== 'backup')
      throw appError('not_a_backup', 'This package is not a database backup.', '该数据包不是数据库备份。', 'package');
    const file = path.join(tmp, 'safetynet.db');
    await opened.extract('safetynet.db', file);
    const db = new BetterSqlite3(file);
    try {
      const newer = unknownMigrations(db);
      if (newer.length)
        throw appError(
          'backup_newer_than_app',
          `This backup was made by a newer version of Safetynet (it has ${newer.join(', ')}); install that version to restore it. Nothing was changed.`,
          `该备份由更新版本的 Safetynet 生成（含 ${newer.join('、')}），请安装该版本后再恢复；数据未作任何改动。`,
          'package',
        );
      const ok: unknown = db.pragma('integrity_check', { simple: true });
      if (ok !== 'ok')
        throw appError(
          'backup_damaged',
          `The database in the backup is damaged: ${String(ok)}.`,
          `备份中的数据库已损坏：${String(ok)}。`,
          'package',
        );
    } finally {
      db.close();
    }
    return { file, manifest: opened.manifest, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/**
 * Restores into the live database file `dbFile` (the app's connection `raw` may be open: the
 * backup API writes under SQLite's locks and open connections see the new content). The
 * restore itself is audited in the restored database.
 */
export async function restoreBackup(
  raw: BetterSqlite3.Database | null,
  dbFile: string,
  pkg: string,
  passphrase: string,
  actor: Actor,
  now: Date,
) {
  const v = await verifyBackup(pkg, passphrase);
  try {
    const src = new BetterSqlite3(v.file, { readonly: true });
    try {
      await src.backup(dbFile);
    } finally {
      src.close();
    }
    const conn = raw ?? new BetterSqlite3(dbFile);
    try {
      appendAudit(conn, {
        ...actor,
        action: 'restore',
        entity: 'database',
        entityId: null,
        summary: `restored from ${pkg} (backup of ${v.manifest.createdAt}, app ${v.manifest.appVersion})`,
        after: { package: pkg, createdAt: v.manifest.createdAt, sha256: v.manifest.files[0].sha256 },
        at: now.toISOString(),
      });
    } finally {
      if (!raw) conn.close();
    }
    const inBackup = v.manifest.meta?.migrations;
    const applied = new Set<unknown>(Array.isArray(inBackup) ? inBackup : []);
    const missing = Object.keys(MIGRATIONS).filter((m) => !applied.has(m));
    return {
      restoredFrom: pkg,
      backupCreatedAt: v.manifest.createdAt,
      appVersion: v.manifest.appVersion,
      needsMigration: missing,
      sha256: v.manifest.files[0].sha256,
    };
  } finally {
    v.cleanup();
  }
}
