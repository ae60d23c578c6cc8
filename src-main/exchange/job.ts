/**
 * One import job, start to finish, on a given connection: stage (resumable batches), then
 * apply (one transaction) what the staging read. If a member changed between the two (the
 * registry epoch moved), the file is read and applied again; if that happens once more, the
 * last attempt holds the write transaction from the start, so that the registry cannot change
 * under it (the app's other writes wait for it: a last resort, not the rule). A large file's
 * staging may apply along its last stretch (./stage.ts StageOptions.applyAlong): it then hands
 * over the write transaction it holds, which apply joins and this job commits. The worker thread
 * runs it on its own connection; tests may run it inline.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Actor } from '../audit/actor';
import { applyImport, RegistryChanged, type ImportSummary } from './apply';
import { setCancelled } from './import-store';
import { stageFile, type StageJob, type StageProgress } from './stage';

export interface JobProgress extends StageProgress {
  phase: 'staging' | 'applying';
}

export interface JobOptions {
  actor: Actor;
  /** The clock: staging and apply each take their moment from it. */
  now: () => Date;
  lang: 'zh' | 'en';
  onProgress?: (p: JobProgress) => void;
  cancelled?: () => boolean;
  /** Read a large file in threads of its own (the import worker does). */
  inThread?: boolean;
}

export async function runImportJob(raw: BetterSqlite3.Database, job: StageJob, o: JobOptions): Promise<ImportSummary | null> {
  const { actor, now, lang, onProgress = () => {}, cancelled = () => false, inThread = false } = o;
  for (const locked of [false, false, true]) {
    if (locked) raw.exec('BEGIN IMMEDIATE');
    try {
      const st = await stageFile(raw, job, {
        onProgress: (p) => onProgress({ ...p, phase: 'staging' }),
        cancelled,
        inThread,
        locked,
        applyAlong: { actor, now: now() },
      });
      if (st === 'cancelled') {
        if (locked) raw.exec('ROLLBACK');
        setCancelled(raw, job.importId);
        return null;
      }
      onProgress({ phase: 'applying', rowsRead: st.rowsRead, staged: st.accepted, rejected: 0, estimatedTotal: st.rowsRead });
      const summary = applyImport(raw, job.importId, actor, now(), lang, st);
      // Locked, or applied along the last of the file: the transaction staging began is this one to end.
      if (locked || st.raised !== null) raw.exec('COMMIT');
      return summary;
    } catch (e) {
      if (raw.inTransaction) raw.exec('ROLLBACK');
      if (e instanceof RegistryChanged && !locked) continue;
      throw e;
    }
  }
  throw new Error('unreachable');
}
