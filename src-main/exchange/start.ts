/**
 * Starting an import, shared by the service and the CLI: prepare (hash, duplicate or resume),
 * remember the confirmed mapping for next month, then hand the work to the worker thread.
 * A package (folder or zip, possibly encrypted) is verified and unpacked first.
 */
import fs from 'node:fs';
import { makeTempDir } from '../shared/temp-files';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appError } from '../common/errors';
import { first, qb } from '../db/query';
import { prepareImport, type FileInfo } from './imports';
import { saveMapping, storedMapping, type Mapping } from './mapping';
import { startImportWorker, importFinished } from './runner';
import { openPackage } from './package';
import { isSource, type Source } from './profiles';
import type { Actor } from '../audit/actor';

export interface StartInput {
  source: Source;
  mapping?: Mapping;
  headerRow?: number;
  fileDate?: string;
  saveMapping?: boolean;
}

export async function beginImport(
  raw: BetterSqlite3.Database,
  dbFile: string,
  f: FileInfo,
  input: StartInput,
  actor: Actor,
  now: Date,
  lang: 'zh' | 'en',
  onFinished?: () => void,
) {
  const prepared = await prepareImport(raw, f, input.source, input, actor, now);
  if (prepared.kind === 'duplicate') {
    onFinished?.();
    return { importId: prepared.importId, duplicateFile: true, resumed: false, summary: prepared.summary };
  }
  if (input.saveMapping !== false && input.mapping) saveMapping(raw, input.source, input.mapping, actor, now);
  else if (input.saveMapping !== false) {
    const imp = first(raw, qb.selectFrom('exchange_imports').select('mapping_json').where('id', '=', prepared.importId))!;
    saveMapping(raw, input.source, storedMapping(imp.mapping_json), actor, now);
  }
  const id = startImportWorker(raw, dbFile, { job: prepared.job, actor, lang, nowIso: now.toISOString() });
  if (onFinished) void importFinished(id).then(onFinished);
  return { importId: id, duplicateFile: false, resumed: prepared.resumed, summary: null };
}

/** Verifies a package and extracts its data file to a private temp folder. */
export async function unpackForImport(
  pkg: string,
  passphrase: string | undefined,
  source?: Source,
): Promise<{ file: FileInfo; source: Source; cleanup(): void }> {
  const opened = await openPackage(pkg, passphrase);
  try {
    const data = opened.manifest.files.filter((x) => x.name !== 'manifest.json');
    if (opened.manifest.kind !== 'departmental_file' || data.length !== 1)
      throw appError('not_a_data_package', 'This package does not carry a departmental file.', '该数据包不含部门数据文件。', 'package');
    const s = source ?? opened.manifest.meta?.source;
    if (!s || !isSource(s)) throw appError('invalid_input', 'Choose the source of the file.', '请选择数据来源。', 'source');
    const name = data[0].name.replace(/\.enc$/, '');
    const tmp = makeTempDir('pkg');
    const file = path.join(tmp, name);
    await opened.extract(name, file);
    return {
      file: { file, name, bytes: fs.statSync(file).size },
      source: s,
      cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }),
    };
  } finally {
    opened.cleanup();
  }
}
