/**
 * Handlers of the exchange, monitoring, review, verification, calendar and backup methods
 * (contract/exchange.ts). Thin: each validates what the contract cannot, names the actor,
 * and calls the domain module; writes are audited there.
 */
import fs from 'node:fs';
import { maskIdNumber, maskName } from '../common/id-number';
import { masksPersonalData, type Ctx, type HandlerMap } from './context';
import type { exchangeMethods } from '../contract/exchange';
import { PROFILES, SOURCES } from '../exchange/profiles';
import { resolveFileInput, type FileInput } from '../exchange/file-input';
import { preview, validate, history, unknownPersons, csvCell } from '../exchange/imports';
import { listMappings, saveMapping } from '../exchange/mapping';
import { beginImport, unpackForImport } from '../exchange/start';
import { cancelImport, importStatus, runningImport } from '../exchange/runner';
import { rejectedOf } from '../exchange/apply';
import { exportVerificationRequests, packFile } from '../exchange/export';
import { openPackage } from '../exchange/package';
import { queue, getWarning, assign, recordVisit, closeWarning, counts } from '../monitoring/warnings';
import { checkRegistry } from '../monitoring/registry-checks';
import { reviewsDue, recordReview } from '../monitoring/reviews';
import { verificationReport } from '../monitoring/verification';
import { importCalendar, listCalendar, parseCalendarCsv } from '../monitoring/calendar';
import { backupStatus, createBackup, restoreBackup } from '../backup/backup';
import { migrateToLatest } from '../db/open';
import { appError } from '../common/errors';

type Names = keyof typeof exchangeMethods;

const actor = (ctx: Ctx) => ({ userId: ctx.user?.id ?? null, username: ctx.user?.username ?? ctx.actorName ?? 'system' });
const staffActor = (ctx: Ctx) => {
  if (!ctx.user) throw appError('not_logged_in', 'Please log in.', '请先登录。');
  return { userId: ctx.user.id, username: ctx.user.username };
};

function withFile<T>(f: FileInput, fn: (file: { file: string; name: string; bytes: number }) => Promise<T>): Promise<T> {
  const r = resolveFileInput(f);
  return fn(r);
}

export const exchangeHandlers: HandlerMap<Names> = {
  'exchange.sources': () => SOURCES.map((s) => {
    const p = PROFILES[s];
    return { source: s, zh: p.zh, en: p.en, department: p.department, needsAuthorisation: p.needsAuthorisation, fields: p.fields.map((x) => ({ key: x.key, label: x.zh, required: x.required, type: x.type })) };
  }),
  'exchange.preview': (i, ctx) => withFile(i.file, (f) => preview(ctx.store.raw, f, i.source, { mapping: i.mapping, headerRow: i.headerRow, rows: i.rows })),
  'exchange.validate': (i, ctx) => withFile(i.file, (f) => validate(ctx.store.raw, f, i.source, i, ctx.now, ctx.lang)),
  'exchange.start': async (i, ctx) => {
    if (!!i.file === !!i.package) throw appError('invalid_input', 'Choose a file or a package.', '请选择文件或数据包。', 'file');
    if (i.package) {
      const u = await unpackForImport(i.package.path, i.package.passphrase, i.source);
      try {
        return await beginImport(ctx.store.raw, ctx.store.file, u.file, { ...i, source: u.source }, actor(ctx), ctx.now, ctx.lang, u.cleanup);
      } catch (e) {
        u.cleanup();
        throw e;
      }
    }
    if (!i.source) throw appError('invalid_input', 'Choose the source of the file.', '请选择数据来源。', 'source');
    const f = resolveFileInput(i.file!);
    return beginImport(ctx.store.raw, ctx.store.file, f, { ...i, source: i.source }, actor(ctx), ctx.now, ctx.lang);
  },
  'exchange.status': (i, ctx) => importStatus(ctx.store.raw, i.importId, ctx.lang),
  'exchange.cancel': async (i, ctx) => {
    await cancelImport(ctx.store.raw, i.importId, actor(ctx), ctx.now);
    return { ok: true as const };
  },
  'exchange.running': () => ({ importId: runningImport() }),
  'exchange.history': (i, ctx) => {
    const h = history(ctx.store.raw, i), running = runningImport();
    return { ...h, items: h.items.map((x) => ({ ...x, running: x.id === running })) };
  },
  'exchange.rejected': (i, ctx) => {
    const rows = rejectedOf(ctx.store.raw, i.importId, ctx.lang);
    const csv = '\uFEFF' + [ctx.lang === 'zh' ? '行,列,原因' : 'row,column,reason', ...rows.map((r) => [r.row, r.column, r.reason].map(csvCell).join(','))].join('\r\n') + '\r\n';
    return { rows, csvBase64: Buffer.from(csv).toString('base64') };
  },
  'exchange.unknownPersons': (i, ctx) => unknownPersons(ctx.store.raw, i.importId, i),
  'exchange.mappings': (_i, ctx) => listMappings(ctx.store.raw),
  'exchange.saveMapping': (i, ctx) => {
    saveMapping(ctx.store.raw, i.source, i.mapping, actor(ctx), ctx.now);
    return { ok: true as const };
  },
  'export.verificationRequests': (i, ctx) => exportVerificationRequests(ctx.store.raw, { ...i, mask: masksPersonalData(ctx) }, actor(ctx), ctx.now, ctx.opts.version),
  'export.package': (i, ctx) => withFile(i.file, (f) => packFile(ctx.store.raw, f.file, i.source, i.folder, i.passphrase ?? null, actor(ctx), ctx.now, ctx.opts.version, i.zip)),
  'export.verifyPackage': async (i) => {
    const p = await openPackage(i.path, i.passphrase);
    p.cleanup();
    return { ok: true as const, manifest: p.manifest };
  },
  'monitoring.queue': (i, ctx) => queue(ctx.store.raw, i, ctx.now, masksPersonalData(ctx)),
  'monitoring.get': (i, ctx) => {
    const w = getWarning(ctx.store.raw, i.id);
    return masksPersonalData(ctx) && w ? { ...w, idNumber: w.idNumber ? maskIdNumber(w.idNumber) : w.idNumber, personName: w.personName ? maskName(w.personName) : w.personName } : w;
  },
  'monitoring.assign': (i, ctx) => ({ assigned: assign(ctx.store.raw, i.ids, i.assigneeId, actor(ctx), ctx.now) }),
  'monitoring.recordVisit': (i, ctx) => ({ id: recordVisit(ctx.store.raw, i, actor(ctx), ctx.now) }),
  'monitoring.close': (i, ctx) => closeWarning(ctx.store.raw, i, staffActor(ctx), ctx.now),
  'monitoring.counts': (_i, ctx) => ({ ...counts(ctx.store.raw, ctx.now, ctx.user?.id ?? null), reviews: (() => { const r = reviewsDue(ctx.store.raw, ctx.now, { pageSize: 1 }); return { due: r.total, overdue: r.overdue }; })(), backup: backupStatus(ctx.store.raw, ctx.now) }),
  'monitoring.checkRegistry': (_i, ctx) => checkRegistry(ctx.store.raw, ctx.now, actor(ctx)),
  'reviews.due': (i, ctx) => reviewsDue(ctx.store.raw, ctx.now, i),
  'reviews.record': (i, ctx) => ({ id: recordReview(ctx.store.raw, i, actor(ctx), ctx.now) }),
  'verification.report': (i, ctx) => verificationReport(ctx.store.raw, i.householdId, masksPersonalData(ctx)),
  'calendar.list': (i, ctx) => listCalendar(ctx.store.raw, i.year),
  'calendar.import': (i, ctx) => {
    const f = resolveFileInput(i.file);
    if (f.bytes > 1_000_000) throw appError('file_too_large', 'A calendar file is small; this one is over 1 MB.', '日历文件不应超过 1 MB。', 'file');
    return importCalendar(ctx.store.raw, parseCalendarCsv(fs.readFileSync(f.file, 'utf8')), actor(ctx), ctx.now);
  },
  'backup.create': (i, ctx) => createBackup(ctx.store.raw, i.folder, i.passphrase, actor(ctx), ctx.now, ctx.opts.version),
  'backup.status': (_i, ctx) => backupStatus(ctx.store.raw, ctx.now),
  'backup.restore': async (i, ctx) => {
    const r = await restoreBackup(ctx.store.raw, ctx.store.file, i.path, i.passphrase, actor(ctx), ctx.now);
    await migrateToLatest(ctx.store.db);
    return r;
  },
};
