/**
 * The scenario's work in a scan thread (docs/rules/assistance.md §9, src-main/scenarios/): each
 * household read and decoded once, then evaluated under the parameters in force and under the
 * scenario's, so that a scenario costs one pass of the county, not two scans. Nothing is written
 * to the registry: only the households whose outcome differs, into `scenario_results`.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { evaluate, type Determination, type Reason } from '../policy/engine';
import type { ParameterSet } from '../common/parameters';
import { streamHouseholds } from '../registry/stream';
import { classify, keyReasons } from './compare';
import { encodeReasons } from './reasons-codec';
import type { ScanKind } from '../common/codes';

export interface Money {
  households: number;
  persons: number;
  fen: number;
}
const money = (): Money => ({ households: 0, persons: 0, fen: 0 });

/** What a scenario counts over the whole county; one per thread, then merged. */
export interface ScenarioTally {
  evaluated: number;
  /** Households and persons by kind of change, and `unchanged`. */
  kinds: Record<string, { households: number; persons: number }>;
  /** Households with a tier (or an amount) before and after, by tier. */
  tiers: Record<string, { before: Money; after: Money }>;
  /** The same by village (area id). */
  villages: Record<string, { before: Money; after: Money; changed: number }>;
  /** Households whose monthly amount changes, by the bands of DELTA_EDGES_FEN. */
  deltas: number[];
  /** Households the change sends into gradual exit (§3.4), and what it pays them. */
  gradualExits: Money;
}

/** Bands of a monthly change in fen: below the first edge, between two edges, above the last (0 is left out). */
export const DELTA_EDGES_FEN = [-20_000, -10_000, -5_000, 0, 5_000, 10_000, 20_000] as const;
export function deltaBand(delta: number): number {
  let i = 0;
  while (i < DELTA_EDGES_FEN.length && delta > DELTA_EDGES_FEN[i]) i++;
  return i;
}

export function emptyTally(): ScenarioTally {
  const kinds: ScenarioTally['kinds'] = {};
  for (const k of ['newly_eligible', 'no_longer_eligible', 'tier_up', 'tier_down', 'benefit_changed', 'unchanged'])
    kinds[k] = { households: 0, persons: 0 };
  return {
    evaluated: 0,
    kinds,
    tiers: {},
    villages: {},
    deltas: new Array<number>(DELTA_EDGES_FEN.length + 1).fill(0),
    gradualExits: money(),
  };
}

export interface ScenarioChange {
  householdId: number;
  areaId: number;
  kind: ScanKind;
  beforeTier: string;
  afterTier: string;
  beforeFen: number;
  afterFen: number;
  persons: number;
  /** 1: the change sends the household into gradual exit (§3.4); -1: it ends one (eligible again); 0: neither. */
  gradualExit: -1 | 0 | 1;
  reasonsJson: string;
}

const add = (m: Money, persons: number, fen: number) => {
  m.households++;
  m.persons += persons;
  m.fen += fen;
};

/**
 * The scan's key reasons (scan/compare.ts); for a household without a tier whose amount moves,
 * those of its 特困 members (§10.7), single-person inclusion (§1.3) or gradual exit, which carry the amount.
 */
function reasonsOf(kind: ScanKind, beforeTier: string, a: Determination): Reason[] {
  const r = keyReasons(kind, beforeTier === 'none' ? null : beforeTier, a);
  if (r.length > 0) return r;
  const out: Reason[] = [];
  for (const p of a.tekun.persons) if (p.eligible) out.push(...p.reasons.filter((x) => x.pass !== false));
  for (const p of a.singlePersonInclusion) out.push(...p.reasons.filter((x) => x.pass !== false));
  if (a.gradualExit) out.push(...a.dibao.reasons.filter((x) => x.rule === 'gradual_exit'));
  return out.slice(0, 6);
}

interface Range {
  fromId?: number;
  toId?: number;
  progressEvery?: number;
  shouldStop?: () => boolean;
}

/** Evaluates a range under `before` and `after`, counting into `t` and handing each change to `sink`. */
export function tallyScenario(
  raw: BetterSqlite3.Database,
  before: ParameterSet,
  after: ParameterSet,
  referenceDate: string,
  t: ScenarioTally,
  onProgress: (done: number) => void,
  sink: (c: ScenarioChange) => void,
  opts: Range = {},
): number {
  const every = opts.progressEvery ?? 2000;
  let n = 0;
  for (const h of streamHouseholds(raw, { fromId: opts.fromId, toId: opts.toId, lean: true })) {
    const b = evaluate(h.data, before, referenceDate);
    const a = evaluate(h.data, after, referenceDate);
    const persons = a.presentMembers;
    const bt = b.tier,
      at = a.tier;
    const bf = b.monthlyBenefitFen,
      af = a.monthlyBenefitFen;
    const v = (t.villages[h.areaId] ??= { before: money(), after: money(), changed: 0 });
    if (bt !== 'none' || bf > 0) {
      add((t.tiers[bt] ??= { before: money(), after: money() }).before, persons, bf);
      add(v.before, persons, bf);
    }
    if (at !== 'none' || af > 0) {
      add((t.tiers[at] ??= { before: money(), after: money() }).after, persons, af);
      add(v.after, persons, af);
    }
    // The scan's kinds (scan/compare.ts), with the fresh "before" in place of the stored determination.
    const kind = classify(bt === 'none' ? null : bt, bf, at, af) ?? (bf !== af ? 'benefit_changed' : null);
    const gradual = a.gradualExit !== null && b.gradualExit === null;
    if (gradual) add(t.gradualExits, persons, af);
    if (af !== bf) t.deltas[deltaBand(af - bf)]++;
    const k = t.kinds[kind ?? 'unchanged'];
    k.households++;
    k.persons += persons;
    if (kind) {
      v.changed++;
      sink({
        householdId: h.id,
        areaId: h.areaId,
        kind,
        beforeTier: bt,
        afterTier: at,
        beforeFen: bf,
        afterFen: af,
        persons,
        gradualExit: gradual ? 1 : b.gradualExit !== null && a.gradualExit === null ? -1 : 0,
        reasonsJson: encodeReasons(reasonsOf(kind, bt, a)),
      });
    }
    if (++n % every === 0) {
      onProgress(n);
      if (opts.shouldStop?.()) break;
    }
  }
  onProgress(n);
  t.evaluated += n;
  return n;
}

/** The county's monthly cost in fen under each of `sets` (budget mode): one pass, no rows. */
export function costScenario(
  raw: BetterSqlite3.Database,
  sets: readonly ParameterSet[],
  referenceDate: string,
  costs: number[],
  onProgress: (done: number) => void,
  opts: Range = {},
): number {
  const every = opts.progressEvery ?? 2000;
  let n = 0;
  for (const h of streamHouseholds(raw, { fromId: opts.fromId, toId: opts.toId, lean: true })) {
    for (let i = 0; i < sets.length; i++) costs[i] += evaluate(h.data, sets[i], referenceDate).monthlyBenefitFen;
    if (++n % every === 0) {
      onProgress(n);
      if (opts.shouldStop?.()) break;
    }
  }
  onProgress(n);
  return n;
}

const addMoney = (a: Money, b: Money) => {
  a.households += b.households;
  a.persons += b.persons;
  a.fen += b.fen;
};

/** Adds `b` into `a` (the threads' tallies). */
export function mergeTally(a: ScenarioTally, b: ScenarioTally): ScenarioTally {
  a.evaluated += b.evaluated;
  for (const [k, v] of Object.entries(b.kinds)) {
    const x = (a.kinds[k] ??= { households: 0, persons: 0 });
    x.households += v.households;
    x.persons += v.persons;
  }
  for (const [k, v] of Object.entries(b.tiers)) {
    const x = (a.tiers[k] ??= { before: money(), after: money() });
    addMoney(x.before, v.before);
    addMoney(x.after, v.after);
  }
  for (const [k, v] of Object.entries(b.villages)) {
    const x = (a.villages[k] ??= { before: money(), after: money(), changed: 0 });
    addMoney(x.before, v.before);
    addMoney(x.after, v.after);
    x.changed += v.changed;
  }
  b.deltas.forEach((n, i) => (a.deltas[i] += n));
  addMoney(a.gradualExits, b.gradualExits);
  return a;
}

/**
 * Writes a run's changes in batches under the scan's shared write lock (evaluate-county.ts
 * ResultWriter says why); the runner deletes them if the run does not finish.
 */
export class ScenarioWriter {
  private buffer: ScenarioChange[] = [];
  private insert: BetterSqlite3.Statement;
  private lock: Int32Array;
  constructor(
    private raw: BetterSqlite3.Database,
    private runId: number,
    private batch: number,
    lock: SharedArrayBuffer,
  ) {
    // hot path: bench/scenarios.ts run — prepared once, run for each changed household of a county.
    this.insert = raw.prepare(
      `INSERT INTO scenario_results (run_id, household_id, area_id, kind, before_tier, after_tier, before_fen, after_fen, persons, gradual_exit,
       reasons_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.lock = new Int32Array(lock);
  }
  add = (c: ScenarioChange): void => {
    this.buffer.push(c);
    if (this.buffer.length >= this.batch) {
      if (this.buffer.length >= 4 * this.batch) this.flush();
      else if (Atomics.compareExchange(this.lock, 0, 0, 1) === 0) this.write();
    }
  };
  flush(): void {
    if (this.buffer.length === 0) return;
    const until = Date.now() + 30_000;
    while (Atomics.compareExchange(this.lock, 0, 0, 1) !== 0 && Date.now() < until) Atomics.wait(this.lock, 0, 1, 100);
    this.write();
  }
  private write(): void {
    const rows = this.buffer;
    this.buffer = [];
    try {
      this.raw.transaction(() => {
        for (const c of rows)
          this.insert.run(
            this.runId,
            c.householdId,
            c.areaId,
            c.kind,
            c.beforeTier,
            c.afterTier,
            c.beforeFen,
            c.afterFen,
            c.persons,
            c.gradualExit,
            c.reasonsJson,
          );
      })();
    } finally {
      Atomics.store(this.lock, 0, 0);
      Atomics.notify(this.lock, 0);
    }
  }
}
