/**
 * `safetynet import|export|backup|restore` — the departmental exchange and backups from the
 * command line, through the same modules (and the same worker thread) as the app.
 *
 *   safetynet import FILE --source KIND [--db FILE] [--date YYYY-MM-DD] [--json] [--lang zh|en]
 *   safetynet import --package DIR|ZIP [--source KIND] [--db FILE] [--json]   (passphrase: $SAFETYNET_PASSPHRASE)
 *   safetynet export --source KIND --out DIR [--db FILE] [--zip] [--encrypt]   verification requests
 *   safetynet backup --out DIR [--db FILE]                                     passphrase: $SAFETYNET_PASSPHRASE
 *   safetynet restore PACKAGE [--db FILE]                                      passphrase: $SAFETYNET_PASSPHRASE
 *
 * Passphrases come from the environment, never from arguments (which other users can see
 * in the process list). `--db` defaults to the app's own database in the user-data folder.
 */
import os from 'node:os';
import path from 'node:path';
import { openOfficeStore } from './store';
import { DB_FILE_NAME, userDataDir } from '../shared/data-dir';
import { appError } from '../common/errors';
import { parse, UsageError } from './args';
import { localFile } from '../exchange/file-input';
import { SOURCES, type Source } from '../exchange/profiles';
import { beginImport, unpackForImport } from '../exchange/start';
import { importFinished, importStatus } from '../exchange/runner';
import { exportVerificationRequests } from '../exchange/export';
import { createBackup, restoreBackup } from '../backup/backup';

const VERSION = '0.1.0';
const who = () => ({ userId: null, username: `cli:${os.userInfo().username}` });
const dbOf = (v?: string) => v ?? path.join(userDataDir(), DB_FILE_NAME);
const passphrase = (required: boolean) => {
  const p = process.env.SAFETYNET_PASSPHRASE;
  if (required && !p)
    throw appError(
      'passphrase_required',
      'Set SAFETYNET_PASSPHRASE to the passphrase (at least 8 characters).',
      '请在环境变量 SAFETYNET_PASSPHRASE 中设置口令（至少 8 个字符）。',
      'passphrase',
    );
  return p || undefined;
};
function sourceOf(s: string | undefined, required: boolean): Source | undefined {
  if (!s) {
    if (required) throw new UsageError(`--source KIND is required: ${SOURCES.join(', ')}`);
    return undefined;
  }
  const source = SOURCES.find((x) => x === s);
  if (!source) throw new UsageError(`unknown source ${s}; one of: ${SOURCES.join(', ')}`);
  return source;
}

async function runImport(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    source: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
    date: { type: 'string' },
    lang: { type: 'string' },
    package: { type: 'string' },
  });
  const json = values.json === true;
  const lang = values.lang === 'en' ? 'en' : 'zh';
  if (!positionals[0] && !values.package) throw new UsageError('usage: safetynet import FILE --source KIND [--db FILE] [--json]');
  const store = await openOfficeStore(dbOf(values.db));
  let cleanup = () => {};
  try {
    let file, source: Source;
    if (values.package) {
      const u = await unpackForImport(values.package, passphrase(false), sourceOf(values.source, false));
      file = u.file;
      source = u.source;
      cleanup = u.cleanup;
    } else {
      source = sourceOf(values.source, true)!;
      file = localFile(positionals[0]);
    }
    const now = new Date();
    const t0 = Date.now();
    const started = await beginImport(store.raw, store.file, file, { source, fileDate: values.date }, who(), now, lang);
    let summary = started.summary;
    if (!started.duplicateFile) {
      const timer = json
        ? null
        : setInterval(() => {
            const s = importStatus(store.raw, started.importId, lang);
            process.stderr.write(`\r${s.phase ?? ''} ${s.done}/${s.total} rows${s.etaSeconds ? `, ~${s.etaSeconds}s left` : ''}   `);
          }, 500);
      await importFinished(started.importId);
      if (timer) clearInterval(timer);
      const s = importStatus(store.raw, started.importId, lang);
      if (!json) process.stderr.write('\n');
      if (!s.summary || s.status !== 'applied')
        throw appError('import_failed', `The import did not complete: ${s.error ?? s.status}`, `导入未完成：${s.error ?? s.status}`);
      summary = s.summary;
    }
    if (json) {
      console.log(JSON.stringify(summary, null, 2));
    } else {
      const x = summary!;
      console.log(`${x.file} (${x.source}, sha256 ${x.sha256})${x.duplicateFile ? ' — already imported, nothing added' : ''}`);
      const persons = `matched persons ${x.matchedPersons}, unknown persons ${x.unknownPersons}`;
      const seconds = ((Date.now() - t0) / 1000).toFixed(1);
      console.log(
        `rows read ${x.rowsRead}, accepted ${x.accepted}, rejected ${x.rejected.length}, ${persons}, warnings raised ${x.warningsRaised} (${seconds} s)`,
      );
      for (const r of x.rejected.slice(0, 50)) console.log(`  row ${r.row} [${r.column}]: ${r.reason}`);
      if (x.rejected.length > 50) console.log(`  … ${x.rejected.length - 50} more`);
    }
    return 0;
  } finally {
    cleanup();
    await store.close();
  }
}

export async function runExchangeCli(cmd: string, argv: string[]): Promise<number> {
  switch (cmd) {
    case 'import':
      return runImport(argv);
    case 'export': {
      const { values } = parse(argv, {
        source: { type: 'string' },
        db: { type: 'string' },
        out: { type: 'string' },
        zip: { type: 'boolean' },
        encrypt: { type: 'boolean' },
      });
      if (!values.out) throw new UsageError('usage: safetynet export --source KIND --out DIR [--db FILE] [--zip] [--encrypt]');
      const store = await openOfficeStore(dbOf(values.db));
      try {
        const r = await exportVerificationRequests(
          store.raw,
          {
            source: sourceOf(values.source, true)!,
            folder: values.out,
            zip: values.zip === true,
            passphrase: values.encrypt === true ? passphrase(true) : null,
          },
          who(),
          new Date(),
          VERSION,
        );
        console.log(
          JSON.stringify(
            { target: r.target, persons: r.persons, withoutAuthorisation: r.withoutAuthorisation, files: r.manifest.files },
            null,
            2,
          ),
        );
        return 0;
      } finally {
        await store.close();
      }
    }
    case 'backup': {
      const { values } = parse(argv, { db: { type: 'string' }, out: { type: 'string' } });
      if (!values.out) throw new UsageError('usage: safetynet backup --out DIR [--db FILE]   (passphrase in $SAFETYNET_PASSPHRASE)');
      const store = await openOfficeStore(dbOf(values.db));
      try {
        const r = await createBackup(store.raw, values.out, passphrase(true)!, who(), new Date(), VERSION);
        console.log(JSON.stringify(r, null, 2));
        return 0;
      } finally {
        await store.close();
      }
    }
    case 'restore': {
      const { values, positionals } = parse(argv, { db: { type: 'string' } });
      if (!positionals[0]) throw new UsageError('usage: safetynet restore PACKAGE [--db FILE]   (passphrase in $SAFETYNET_PASSPHRASE)');
      const dbFile = dbOf(values.db);
      const r = await restoreBackup(null, dbFile, positionals[0], passphrase(true)!, who(), new Date());
      // An older backup is brought up to this version's schema.
      const store = await openOfficeStore(dbFile);
      await store.close();
      console.log(JSON.stringify(r, null, 2));
      return 0;
    }
    default:
      throw new UsageError(`unknown command ${cmd}`);
  }
}
