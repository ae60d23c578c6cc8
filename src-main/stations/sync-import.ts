/**
 * Importing a package from another station (docs/rules/workstations.md "Packages", "Conflicts"):
 * verified first (addresses, key, every file), then its place in the sequence — already imported
 * (same hash: nothing changes), a gap (refused naming the missing numbers), older (refused) — then
 * applied in one transaction with its audit entry, so a kill at any moment leaves the database as
 * it was and a re-run completes.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { AppError, appError } from '../common/errors';
import { first, qb } from '../db/query';
import { recordPackage } from './enrol';
import { mustBeStation, packagePassphrase, peerSecret, type StationSelf } from './identity';
import { openStationPackage, type OpenedStationPackage } from './packages';
import { applyDown, applyUp, type Applied } from './apply';
import { lastPackage } from './sync-export';

export interface ImportSummary {
  package: string;
  sender: string;
  recipient: string;
  sequence: number;
  kind: 'up' | 'down';
  status: 'applied' | 'already_imported';
  applied: Record<string, number>;
  conflicts: number;
  conflictIds: number[];
  reviews: number;
}

export class OutOfOrder extends AppError {
  constructor(
    readonly missing: number[],
    en: string,
    zh: string,
  ) {
    super('package_out_of_order', { en, zh }, 'package');
  }
}

/** Opens and verifies: refuses a package for another station, from a station not enrolled here, or altered anywhere. */
export async function verifyStationPackage(
  raw: BetterSqlite3.Database,
  target: string,
): Promise<{ self: StationSelf; pkg: OpenedStationPackage }> {
  const self = mustBeStation(raw);
  const pkg = await openStationPackage(target, (meta) => {
    if (meta.kind === 'enrol')
      throw appError('package_kind', 'This is an enrolment package: join from it instead.', '这是注册数据包，请用它加入。', 'package');
    if (meta.recipient !== self.stationId)
      throw appError(
        'package_not_for_this_station',
        `This package is addressed to station ${meta.recipient}, not to this one (${self.stationId}).`,
        `该数据包的收件工作站是 ${meta.recipient}，不是本工作站（${self.stationId}）。`,
        'package',
      );
    return packagePassphrase(peerSecret(raw, meta.sender), meta.sender, meta.recipient, meta.seq);
  });
  return { self, pkg };
}

function checkOrder(raw: BetterSqlite3.Database, pkg: OpenedStationPackage): 'apply' | 'already_imported' {
  const { sender, seq, prev } = pkg.meta;
  const same = first(
    raw,
    qb.selectFrom('station_packages').select('hash').where('direction', '=', 'in').where('peer', '=', sender).where('seq', '=', seq),
  );
  if (same) {
    if (same.hash === pkg.hash) return 'already_imported';
    throw new OutOfOrder(
      [],
      `Package ${seq} from ${sender} was already imported in another form: this one is older or a copy.`,
      `来自 ${sender} 的第 ${seq} 号数据包已以另一版本导入：此包为旧包或副本。`,
    );
  }
  const last = lastPackage(raw, 'in', sender);
  const next = (last?.seq ?? 0) + 1;
  if (seq < next)
    throw new OutOfOrder(
      [],
      `Package ${seq} from ${sender} is older than the last one imported (${last?.seq}).`,
      `来自 ${sender} 的第 ${seq} 号数据包早于已导入的第 ${last?.seq} 号。`,
    );
  if (seq > next) {
    const missing = Array.from({ length: seq - next }, (_, i) => next + i);
    throw new OutOfOrder(
      missing,
      `Package ${seq} from ${sender} cannot be imported before ${missing.join(', ')}.`,
      `来自 ${sender} 的第 ${seq} 号数据包须在第 ${missing.join('、')} 号之后导入。`,
    );
  }
  if ((last?.hash ?? null) !== prev)
    throw appError(
      'package_tampered',
      `Package ${seq} does not follow the package ${next - 1} imported here.`,
      `第 ${seq} 号数据包与此处导入的第 ${next - 1} 号不相接。`,
      'package',
    );
  return 'apply';
}

/** Carries a dry run's summary out of the transaction it rolls back. */
class DryRun {
  constructor(readonly summary: ImportSummary) {}
}

/**
 * Verifies, then applies in one transaction with its audit entry. `preview` applies the same way and
 * rolls back: the summary says exactly what the import would change (the Exchange wizard's preview step).
 */
export async function importPackage(
  raw: BetterSqlite3.Database,
  target: string,
  actor: Actor,
  now: Date,
  preview = false,
): Promise<ImportSummary> {
  const { self, pkg } = await verifyStationPackage(raw, target);
  try {
    const m = pkg.meta;
    const kind = m.kind === 'up' ? 'up' : 'down';
    const base = { package: pkg.hash, sender: m.sender, recipient: m.recipient, sequence: m.seq, kind } as const;
    if (kind === 'up' && self.level !== 'county')
      throw appError('station_level', 'Only the county imports a township’s package.', '只有县级工作站导入乡镇的数据包。', 'package');
    if (kind === 'down' && self.level !== 'township')
      throw appError('station_level', 'Only a township imports the county’s package.', '只有乡镇工作站导入县级的数据包。', 'package');
    const apply = raw.transaction((): ImportSummary => {
      // Checked inside the transaction: two imports of the same package cannot both pass.
      if (checkOrder(raw, pkg) === 'already_imported')
        return { ...base, status: 'already_imported', applied: {}, conflicts: 0, conflictIds: [], reviews: 0 };
      const a: Applied = kind === 'up' ? applyUp(raw, pkg, actor, now) : applyDown(raw, pkg, actor, now);
      recordPackage(raw, 'in', m.sender, m.seq, kind, pkg.hash, a.applied, actor.username, now);
      appendAudit(raw, {
        ...actor,
        at: now.toISOString(),
        action: 'station_import',
        entity: 'station',
        entityId: m.sender,
        summary: `package ${m.seq} (${kind}) from ${m.sender}: ${
          Object.entries(a.applied)
            .map(([k, n]) => `${n} ${k}`)
            .join(', ') || 'nothing'
        }; ${a.conflictIds.length} conflicts`,
        after: {
          sequence: m.seq,
          hash: pkg.hash,
          applied: a.applied,
          conflicts: a.conflictIds,
          senderAuditHead: pkg.manifest.meta?.auditHead ?? null,
        },
      });
      const summary: ImportSummary = {
        ...base,
        status: 'applied',
        applied: a.applied,
        conflicts: a.conflictIds.length,
        conflictIds: a.conflictIds,
        reviews: a.reviews,
      };
      if (preview) throw new DryRun(summary);
      return summary;
    });
    try {
      return apply();
    } catch (e) {
      if (e instanceof DryRun) return { ...e.summary, conflictIds: [] };
      throw e;
    }
  } finally {
    pkg.cleanup();
  }
}
