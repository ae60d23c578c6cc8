/**
 * Backup and restore (issue 4 §6; docs/security.md "Backups"): a consistent copy of the live
 * database taken with `VACUUM INTO` (safe while the app runs: a read transaction sees one
 * snapshot), re-keyed to the backup's passphrase — so it opens on any computer with that
 * passphrase and never with this computer's key — and written as an encrypted package with its
 * manifest (and the audit chain's head) to a chosen folder (a USB stick). Restore verifies the
 * package first, refuses a database from a newer app version (migrations this build does not
 * know), checks its integrity, then replaces the live tables with the backup's on the app's own
 * connection (./replace.ts: re-keyed to this computer's key, later audit rows kept), and
 * migrates it forward if it is older.
 */
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { sql, type Compilable, type RawBuilder } from 'kysely';
import { all, first, qb, run } from '../db/query';
import { anchorAuditHead, appendAudit, auditHead, keyedFrom } from '../audit/audit';
import { supersedeAnchors } from '../audit/anchors';
import { unknownMigrations } from '../db/open';
import { connectionKey, openConnection } from '../db/connection';
import { fileState } from '../db/encrypt';
import { makeTempDir } from '../shared/temp-files';
import { openEncryptedStore } from '../security/store';
import { replaceDatabase } from './replace';
import { checkChainConsistent } from '../audit/reseal';
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
  const tmp = makeTempDir('backup');
  try {
    const copy = path.join(tmp, 'safetynet.db');
    run(raw, statement(sql`VACUUM INTO ${copy}`));
    // The copy is what the backup holds: its migrations, households and audit head, one snapshot.
    const snap = sealCopy(copy, connectionKey(raw), passphrase);
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
        counts: { households: snap.households, bytes: fs.statSync(copy).size },
        meta: { migrations: snap.migrations, auditHead: snap.auditHead },
      },
      passphrase,
    );
    userOnlyTree(target);
    const households = snap.households;
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
    // The live head, the backup's own row included, noted beside the database: a later restore of an older state shows against it.
    anchorAuditHead(raw, `backup ${path.basename(target)}`, now);
    return { folder: target, sha256: sha, bytes: manifest.files[0].bytes, createdAt: now.toISOString() };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Re-keys the backup's copy (made with this computer's key, or none on a plaintext store) to the
 * backup's passphrase and reads what the manifest says of it. The package encrypts it once more
 * with the same passphrase; the inner key is what lets the restored file be opened, on any computer.
 */
function sealCopy(copy: string, liveKey: string | null, passphrase: string) {
  if (process.platform !== 'win32') fs.chmodSync(copy, 0o600);
  const c = openConnection(copy, liveKey, { fileMustExist: true });
  try {
    // SQLite3 Multiple Ciphers re-keys only outside WAL mode.
    c.pragma('journal_mode = DELETE');
    c.rekey(Buffer.from(passphrase, 'utf8'));
    // Kysely's own table of the migrations run (not one of the app's tables).
    const q = qb.withTables<{ kysely_migration: { name: string } }>().selectFrom('kysely_migration').select('name').orderBy('name');
    const migrations = all(c, q).map((r) => r.name);
    const households =
      first(
        c,
        qb.selectFrom('households').select((eb) => eb.fn.countAll<number>().as('n')),
      )?.n ?? 0;
    return { migrations, households, auditHead: auditHead(c) };
  } finally {
    c.close();
  }
}

/** The package folder and its files user-only (the process umask does it too; explicit here, docs/security.md). */
function userOnlyTree(dir: string): void {
  if (process.platform === 'win32') return;
  fs.chmodSync(dir, 0o700);
  for (const f of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, f), 0o600);
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

/**
 * Verifies and decrypts the package into a temporary file (still encrypted by its own key: the
 * passphrase, or none for a backup made before encryption); refuses newer or damaged databases.
 */
export async function verifyBackup(
  pkg: string,
  passphrase: string,
): Promise<{ file: string; key: string | null; manifest: Manifest; cleanup(): void }> {
  const opened = await openPackage(pkg, passphrase);
  const tmp = makeTempDir('restore');
  const cleanup = () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    opened.cleanup();
  };
  try {
    if (opened.manifest.kind !== 'backup')
      throw appError('not_a_backup', 'This package is not a database backup.', '该数据包不是数据库备份。', 'package');
    const file = path.join(tmp, 'safetynet.db');
    await opened.extract('safetynet.db', file);
    const key = fileState(file) === 'plain' ? null : passphrase;
    let db: BetterSqlite3.Database;
    try {
      db = openConnection(file, key, { readonly: true, fileMustExist: true });
    } catch {
      throw damaged("it cannot be opened with the backup's passphrase", '无法用备份口令打开');
    }
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
      if (ok !== 'ok') throw damaged(String(ok), String(ok));
      // The manifest (authenticated by the passphrase) anchors the audit chain the backup holds.
      const said = opened.manifest.meta?.auditHead;
      const head = auditHead(db);
      if (said && (said.rows !== head.rows || said.hash !== head.hash))
        throw damaged(
          `its audit log ends at ${head.short}, its manifest says ${said.short}`,
          `其审计日志止于 ${head.short}，清单记载为 ${said.short}`,
        );
      // Every row present and linked to the one before: what a restore on another computer re-seals (./reseal.ts).
      checkChainConsistent(db, 'main', null);
    } finally {
      db.close();
    }
    return { file, key, manifest: opened.manifest, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

const damaged = (en: string, zh: string) =>
  appError('backup_damaged', `The database in the backup is damaged: ${en}.`, `备份中的数据库已损坏：${zh}。`, 'package');

/**
 * Restores into the live database: the app's connection `raw`, or (the command line) the file
 * `dbFile` opened with this computer's key — made, if there is none yet. The later audit rows
 * are kept and the restore is audited in the restored database (./replace.ts).
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
  const own = raw ? null : await openEncryptedStore(dbFile, { migrate: false });
  try {
    const r = replaceDatabase(
      raw ?? own!.raw,
      v.file,
      v.key,
      (x) => ({
        ...actor,
        action: 'restore',
        entity: 'database',
        entityId: null,
        summary:
          `restored from ${pkg} (backup of ${v.manifest.createdAt}, app ${v.manifest.appVersion}); ` +
          `${x.carriedOver} later audit entr${x.carriedOver === 1 ? 'y' : 'ies'} carried over` +
          // Printed heads of the backup stay traceable to this entry (docs/security.md "Audit").
          (x.resealed
            ? `; chain re-sealed: rows ${x.resealed.from}..${x.resealed.through} under this computer's key; the backup's head ${x.resealed.backupHead}`
            : ''),
        after: {
          package: pkg,
          createdAt: v.manifest.createdAt,
          sha256: v.manifest.files[0].sha256,
          restoredHead: x.restoredHead,
          carriedOver: x.carriedOver,
          carriedSeq: x.carriedSeq,
          sameHistory: x.sameHistory,
          resealed: x.resealed,
        },
        at: now.toISOString(),
      }),
      v.manifest.meta?.auditHead ?? null,
    );
    // Heads anchored for rows the restore carried over name their old seals: that part of the log is set aside.
    const live = raw ?? own!.raw;
    const head = auditHead(live);
    const from = keyedFrom(live);
    const hashAt = live.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck();
    supersedeAnchors(dbFile, (a) => a.keyedFrom === from && hashAt.get(a.rows) === a.hash, {
      at: now.toISOString(),
      rows: head.rows,
      hash: head.hash,
      keyedFrom: from,
      where: `restore from ${path.basename(pkg)}`,
    });
    const inBackup = v.manifest.meta?.migrations;
    const applied = new Set<unknown>(Array.isArray(inBackup) ? inBackup : []);
    const missing = Object.keys(MIGRATIONS).filter((m) => !applied.has(m));
    return {
      restoredFrom: pkg,
      backupCreatedAt: v.manifest.createdAt,
      appVersion: v.manifest.appVersion,
      needsMigration: missing,
      sha256: v.manifest.files[0].sha256,
      carriedOver: r.carriedOver,
    };
  } finally {
    await own?.close();
    v.cleanup();
  }
}
