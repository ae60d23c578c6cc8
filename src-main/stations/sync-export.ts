/**
 * The next package for a station (docs/rules/workstations.md "Packages"). Upward (township → county):
 * the households written here since they were last sent — new applications and changes, each with
 * the county version it was based on. Downward (county → township): the acknowledgement of the last
 * upward package, the township's households whose version it has not been sent, the decisions on
 * them, and the parameters (in force and future). Sequence numbers run per (sender, recipient), each
 * package naming the hash of the one before.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appError } from '../common/errors';
import { all, first, qb, run } from '../db/query';
import { streamHouseholds } from '../registry/stream';
import { exportCases } from './cases';
import { parameterRecords, recordPackage } from './enrol';
import { mustBeStation, packagePassphrase, peerSecret } from './identity';
import { RecordWriter, writeStationPackage, type StationMeta } from './packages';
import { townshipHouseholds } from './slice';

export interface ExportResult {
  recipient: string;
  sequence: number;
  kind: 'up' | 'down';
  hash: string;
  counts: Record<string, number>;
}

function lastPackage(raw: BetterSqlite3.Database, direction: 'in' | 'out', peer: string) {
  return first(
    raw,
    qb
      .selectFrom('station_packages')
      .select(['seq', 'hash'])
      .where('direction', '=', direction)
      .where('peer', '=', peer)
      .orderBy('seq', 'desc')
      .limit(1),
  );
}
export { lastPackage };

/** The township's households not yet sent up: new applications (never synced) and local edits since the last sync. */
function pendingUp(raw: BetterSqlite3.Database) {
  return all(
    raw,
    qb
      .selectFrom('households')
      .select(['id', 'gid', 'version', 'county_version'])
      .where((eb) => eb.or([eb('synced_version', 'is', null), eb('synced_version', '!=', eb.ref('version'))]))
      .orderBy('id'),
  );
}
export { pendingUp };

export async function exportPackage(raw: BetterSqlite3.Database, to: string, dir: string, actor: Actor, now: Date): Promise<ExportResult> {
  const self = mustBeStation(raw);
  const recipient = self.level === 'township' ? self.countyStationId! : to; // a township's county is written when it joins
  if (self.level === 'township' && to !== 'county' && to !== recipient)
    throw appError(
      'station_unknown',
      `A township station sends its packages to its county (${recipient}).`,
      `乡镇工作站只向其县级工作站（${recipient}）发送数据包。`,
      'to',
    );
  const peer = first(raw, qb.selectFrom('stations').selectAll().where('station_id', '=', recipient));
  if (!peer) throw appError('station_not_enrolled', `Station ${recipient} is not enrolled here.`, `工作站 ${recipient} 未在此注册。`, 'to');
  const prev = lastPackage(raw, 'out', recipient);
  const seq = (prev?.seq ?? 0) + 1; // 0 is the enrolment package (county → township); sync packages count from 1
  const ackIn = lastPackage(raw, 'in', recipient);
  const out = new RecordWriter();
  try {
    out.add('ack', { seq: ackIn?.seq ?? null, hash: ackIn?.hash ?? null });
    let after: () => void;
    if (self.level === 'township') {
      const pending = pendingUp(raw);
      const byId = new Map(pending.map((p) => [p.id, p]));
      // Closed households are not in the packed stream; a township closes none (the county does), so none is missed.
      if (pending.length)
        for (const h of streamHouseholds(raw, { fromId: pending[0].id, toId: pending[pending.length - 1].id })) {
          const p = byId.get(h.id);
          if (p) out.add('household', { gid: p.gid, version: p.version, base: p.county_version, station: self.stationId, data: h.data });
        }
      const casesSent = exportCases(raw, out, self, peer);
      after = () => {
        const mark = raw.prepare('UPDATE households SET synced_version = ? WHERE id = ?');
        for (const p of pending) mark.run(p.version, p.id);
        casesSent();
      };
    } else {
      const sentTo = new Map(
        raw.prepare<[string], [string, number]>('SELECT gid, version FROM station_sent WHERE peer = ?').raw(true).all(recipient),
      );
      // A household with an open conflict from this township waits for its resolution (docs/rules/workstations.md "Conflicts").
      const held = new Set(
        all(
          raw,
          qb.selectFrom('station_conflicts').select('household_gid').where('station', '=', recipient).where('status', '=', 'open'),
        ).map((c) => c.household_gid),
      );
      const sent: [string, number][] = [];
      for (const h of townshipHouseholds(raw, peer.township ?? '', (gid, v) => sentTo.get(gid) !== v && !held.has(gid))) {
        out.add('household', { gid: h.gid, version: h.version, station: h.station, data: h.data });
        sent.push([h.gid, h.version]);
      }
      const decisions = all(
        raw,
        qb
          .selectFrom('determination_decisions as dd')
          .innerJoin('determinations as d', 'd.id', 'dd.determination_id')
          .innerJoin('households as h', 'h.id', 'd.household_id')
          .innerJoin('areas as v', 'v.id', 'h.area_id')
          .innerJoin('areas as t', 't.id', 'v.parent_id')
          .innerJoin('users as p', 'p.id', 'd.proposed_by')
          .innerJoin('users as u', 'u.id', 'dd.decided_by')
          .select([
            'dd.id',
            'd.id as determinationId',
            'h.gid',
            'd.tier',
            'd.monthly_benefit_fen',
            'dd.decision',
            'dd.reason',
            'dd.effective_month',
            'dd.decided_at',
          ])
          .select(['p.username as proposedBy', 'u.username as decidedBy'])
          .where('t.name', '=', peer.township ?? '')
          .where('dd.id', '>', peer.sent_decision_id)
          .orderBy('dd.id'),
      );
      for (const d of decisions)
        out.add('decision', {
          gid: `${self.stationId}:d${d.determinationId}`,
          householdGid: d.gid,
          tier: d.tier,
          monthlyBenefitFen: d.monthly_benefit_fen,
          decision: d.decision,
          reason: d.reason,
          effectiveMonth: d.effective_month,
          proposedBy: d.proposedBy,
          decidedBy: d.decidedBy,
          decidedAt: d.decided_at,
        });
      const casesSent = exportCases(raw, out, self, peer);
      parameterRecords(raw, out);
      after = () => {
        casesSent();
        // hot path: bench/stations.ts export — one row per household sent.
        const mark = raw.prepare('INSERT OR REPLACE INTO station_sent (peer, gid, version) VALUES (?, ?, ?)');
        for (const [gid, v] of sent) mark.run(recipient, gid, v);
        const lastDecision = decisions.at(-1)?.id;
        if (lastDecision) run(raw, qb.updateTable('stations').set({ sent_decision_id: lastDecision }).where('station_id', '=', recipient));
      };
    }
    const kind = self.level === 'township' ? 'up' : 'down';
    const meta: StationMeta = { sender: self.stationId, recipient, seq, prev: prev?.hash ?? null, kind };
    const key = packagePassphrase(peerSecret(raw, recipient), self.stationId, recipient, seq);
    const { hash } = await writeStationPackage(raw, dir, out, meta, key, actor.username, now);
    raw.transaction(() => {
      after();
      recordPackage(raw, 'out', recipient, seq, kind, hash, out.counts, actor.username, now);
      appendAudit(raw, {
        ...actor,
        at: now.toISOString(),
        action: 'station_export',
        entity: 'station',
        entityId: recipient,
        summary: `package ${seq} (${kind}) to ${recipient}: ${Object.entries(out.counts)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}`,
        after: { sequence: seq, hash, counts: out.counts },
      });
    })();
    return { recipient, sequence: seq, kind, hash, counts: out.counts };
  } finally {
    out.dispose();
  }
}
