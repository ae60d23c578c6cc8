/**
 * The service while the store waits for its key (docs/security.md "A database on another
 * computer"): the database is encrypted and the key kept on this computer is missing or does not
 * open it. Every call answers why (`db_key_required` / `db_key_wrong`, in the caller's language),
 * so the renderer shows its recovery-key page; `store.unlock` tries the recovery key typed in and,
 * once it opens the store, every call goes to the real service. Nothing is written before that.
 */
import { CONTRACT, type Request } from '../contract';
import { AppError, appError, type Lang } from '../common/errors';
import type { Service } from './service';

export interface LockedService extends Service {
  /** The real service once the store is open, else null. */
  unlocked(): Service | null;
}

/** `reason`: the error the store's opening gave; `unlock` opens it with a typed key and makes the real service. */
export function lockedService(reason: AppError, unlock: (recoveryKey: string) => Promise<Service>): LockedService {
  let inner: Service | null = null;
  let opening: Promise<Service> | null = null;
  return {
    unlocked: () => inner,
    async invoke(req: Request) {
      if (inner) return inner.invoke(req);
      const lang: Lang = req.lang === 'en' ? 'en' : 'zh';
      if (req.method !== 'store.unlock') return { ok: false, error: reason.toBody(lang) };
      const parsed = CONTRACT['store.unlock'].input.safeParse(req.input ?? {});
      if (!parsed.success) {
        const e = appError('invalid_input', 'Enter the recovery key.', '请输入恢复密钥。', 'recoveryKey');
        return { ok: false, error: e.toBody(lang) };
      }
      // One attempt at a time: each costs a key derivation, and two could race to keep the key.
      if (opening) await opening.catch(() => null);
      if (inner) return { ok: true, value: { ok: true } };
      opening = unlock(parsed.data.recoveryKey);
      try {
        inner = await opening;
        return { ok: true, value: { ok: true } };
      } catch (e) {
        if (e instanceof AppError) return { ok: false, error: e.toBody(lang) };
        const err = appError('internal', `The database could not be opened: ${String(e)}`, `数据库无法打开：${String(e)}`);
        return { ok: false, error: err.toBody(lang) };
      } finally {
        opening = null;
      }
    },
  };
}
