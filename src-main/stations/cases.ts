/**
 * Applications and their stages in station packages (docs/stations.md "Cases in packages"; docs/rules/workstations.md
 * "Who owns what"). Upward, a township sends the cases it received and the stages it recorded; downward, the county sends
 * the stages it recorded (checks, decisions, extensions, its own home visits …) on that township's cases, and the cases it
 * opened there. Each row travels once per peer (the station's `sent_case_id` / `sent_case_event_id`), keyed by its global id,
 * so an import adds it at most once. A case names its household by global id; one whose household is held by an open
 * conflict waits (`station_waiting`) and is placed by a later import; one whose household is simply unknown refuses the
 * whole package, naming it.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appError } from '../common/errors';
import { all, first, qb, run } from '../db/query';
import type { CaseEventKind } from '../db/schema';
import type { StationSelf } from './identity';
import type { RecordWriter } from './packages';

interface Peer {
  station_id: string;
  township: string | null;
  sent_case_id: number;
  sent_case_event_id: number;
}

/**
 * Writes the cases and stages not yet sent to `peer`; answers what marks them sent, to run in the export's transaction.
 * At a township: those made here. At the county: those of the peer's township not made at the peer.
 */
export function exportCases(raw: BetterSqlite3.Database, out: RecordWriter, self: StationSelf, peer: Peer): () => void {
  const up = self.level === 'township';
  const townshipId = up
    ? null
    : (first(
        raw,
        qb
          .selectFrom('areas')
          .select('id')
          .where('level', '=', 'township')
          .where('name', '=', peer.township ?? ''),
      )?.id ?? -1);
  let cq = qb
    .selectFrom('cases as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .select([
      'c.id',
      'c.gid',
      'h.gid as householdGid',
      'c.tier_applied',
      'c.received_on',
      'c.relative_of_staff',
      'c.relative_note',
      'c.station',
      'c.level',
      'c.recorded_by',
      'c.recorded_at',
    ])
    .where('c.id', '>', peer.sent_case_id);
  cq = up
    ? cq.where('c.station', '=', self.stationId)
    : cq.where('c.township_id', '=', townshipId).where('c.station', '!=', peer.station_id);
  const cases = all(raw, cq.orderBy('c.id'));
  for (const c of cases)
    out.add('case', {
      gid: c.gid,
      householdGid: c.householdGid,
      tierApplied: c.tier_applied,
      receivedOn: c.received_on,
      relativeOfStaff: c.relative_of_staff === 1,
      relativeNote: c.relative_note,
      station: c.station,
      level: c.level,
      recordedBy: c.recorded_by,
      recordedAt: c.recorded_at,
    });
  let eq = qb
    .selectFrom('case_events as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .select([
      'e.id',
      'e.gid',
      'c.gid as caseGid',
      'e.kind',
      'e.on_date',
      'e.level',
      'e.station',
      'e.detail_json',
      'e.recorded_by',
      'e.recorded_at',
    ])
    .where('e.id', '>', peer.sent_case_event_id);
  eq = up
    ? eq.where('e.station', '=', self.stationId)
    : eq.where('c.township_id', '=', townshipId).where('e.station', '!=', peer.station_id);
  const events = all(raw, eq.orderBy('e.id'));
  for (const e of events)
    out.add('case_event', {
      gid: e.gid,
      caseGid: e.caseGid,
      kind: e.kind,
      onDate: e.on_date,
      level: e.level,
      station: e.station,
      detail: e.detail_json,
      recordedBy: e.recorded_by,
      recordedAt: e.recorded_at,
    });
  return () => {
    const lastCase = cases.at(-1)?.id;
    const lastEvent = events.at(-1)?.id;
    if (lastCase) run(raw, qb.updateTable('stations').set({ sent_case_id: lastCase }).where('station_id', '=', peer.station_id));
    if (lastEvent) run(raw, qb.updateTable('stations').set({ sent_case_event_id: lastEvent }).where('station_id', '=', peer.station_id));
  };
}

type CaseRecord = Record<string, unknown> & { k: string };

const str = (v: unknown) => String(v ?? '');
const levelOf = (v: unknown): 'township' | 'county' => (v === 'county' ? 'county' : 'township');
const TIERS = ['tekun', 'dibao', 'marginal'] as const;

const caseIdOf = (raw: BetterSqlite3.Database, gid: string) => first(raw, qb.selectFrom('cases').select('id').where('gid', '=', gid))?.id;

const heldByConflict = (raw: BetterSqlite3.Database, householdGid: string) =>
  !!first(raw, qb.selectFrom('station_conflicts').select('id').where('household_gid', '=', householdGid).where('status', '=', 'open'));

const waitingCase = (raw: BetterSqlite3.Database, caseGid: string) =>
  all(raw, qb.selectFrom('station_waiting').select(['household_gid', 'record_json']))
    .map((w) => ({ householdGid: w.household_gid, r: JSON.parse(w.record_json) as CaseRecord }))
    .find((w) => w.r.k === 'case' && w.r.gid === caseGid);

type Outcome = 'applied' | 'present' | 'unplaced';

/** Places one record; 'unplaced' when its household (or case) is not here. Never writes half a record. */
function place(raw: BetterSqlite3.Database, r: CaseRecord): Outcome {
  if (r.k === 'case') {
    const gid = str(r.gid);
    if (caseIdOf(raw, gid) !== undefined) return 'present';
    const h = first(
      raw,
      qb
        .selectFrom('households as h')
        .innerJoin('areas as v', 'v.id', 'h.area_id')
        .select(['h.id', 'v.parent_id as townshipId'])
        .where('h.gid', '=', str(r.householdGid)),
    );
    if (!h || h.townshipId === null) return 'unplaced';
    const tier = TIERS.find((t) => t === r.tierApplied) ?? 'dibao';
    run(
      raw,
      qb.insertInto('cases').values({
        gid,
        household_id: h.id,
        township_id: h.townshipId,
        tier_applied: tier,
        received_on: str(r.receivedOn),
        relative_of_staff: r.relativeOfStaff === true ? 1 : 0,
        relative_note: typeof r.relativeNote === 'string' ? r.relativeNote : null,
        station: str(r.station),
        level: levelOf(r.level),
        recorded_by: str(r.recordedBy),
        recorded_at: str(r.recordedAt),
      }),
    );
    return 'applied';
  }
  const gid = str(r.gid);
  if (first(raw, qb.selectFrom('case_events').select('id').where('gid', '=', gid))) return 'present';
  const caseId = caseIdOf(raw, str(r.caseGid));
  if (caseId === undefined) return 'unplaced';
  run(
    raw,
    qb.insertInto('case_events').values({
      gid,
      case_id: caseId,
      kind: str(r.kind) as CaseEventKind, // authenticated package; the table's CHECK refuses any other kind
      on_date: str(r.onDate),
      level: levelOf(r.level),
      station: str(r.station),
      detail_json: typeof r.detail === 'string' ? r.detail : '{}',
      recorded_by: str(r.recordedBy),
      recorded_at: str(r.recordedAt),
    }),
  );
  return 'applied';
}

function bump(applied: Record<string, number>, k: string, n = 1) {
  applied[k] = (applied[k] ?? 0) + n;
}

/**
 * Applies a `case` or `case_event` record inside the import's transaction. A case whose household is held by an open conflict
 * (and the stages of a waiting case) wait; any other unknown household or case refuses the package — the transaction rolls back.
 */
export function applyCaseRecord(
  raw: BetterSqlite3.Database,
  r: CaseRecord,
  from: { sender: string; seq: number },
  applied: Record<string, number>,
  now: Date,
): void {
  const outcome = place(raw, r);
  if (outcome === 'applied') bump(applied, r.k === 'case' ? 'cases' : 'caseEvents');
  if (outcome !== 'unplaced') return;
  const householdGid = r.k === 'case' ? str(r.householdGid) : waitingCase(raw, str(r.caseGid))?.householdGid;
  if (householdGid !== undefined && (r.k === 'case_event' || heldByConflict(raw, householdGid))) {
    run(
      raw,
      qb.insertInto('station_waiting').values({
        peer: from.sender,
        household_gid: householdGid,
        record_json: JSON.stringify(r),
        package_seq: from.seq,
        created_at: now.toISOString(),
      }),
    );
    bump(applied, 'waiting');
    return;
  }
  if (r.k === 'case')
    throw appError(
      'case_household_unknown',
      `Application ${str(r.gid)} is for household ${householdGid}, which is not in this registry: nothing in package ${from.seq} was imported.`,
      `申请 ${str(r.gid)} 所属的家庭 ${householdGid} 不在本登记库中：第 ${from.seq} 号数据包未导入任何内容。`,
      'package',
    );
  throw appError(
    'case_unknown',
    `Stage ${str(r.gid)} belongs to application ${str(r.caseGid)}, which is not in this registry: nothing in package ${from.seq} was imported.`,
    `环节 ${str(r.gid)} 所属的申请 ${str(r.caseGid)} 不在本登记库中：第 ${from.seq} 号数据包未导入任何内容。`,
    'package',
  );
}

/** Places the waiting cases and stages whose household is now here (a conflict resolved since); in the import's transaction. */
export function placeWaiting(raw: BetterSqlite3.Database, applied: Record<string, number>): void {
  for (const w of all(raw, qb.selectFrom('station_waiting').select(['id', 'record_json']).orderBy('id'))) {
    const r = JSON.parse(w.record_json) as CaseRecord;
    const outcome = place(raw, r);
    if (outcome === 'unplaced') continue;
    if (outcome === 'applied') bump(applied, r.k === 'case' ? 'cases' : 'caseEvents');
    run(raw, qb.deleteFrom('station_waiting').where('id', '=', w.id));
  }
}
