import { SOURCES } from '../common/codes';
import { appError } from '../common/errors';
import type { exchangeMethods } from '../contract/exchange';
import { rejectedOf } from '../exchange/apply';
import { history, preview, unknownPersons, validate } from '../exchange/imports';
import { csvText } from '../shared/csv-out';
import { listMappings, saveMapping } from '../exchange/mapping';
import { PROFILES } from '../exchange/profiles';
import { cancelImport, importStatus, runningImport } from '../exchange/runner';
import { beginImport, unpackForImport } from '../exchange/start';
import { actor, type HandlerMap } from './context';
import { fileOf, gateOf, packagePathOf } from './files';

export const exchangeHandlers: HandlerMap<keyof typeof exchangeMethods> = {
  'exchange.sources': () =>
    SOURCES.map((s) => {
      const p = PROFILES[s];
      return {
        source: s,
        zh: p.zh,
        en: p.en,
        department: p.department,
        needsAuthorisation: p.needsAuthorisation,
        fields: p.fields.map((x) => ({ key: x.key, label: x.zh, required: x.required, type: x.type })),
      };
    }),
  'exchange.preview': (i, ctx) =>
    preview(ctx.store.raw, fileOf(ctx, i.file), i.source, { mapping: i.mapping, headerRow: i.headerRow, rows: i.rows }),
  'exchange.validate': (i, ctx) => validate(ctx.store.raw, fileOf(ctx, i.file), i.source, i, ctx.now, ctx.lang),
  'exchange.start': async (i, ctx) => {
    if (!!i.file === !!i.package) throw appError('invalid_input', 'Choose a file or a package.', '请选择文件或数据包。', 'file');
    if (i.package) {
      const u = await unpackForImport(packagePathOf(ctx, i.package), i.package.passphrase, i.source);
      try {
        return await beginImport(
          ctx.store.raw,
          ctx.store.file,
          u.file,
          { ...i, source: u.source },
          actor(ctx),
          ctx.now,
          ctx.lang,
          u.cleanup,
        );
      } catch (e) {
        u.cleanup();
        throw e;
      }
    }
    if (!i.source) throw appError('invalid_input', 'Choose the source of the file.', '请选择数据来源。', 'source');
    const f = fileOf(ctx, i.file!);
    // An upload is used up once its import is over (docs/security.md "Inputs"); the same file uploaded again resumes it.
    const release = () => {
      if (f.upload) gateOf(ctx).transfer.release(f.upload);
    };
    return beginImport(ctx.store.raw, ctx.store.file, f, { ...i, source: i.source }, actor(ctx), ctx.now, ctx.lang, release);
  },
  'exchange.status': (i, ctx) => importStatus(ctx.store.raw, i.importId, ctx.lang),
  'exchange.cancel': async (i, ctx) => {
    await cancelImport(ctx.store.raw, i.importId, actor(ctx), ctx.now);
    return { ok: true as const };
  },
  'exchange.running': () => ({ importId: runningImport() }),
  'exchange.history': (i, ctx) => {
    const h = history(ctx.store.raw, i);
    const running = runningImport();
    return { ...h, items: h.items.map((x) => ({ ...x, running: x.id === running })) };
  },
  'exchange.rejected': (i, ctx) => {
    const rows = rejectedOf(ctx.store.raw, i.importId, ctx.lang);
    const header = ctx.lang === 'zh' ? ['行', '列', '原因'] : ['row', 'column', 'reason'];
    const csv = csvText([header, ...rows.map((r) => [r.row, r.column, r.reason])]);
    return { rows, csvBase64: Buffer.from(csv).toString('base64') };
  },
  'exchange.unknownPersons': (i, ctx) => unknownPersons(ctx.store.raw, i.importId, i),
  'exchange.mappings': (_i, ctx) => listMappings(ctx.store.raw),
  'exchange.saveMapping': (i, ctx) => {
    saveMapping(ctx.store.raw, i.source, i.mapping, actor(ctx), ctx.now);
    return { ok: true as const };
  },
};
