/**
 * Loads the synthetic demo county (./generator.ts) into an office database.
 *
 * `seedDemoCounty` bulk-loads through one `HouseholdWriter` (prepared statements), inside the
 * caller's transaction when one is open (better-sqlite3 nests it as a savepoint, so a failure
 * leaves nothing behind either way) or in its own transaction, and writes ONE audit entry for
 * the whole load. `createDemoDatabase` makes a complete demo office in a new database file.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { seedDemoHistory } from './history';
import { seedDemoServices } from './services';
import { seedDemoTemporary } from './temporary';
import { seedDemoCases } from './cases';
import { seedDemoScenarios } from './scenarios';
import { appendAudit } from '../audit/audit';
import { insertUser } from '../auth/users';
import { openStore, type Store } from '../db/open';
import { ensureArea } from '../registry/areas';
import { HouseholdWriter } from '../registry/households';
import { setupCountyStation } from '../stations/identity';
import { ensureDefaultParameters } from '../policy/parameter-store';
import { refreshEngineInputs } from '../registry/stream';
import { AppError } from '../common/errors';
import { first, qb, run } from '../db/query';
import { DEMO_PASSWORD } from '../auth/password';
import { DEMO_OFFICE, DEMO_REFERENCE_DATE, generateHouseholds } from './generator';

export interface SeedOptions {
  /** PRNG seed of the generator (default 1). */
  seed?: number;
  /** Called every `progressEvery` households (default 1,000) and once at the end. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
  /** Timestamp written to created_at / updated_at and the audit entry (default: now). */
  now?: Date;
  /** Who the audit entry names (default: `system`). */
  actor?: { userId: number | null; username: string };
  /** The generator's reference date (default DEMO_REFERENCE_DATE). */
  referenceDate?: string;
  /**
   * Pack the scan's engine inputs at the end of the load (default true). The demo office
   * packs once after its history instead, which changes most households' tier in force.
   */
  packInputs?: boolean;
  /**
   * SQLite page cache for the load, in MiB (default: 1 MiB per 1,000 households, 16–256);
   * the connection's own setting is restored afterwards. See `bulkLoadCacheMb`.
   */
  cacheMb?: number;
}

/**
 * The page cache a bulk load of `households` gets. The loader inserts people in household
 * order, so the ID-number and name indexes of `members` receive keys at random positions;
 * with SQLite's default 2 MB cache nearly every insert reads and spills index pages through
 * the WAL, which costs more than the inserts themselves. About 0.9 KB of database per
 * household (the 200,000-household county is ~175 MB).
 */
export function bulkLoadCacheMb(households: number): number {
  return Math.min(256, Math.max(16, Math.ceil(households / 1000)));
}

export interface SeedResult {
  households: number;
  members: number;
}

/**
 * Writes `households` synthetic households. Synchronous (better-sqlite3), so it runs inside
 * `setup.complete`'s transaction; all or nothing.
 */
export function seedDemoCounty(store: { raw: BetterSqlite3.Database }, households: number, opts: SeedOptions = {}): SeedResult {
  const raw = store.raw;
  const seed = opts.seed ?? 1;
  const referenceDate = opts.referenceDate ?? DEMO_REFERENCE_DATE;
  const now = (opts.now ?? new Date()).toISOString();
  const every = Math.max(1, opts.progressEvery ?? 1000);
  const actor = opts.actor ?? { userId: null, username: 'system' };

  const load = raw.transaction((): SeedResult => {
    const writer = new HouseholdWriter(raw);
    const areas = new Map<string, number>();
    let done = 0,
      members = 0;
    for (const h of generateHouseholds(households, seed, { referenceDate })) {
      const key = `${h.area.township}\u0000${h.area.village}`;
      let areaId = areas.get(key);
      if (areaId === undefined) {
        areaId = ensureArea(raw, h.area.township, h.area.village);
        areas.set(key, areaId);
      }
      writer.insert(h, now, areaId);
      members += h.members.length;
      done++;
      if (opts.onProgress && done % every === 0 && done !== households) opts.onProgress(done, households);
    }
    appendAudit(raw, {
      ...actor,
      action: 'bulk_load',
      entity: 'household',
      entityId: null,
      summary: `demo county: ${done} households, ${members} members loaded (seed ${seed})`,
      after: { households: done, members, seed, referenceDate, generator: 'demo-county-v1' },
      at: now,
    });
    // The scan's packed inputs are written with the county, as an index would be: the bulk load
    // pays for them once (~12 µs a household), not the first scan (bench/README.md, engine).
    if (opts.packInputs !== false) refreshEngineInputs(raw, 0, Number.MAX_SAFE_INTEGER);
    return { households: done, members };
  });
  const previousCache = raw.pragma('cache_size', { simple: true }) as number; // PRAGMA cache_size answers one integer
  const cacheKb = Math.round((opts.cacheMb ?? bulkLoadCacheMb(households)) * 1024);
  if (previousCache >= 0 || -previousCache < cacheKb) raw.pragma(`cache_size = -${cacheKb}`);
  let result: SeedResult;
  try {
    // Nested in an open transaction, better-sqlite3 uses a savepoint: rolled back on error.
    result = load();
  } finally {
    raw.pragma(`cache_size = ${previousCache}`);
  }
  opts.onProgress?.(result.households, households);
  return result;
}

export interface DemoDatabaseOptions {
  households: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
  now?: Date;
}

export const DEMO_USERS = [
  { username: 'admin', role: 'administrator', displayName: '系统管理员（演示）' },
  { username: 'manager', role: 'manager', displayName: '审核员（演示）' },
  { username: 'clerk', role: 'clerk', displayName: '经办员（演示）' },
] as const;
/** Known to everyone (README): each demo user changes it at the first login (docs/security.md "Sign-in"). */
export { DEMO_PASSWORD };

/**
 * Creates a demo office in `file` (created and migrated if needed): office 示范县民政局,
 * users admin / manager / clerk with the demo password (changed at first login), and the synthetic county. Refuses a
 * file that already has user accounts, so that a real office is never overwritten.
 */
export async function createDemoDatabase(file: string, opts: DemoDatabaseOptions): Promise<SeedResult & { file: string }> {
  const store: Store = await openStore(file);
  try {
    const raw = store.raw;
    const now = opts.now ?? new Date();
    ensureDefaultParameters(raw, now);
    const refuseIfSetUp = () => {
      const users =
        first(
          raw,
          qb.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')),
        )?.n ?? 0;
      if (users > 0) {
        throw new AppError('office_exists', {
          en: `${file} already holds an office with ${users} user account(s); the demo county is only written into a new, empty database. Nothing was changed.`,
          zh: `${file} 中已有单位数据（${users} 个用户账号），演示县只能写入新的空数据库；未作任何改动。`,
        });
      }
    };
    refuseIfSetUp();
    return raw.transaction(() => {
      refuseIfSetUp();
      const at = now.toISOString();
      run(
        raw,
        qb.replaceInto('office').values({
          id: 1,
          name: DEMO_OFFICE.name,
          county: DEMO_OFFICE.county,
          region_code: DEMO_OFFICE.regionCode,
          is_demo: 1,
          created_at: at,
        }),
      );
      appendAudit(raw, {
        userId: null,
        username: 'admin',
        action: 'setup',
        entity: 'office',
        entityId: 1,
        summary: 'office set up with the demo county',
        after: { name: DEMO_OFFICE.name, county: DEMO_OFFICE.county, regionCode: DEMO_OFFICE.regionCode },
        at,
      });
      const admin = insertUser(
        raw,
        { ...DEMO_USERS[0], password: DEMO_PASSWORD, mustChangePassword: true },
        { userId: null, username: 'admin' },
        now,
      );
      for (const u of DEMO_USERS.slice(1))
        insertUser(raw, { ...u, password: DEMO_PASSWORD, mustChangePassword: true }, { userId: admin.id, username: admin.username }, now);
      const r = seedDemoOffice(store, opts.households, {
        seed: opts.seed,
        onProgress: opts.onProgress,
        now,
        actor: { userId: admin.id, username: admin.username },
      });
      // `safetynet demo` makes a county station, ready to enrol townships (docs/stations.md).
      setupCountyStation(raw, `${DEMO_OFFICE.county}县级工作站`, { userId: admin.id, username: admin.username }, now);
      return { ...r, file };
    })();
  } finally {
    await store.close();
  }
}

/**
 * The demo county and its history (approved determinations, twelve closed months of
 * payments, referrals with results): what a newcomer's first start shows. Runs inside the
 * caller's transaction; needs the office users to exist.
 */
export function seedDemoOffice(store: { raw: BetterSqlite3.Database }, households: number, opts: SeedOptions = {}): SeedResult {
  const r = seedDemoCounty(store, households, { ...opts, packInputs: false });
  seedDemoTemporary(store.raw, { seed: opts.seed, now: opts.now ?? new Date() }); // before the history closes its months
  seedDemoHistory(store.raw, { seed: opts.seed, now: opts.now ?? new Date() });
  seedDemoServices(store.raw, { seed: opts.seed, now: opts.now ?? new Date(), households });
  seedDemoCases(store.raw, { now: opts.now ?? new Date() });
  seedDemoScenarios(store.raw, { now: opts.now ?? new Date(), actor: opts.actor });
  // Packed once, after the history: it changes the tier in force of most households, which clears their copies.
  refreshEngineInputs(store.raw, 0, Number.MAX_SAFE_INTEGER);
  return r;
}
