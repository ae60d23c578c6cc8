/**
 * `safetynet station …` and `safetynet sync …` (docs/stations.md): enrol and join township
 * stations, export and import the packages between them, through the same modules as the app.
 *
 *   safetynet station setup --db FILE --name NAME                     make this database the county station
 *   safetynet station enrol --db FILE --township CODE|NAME --name NAME --out DIR [--users a,b] [--delegate]
 *   safetynet station join DIR --db FILE                              start a township station from its enrolment package
 *   safetynet station status --db FILE
 *   safetynet sync export --db FILE --to STATION|county --out DIR
 *   safetynet sync import DIR --db FILE [--json]
 *
 * The enrolment passphrase comes from SAFETYNET_PASSPHRASE, never from an argument. Refusals of a
 * package exit 2 with {"error":{code,message[,missing]}} on stderr.
 */
import os from 'node:os';
import { AppError, appError } from '../common/errors';
import type { Actor } from '../audit/actor';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { parse, UsageError } from './args';
import { openOfficeStore } from './store';
import { setupCountyStation } from '../stations/identity';
import { enrolTownship, joinStation } from '../stations/enrol';
import { exportPackage } from '../stations/sync-export';
import { importPackage, OutOfOrder } from '../stations/sync-import';
import { stationStatus } from '../stations/status';

/** Codes that refuse a package or a station: the caller's input, answered with exit 2. */
const REFUSALS = new Set([
  'package_tampered',
  'package_out_of_order',
  'package_not_for_this_station',
  'station_not_enrolled',
  'package_kind',
  'package_not_encrypted',
  'package_not_station',
  'station_level',
  'station_exists',
  'station_not_empty',
  'passphrase_required',
  'weak_passphrase',
  'file_not_found',
  'not_found',
]);

function passphrase(): string {
  const p = process.env.SAFETYNET_PASSPHRASE;
  if (!p)
    throw appError(
      'passphrase_required',
      'Set SAFETYNET_PASSPHRASE to the enrolment passphrase.',
      '请在环境变量 SAFETYNET_PASSPHRASE 中设置注册口令。',
      'passphrase',
    );
  return p;
}

/** The account named by --user (it must exist here), else the operating-system user. */
function actorFor(raw: BetterSqlite3.Database, user: string | undefined): Actor {
  if (!user) return { userId: null, username: `cli:${os.userInfo().username}` };
  const u = raw.prepare('SELECT id FROM users WHERE username = ? AND active = 1').get(user) as { id: number } | undefined;
  if (!u) throw appError('not_found', `There is no active user ${user}.`, `没有在用的用户 ${user}。`, 'user');
  return { userId: u.id, username: user };
}

async function withStore<T>(db: string | undefined, f: (raw: BetterSqlite3.Database) => Promise<T>): Promise<T> {
  if (!db) throw new UsageError('--db FILE is required');
  const store = await openOfficeStore(db);
  try {
    return await f(store.raw);
  } finally {
    await store.close();
  }
}

const print = (v: unknown) => process.stdout.write(JSON.stringify(v, null, 2) + '\n');

async function station(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parse(rest, {
    db: { type: 'string' },
    name: { type: 'string' },
    township: { type: 'string' },
    out: { type: 'string' },
    users: { type: 'string' },
    user: { type: 'string' },
    delegate: { type: 'boolean' },
  });
  switch (sub) {
    case 'setup':
      if (!values.name) throw new UsageError('usage: safetynet station setup --db FILE --name NAME');
      return withStore(values.db, async (raw) => {
        print(setupCountyStation(raw, values.name!, actorFor(raw, values.user), new Date()));
        return 0;
      });
    case 'enrol':
      if (!values.township || !values.name || !values.out)
        throw new UsageError('usage: safetynet station enrol --db FILE --township CODE|NAME --name NAME --out DIR [--users a,b]');
      return withStore(values.db, async (raw) => {
        const users = (values.users ?? '')
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean);
        const r = await enrolTownship(
          raw,
          { township: values.township!, name: values.name!, users, delegateDecisions: values.delegate === true },
          values.out!,
          passphrase(),
          actorFor(raw, values.user),
          new Date(),
        );
        print(r);
        return 0;
      });
    case 'join':
      if (!positionals[0]) throw new UsageError('usage: safetynet station join DIR --db FILE');
      return withStore(values.db, async (raw) => {
        print(await joinStation(raw, positionals[0], passphrase(), actorFor(raw, values.user), new Date()));
        return 0;
      });
    case 'status':
      return withStore(values.db, async (raw) => {
        print(stationStatus(raw));
        return 0;
      });
    default:
      throw new UsageError('station setup|enrol|join|status');
  }
}

async function sync(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parse(rest, {
    db: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
    user: { type: 'string' },
  });
  if (sub === 'export') {
    if (!values.to || !values.out) throw new UsageError('usage: safetynet sync export --db FILE --to STATION|county --out DIR');
    return withStore(values.db, async (raw) => {
      print(await exportPackage(raw, values.to!, values.out!, actorFor(raw, values.user), new Date()));
      return 0;
    });
  }
  if (sub === 'import') {
    if (!positionals[0]) throw new UsageError('usage: safetynet sync import DIR --db FILE [--json]');
    return withStore(values.db, async (raw) => {
      const r = await importPackage(raw, positionals[0], actorFor(raw, values.user), new Date());
      if (values.json) print(r);
      else
        process.stdout.write(
          `package ${r.sequence} from ${r.sender}: ${r.status}; ${
            Object.entries(r.applied)
              .map(([k, n]) => `${n} ${k}`)
              .join(', ') || 'nothing applied'
          }; ${r.conflicts} conflicts\n`,
        );
      return 0;
    });
  }
  throw new UsageError('sync export|import');
}

export async function runStationCli(cmd: 'station' | 'sync', argv: string[]): Promise<number> {
  try {
    return cmd === 'station' ? await station(argv) : await sync(argv);
  } catch (e) {
    if (e instanceof AppError && REFUSALS.has(e.code)) {
      const missing = e instanceof OutOfOrder && e.missing.length ? { missing: e.missing } : {};
      process.stderr.write(
        JSON.stringify({ error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}), ...missing } }) + '\n',
      );
      return 2;
    }
    throw e;
  }
}
