/**
 * One import job, start to finish, on a given connection: stage (resumable batches), then
 * apply (one transaction). The worker thread runs it on its own connection; tests may run
 * it inline.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { stageFile, type StageJob, type StageProgress, type StageTally } from './stage';
import { applyImport, type Actor, type ImportSummary } from './apply';

export interface JobProgress extends StageProgress { phase: 'staging' | 'applying' }

export async function runImportJob(raw: BetterSqlite3.Database, job: StageJob, actor: Actor, now: () => Date, lang: 'zh' | 'en', onProgress: (p: JobProgress) => void = () => {}, cancelled: () => boolean = () => false, inThread = false): Promise<ImportSummary | null> {
  const status = (raw.prepare(`SELECT status FROM exchange_imports WHERE id = ?`).get(job.importId) as { status: string }).status;
  const tally: StageTally = { complete: false, accepted: 0, matched: 0, unknown: 0 };
  if (status !== 'staged' && status !== 'applied') {
    const r = await stageFile(raw, job, (p) => onProgress({ ...p, phase: 'staging' }), cancelled, tally, inThread);
    if (r === 'cancelled') {
      raw.prepare(`UPDATE exchange_imports SET status = 'cancelled' WHERE id = ? AND status = 'staging'`).run(job.importId);
      return null;
    }
  }
  const c = raw.prepare(`SELECT rows_read AS r FROM exchange_imports WHERE id = ?`).get(job.importId) as { r: number };
  onProgress({ phase: 'applying', rowsRead: c.r, staged: 0, rejected: 0, estimatedTotal: c.r });
  return applyImport(raw, job.importId, actor, now(), lang, tally.complete ? tally : undefined);
}
