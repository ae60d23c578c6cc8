/**
 * `safetynet` — the command line. Exit codes: 0 done, 2 invalid input (with a JSON error
 * on stderr naming the field), 1 anything else.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Store } from '../db/open';
import { openOfficeStore } from './store';
import { createService, type Service } from '../api/service';
import { lockedService } from '../api/locked-service';
import { STORE_LOCKED_CODES } from '../contract/store';
import { secureProcessStart } from '../security/store';
import { startHost } from '../host/http-host';
import { hostGate } from '../shared/file-gate';
import { TransferFolder } from '../shared/transfer';
import { prepareScanInputs } from '../scan/runner';
import { AppError, errorMessage } from '../common/errors';
import { todayIso } from '../common/dates';
import { parse, UsageError } from './args';
import { importHouseholdFile, exportHouseholdFile } from './household';
import { DEMO_PASSWORD } from '../auth/password';

const USAGE = `safetynet — tiered social assistance (civil affairs office)

  safetynet demo --households N --db FILE [--seed S]   create a demo county database
  safetynet serve --db FILE [--port N]                  serve the app on 127.0.0.1
  safetynet household import FILE --db FILE [--user NAME]
  safetynet household export --db FILE --id N [--out FILE]
  safetynet audit verify --db FILE [--head ROWS:HASH]   check the audit chain (and a head printed on a form)
  safetynet audit head|anchor --db FILE [--note TEXT]   the chain's head; note it in the anchor log
  safetynet screen FILE.json [--date YYYY-MM-DD] [--lang zh|en]
  safetynet temporary assess CASE.json [--date YYYY-MM-DD] [--lang zh|en] [--db FILE]
  safetynet scan --db FILE [--date YYYY-MM-DD]          re-evaluate every household
  safetynet scenario run|params --db FILE …             what a parameter change would do (scenario run --help)
  safetynet import FILE --source KIND [--db FILE] [--json]
  safetynet export … | backup … | restore …             departmental exchange and backups
  safetynet station setup|enrol|join|status …; sync export|import …   stations (docs/stations.md)
  safetynet report roster|changes|publicity|chain|warnings --db FILE --format pdf|xlsx|html --out FILE
  safetynet report services --db FILE --month YYYY-MM --format pdf|xlsx --out FILE   the monthly provider report
  safetynet report recovery --db FILE --format pdf|xlsx --out FILE                   the county recovery ledger
  safetynet report cases|spot-checks --db FILE --month YYYY-MM --format pdf|xlsx --out FILE   applications per township; spot checks
`;

export const repoRoot = () => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function err(code: string, message: string, field?: string) {
  process.stderr.write(JSON.stringify({ error: { code, message, ...(field ? { field } : {}) } }) + '\n');
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    // Files user-only (database, key, backups, exports), leftovers of crashed runs swept (docs/security.md).
    secureProcessStart();
    switch (cmd) {
      case 'demo': {
        const { values } = parse(rest, {
          households: { type: 'string', default: '2000' },
          db: { type: 'string' },
          seed: { type: 'string', default: '1' },
        });
        if (!values.db) throw new UsageError('--db FILE is required');
        const n = Number(values.households);
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--households must be a positive whole number');
        const { createDemoDatabase } = await import('../demo/seed');
        const t0 = Date.now();
        await createDemoDatabase(values.db, {
          households: n,
          seed: Number(values.seed),
          onProgress: (d: number, t: number) => process.stderr.write(`\r${d}/${t} households`),
        });
        process.stderr.write('\n');
        console.log(
          `demo county with ${n} households written to ${values.db} in ${((Date.now() - t0) / 1000).toFixed(1)} s (users admin / manager / clerk, password "${DEMO_PASSWORD}", changed at first login)`,
        );
        return 0;
      }
      case 'serve': {
        const { values } = parse(rest, { db: { type: 'string' }, port: { type: 'string' }, static: { type: 'string' } });
        if (!values.db) throw new UsageError('--db FILE is required');
        return await serve(values.db, values.port ? Number(values.port) : undefined, values.static);
      }
      case 'household': {
        const [sub, ...more] = rest;
        if (sub === 'import') {
          const { values, positionals } = parse(more, { db: { type: 'string' }, user: { type: 'string' } });
          if (!values.db || !positionals[0]) throw new UsageError('usage: safetynet household import FILE --db FILE');
          return await importHouseholdFile(positionals[0], values.db, values.user ?? `cli:${os.userInfo().username}`);
        }
        if (sub === 'export') {
          const { values } = parse(more, { db: { type: 'string' }, id: { type: 'string' }, out: { type: 'string' } });
          if (!values.db || !values.id) throw new UsageError('usage: safetynet household export --db FILE --id N [--out FILE]');
          return await exportHouseholdFile(values.db, Number(values.id), values.out);
        }
        throw new UsageError('household import|export');
      }
      case 'audit': {
        const { runAuditCli } = await import('./audit');
        return await runAuditCli(rest);
      }
      case 'screen': {
        const { runScreen } = await import('./screen');
        return runScreen(rest, cliIo());
      }
      case 'temporary': {
        const { runTemporaryCli, officeTemporaryParameters } = await import('./temporary');
        return await runTemporaryCli(rest, { ...cliIo(), officeParameters: officeTemporaryParameters });
      }
      case 'scan': {
        const { values } = parse(rest, { db: { type: 'string' }, date: { type: 'string' }, lang: { type: 'string' } });
        if (!values.db) throw new UsageError('--db FILE is required');
        const { runScanCli } = await import('./scan');
        return await runScanCli(values.db, values.date ?? todayIso(), values.lang === 'en' ? 'en' : 'zh');
      }
      case 'scenario':
        return await (await import('./scenario')).runScenarioCli(rest);
      case 'import':
      case 'export':
      case 'backup':
      case 'restore': {
        const { runExchangeCli } = await import('./exchange');
        return await runExchangeCli(cmd, rest);
      }
      case 'station':
      case 'sync':
        return await (await import('./station')).runStationCli(cmd, rest);
      case 'report': {
        const { runReportCli } = await import('./report');
        return await runReportCli(rest);
      }
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(USAGE);
        return cmd ? 0 : 2;
      default:
        throw new UsageError(`unknown command ${cmd}`);
    }
  } catch (e) {
    // node:util's parseArgs throws a TypeError whose code names the problem.
    const code: unknown = e instanceof Error ? Reflect.get(e, 'code') : undefined;
    if (e instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      err('usage', errorMessage(e));
      process.stderr.write(USAGE);
      return 2;
    }
    if (e instanceof AppError) {
      err(e.code, e.message, e.field);
      return e.code.startsWith('invalid') ? 2 : 1;
    }
    err('internal', (e instanceof Error ? e.stack : undefined) ?? String(e));
    return 1;
  }
}

/** The process's files, streams, date and locale, as `screen` and `temporary` read them. */
function cliIo() {
  return {
    readFile: (f: string) => fs.readFileSync(f, 'utf8'),
    stdout: (s: string) => void process.stdout.write(s),
    stderr: (s: string) => void process.stderr.write(s),
    today: todayIso(),
    locale: Intl.DateTimeFormat().resolvedOptions().locale,
  };
}

export async function serve(dbFile: string, port?: number, staticDir?: string): Promise<number> {
  const { seedDemoOffice } = await import('../demo/seed');
  // A browser names no path: files come in as uploads to the transfer folder beside the database (swept now) and go out as downloads.
  const transfer = new TransferFolder(path.join(path.dirname(path.resolve(dbFile)), 'transfer'));
  const open: { store: Store | null } = { store: null };
  const start = (s: Store): Service => {
    open.store = s;
    // As the app does when it starts (index.ts): an emptied scan cache is packed now, not by the first scan.
    void prepareScanInputs(s.raw, s.file)?.catch(() => {});
    return createService(s, { seedDemo: (d, n) => seedDemoOffice(d, n), files: hostGate(transfer) });
  };
  let service: Service;
  try {
    service = start(await openOfficeStore(dbFile));
  } catch (e) {
    // A database whose key is not here: the page asks for its recovery key (docs/security.md).
    if (!(e instanceof AppError && STORE_LOCKED_CODES.some((c) => c === e.code))) throw e;
    process.stderr.write(`${e.message}\n`);
    service = lockedService(e, async (key) => start(await openOfficeStore(dbFile, { key })));
  }
  const dir = staticDir ?? path.join(repoRoot(), 'out', 'renderer');
  if (!fs.existsSync(path.join(dir, 'index.html')))
    process.stderr.write(`note: ${dir} has no renderer build; run \`npm run build\` first\n`);
  const host = await startHost(service, { port, staticDir: dir, transfer });
  console.log(`Safetynet is serving ${dbFile}`);
  console.log(`Open ${host.openUrl}`);
  const stop = async () => {
    await host.close();
    await open.store?.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => {});
  return 0;
}
