/**
 * A township's slice of the registry (docs/rules/workstations.md "Stations"): its township area, its
 * households with global ids and versions, and writing a household that arrived from another station.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appError } from '../common/errors';
import type { HouseholdData } from '../common/household-file';
import { all, first, qb } from '../db/query';
import { prepared } from '../db/prepared';
import { streamHouseholds } from '../registry/stream';
import { HouseholdWriter } from '../registry/writer';

/** A township named by its code or its name. */
export function townshipArea(raw: BetterSqlite3.Database, codeOrName: string): { id: number; name: string } {
  const t = first(
    raw,
    qb
      .selectFrom('areas')
      .select(['id', 'name'])
      .where('level', '=', 'township')
      .where((eb) => eb.or([eb('code', '=', codeOrName), eb('name', '=', codeOrName)])),
  );
  if (!t) throw appError('not_found', `There is no township ${codeOrName}.`, `没有乡镇“${codeOrName}”。`, 'township');
  return t;
}

export interface SliceHousehold {
  id: number;
  gid: string;
  version: number;
  station: string;
  data: HouseholdData;
}

/** The township's active households, streamed in id order, with `only` limiting to those a predicate keeps (by gid and version). */
export function* townshipHouseholds(
  raw: BetterSqlite3.Database,
  township: string,
  only?: (gid: string, version: number) => boolean,
): Generator<SliceHousehold> {
  const rows = all(
    raw,
    qb
      .selectFrom('households as h')
      .innerJoin('areas as v', 'v.id', 'h.area_id')
      .innerJoin('areas as t', 't.id', 'v.parent_id')
      .select(['h.id', 'h.gid', 'h.version', 'h.station_id'])
      .where('t.name', '=', township)
      .where('h.gid', 'is not', null)
      .where('h.status', '=', 'active')
      .orderBy('h.id'),
  );
  const keep = new Map<number, { gid: string; version: number; station: string }>();
  for (const r of rows)
    if (!only || only(r.gid!, r.version)) keep.set(r.id, { gid: r.gid!, version: r.version, station: r.station_id ?? '' });
  if (keep.size === 0) return;
  const ids = [...keep.keys()];
  // The registry's packed stream, over the id range the slice spans: one JSON row per household, not eight queries.
  for (const h of streamHouseholds(raw, { fromId: ids[0], toId: ids[ids.length - 1] })) {
    const k = keep.get(h.id);
    if (k) yield { id: h.id, ...k, data: h.data };
  }
}

const writers = new WeakMap<BetterSqlite3.Database, HouseholdWriter>();
export function writerFor(raw: BetterSqlite3.Database): HouseholdWriter {
  let w = writers.get(raw);
  if (!w) writers.set(raw, (w = new HouseholdWriter(raw)));
  return w;
}

/** The first member of `h` who is active in another household here, with that household. */
export function personElsewhere(
  raw: BetterSqlite3.Database,
  h: HouseholdData,
  householdId: number,
): { idNumber: string; householdId: number } | null {
  // hot path: bench/stations.ts import — once per member of every household a package carries.
  const q = prepared(raw, 'SELECT household_id FROM members WHERE id_number = ? AND active = 1 AND household_id != ? LIMIT 1');
  for (const m of h.members) {
    const other = q.get(m.idNumber, householdId) as { household_id: number } | undefined; // the one column selected
    if (other) return { idNumber: m.idNumber, householdId: other.household_id };
  }
  return null;
}
