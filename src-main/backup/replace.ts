/**
 * What a restore writes (docs/security.md "Restore and the audit log"): the restored database's
 * tables take the place of the live ones inside one transaction on the app's own connection, so
 * the data are encrypted with this computer's key as they are written (a backup made elsewhere is
 * re-keyed on the way), other connections see the new content at their next read, and a crash
 * leaves the old database whole. The live audit rows written after the backup's chain are
 * appended again after the restored chain, marked as carried over; the restore is audited last.
 *
 * SQLite's backup API cannot be used here: it copies pages, and pages of differently keyed files
 * are refused ("incompatible source and target databases").
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit, type AuditHead, type AuditInput, type AuditRow } from '../audit/audit';
import { resealForeignChain, type Resealed } from '../audit/reseal';
import { parseJson } from '../common/json';
import type { AuditAction, AuditEntity } from '../common/audit-labels';

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface SchemaObject {
  type: 'table' | 'index' | 'view' | 'trigger';
  name: string;
  sql: string | null;
}

const objects = (raw: BetterSqlite3.Database, schema: 'main' | 'restored') =>
  raw.prepare(`SELECT type, name, sql FROM ${schema}.sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid`).all() as SchemaObject[];

const hasAuditLog = (raw: BetterSqlite3.Database, schema: 'main' | 'restored') =>
  raw.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE type = 'table' AND name = 'audit_log'`).get() !== undefined;

/** The chain's last entry (none in a database that has no log yet: a new one the command line restores into). */
const lastEntry = (raw: BetterSqlite3.Database, schema: 'main' | 'restored') =>
  hasAuditLog(raw, schema)
    ? (raw.prepare(`SELECT seq, hash FROM ${schema}.audit_log ORDER BY seq DESC LIMIT 1`).get() as
        { seq: number; hash: string } | undefined)
    : undefined;

const hashAt = (raw: BetterSqlite3.Database, schema: 'main' | 'restored', seq: number) =>
  (raw.prepare(`SELECT hash FROM ${schema}.audit_log WHERE seq = ?`).get(seq) as { hash: string } | undefined)?.hash;

/**
 * The live audit rows the restored chain does not have: those after the point where both chains
 * still agree (the backup's head, when this database grew from it), or all of them when the
 * backup comes from another history (another computer, or an older restore).
 */
function laterAuditRows(raw: BetterSqlite3.Database): { rows: AuditRow[]; sameHistory: boolean } {
  const live = lastEntry(raw, 'main');
  if (!live) return { rows: [], sameHistory: true };
  const restoredHead = lastEntry(raw, 'restored');
  const at = Math.min(live.seq, restoredHead?.seq ?? 0);
  const sameHistory = at === 0 ? !restoredHead : hashAt(raw, 'main', at) === hashAt(raw, 'restored', at);
  const from = sameHistory ? at : 0;
  const rows = raw.prepare('SELECT * FROM main.audit_log WHERE seq > ? ORDER BY seq').all(from) as AuditRow[];
  return { rows, sameHistory };
}

export interface Replaced {
  carriedOver: number;
  /** The first and last seq the carried rows had before the restore. */
  carriedSeq: [number, number] | null;
  sameHistory: boolean;
  /** The restored chain's head before anything was appended to it. */
  restoredHead: { rows: number; hash: string };
  /** The backup's sealed rows re-sealed under this computer's key (made on another computer: ./reseal.ts), or null. */
  resealed: Resealed | null;
}

/**
 * Replaces every table of the live database with the restored file's (`key`: its key, null for a
 * plain one), then appends the carried-over audit rows and the entry `restoreEntry` describes.
 */
export function replaceDatabase(
  raw: BetterSqlite3.Database,
  file: string,
  key: string | null,
  restoreEntry: (r: Replaced) => AuditInput,
  backupHead: AuditHead | null = null,
): Replaced {
  // Foreign keys cannot be switched inside a transaction; the copy is of one consistent snapshot, checked at the end.
  raw.pragma('foreign_keys = OFF');
  raw.prepare('ATTACH DATABASE ? AS restored KEY ?').run(file, key ?? '');
  try {
    return raw
      .transaction(() => {
        const later = laterAuditRows(raw);
        const before = objects(raw, 'main');
        for (const o of before.filter((x) => x.type === 'view')) raw.exec(`DROP VIEW main.${q(o.name)}`);
        for (const o of before.filter((x) => x.type === 'table')) raw.exec(`DROP TABLE main.${q(o.name)}`);
        const incoming = objects(raw, 'restored');
        const tables = incoming.filter((o) => o.type === 'table' && o.sql);
        for (const t of tables) raw.exec(t.sql!);
        for (const t of tables) raw.exec(`INSERT INTO main.${q(t.name)} SELECT * FROM restored.${q(t.name)}`);
        const seqTable = raw.prepare(`SELECT 1 FROM restored.sqlite_master WHERE name = 'sqlite_sequence'`).get();
        if (seqTable) {
          raw.exec('DELETE FROM main.sqlite_sequence');
          raw.exec('INSERT INTO main.sqlite_sequence SELECT * FROM restored.sqlite_sequence');
        }
        // Before the append-only triggers exist: a chain sealed on another computer is re-sealed under this one's key.
        const resealed = resealForeignChain(raw, backupHead);
        // Indexes are built once the rows are in, and the triggers come last so that copying fires none of them.
        for (const type of ['index', 'view', 'trigger'] as const)
          for (const o of incoming.filter((x) => x.type === type && x.sql)) raw.exec(o.sql!);
        const head = lastEntry(raw, 'main');
        const result: Replaced = {
          carriedOver: later.rows.length,
          carriedSeq: later.rows.length ? [later.rows[0].seq, later.rows[later.rows.length - 1].seq] : null,
          sameHistory: later.sameHistory,
          restoredHead: { rows: head?.seq ?? 0, hash: head?.hash ?? '' },
          resealed,
        };
        for (const r of later.rows) appendAudit(raw, carried(r, later.sameHistory));
        appendAudit(raw, restoreEntry(result));
        const broken = raw.pragma('main.foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`the restored database breaks ${broken.length} foreign key(s)`);
        return result;
      })
      .immediate();
  } finally {
    raw.exec('DETACH DATABASE restored');
    raw.pragma('foreign_keys = ON');
  }
}

/** A live row appended again after the restored chain: the same entry, saying where it came from. */
function carried(r: AuditRow, sameHistory: boolean): AuditInput {
  const origin = sameHistory ? 'written after the backup' : 'from the history this restore replaced';
  return {
    userId: r.user_id,
    username: r.username,
    // A row of this chain or of a backup's: written by these same typed writers.
    action: r.action as AuditAction,
    entity: r.entity as AuditEntity,
    entityId: r.entity_id,
    summary: `[carried over at restore: #${r.seq} ${origin}, hash ${r.hash.slice(0, 12)}…] ${r.summary ?? ''}`.trimEnd(),
    before: r.before_json === null ? null : parseJson(r.before_json),
    after: r.after_json === null ? null : parseJson(r.after_json),
    at: r.at,
  };
}
