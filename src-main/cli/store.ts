/** The office database as the command line opens it: encrypted and migrated, with the shipped county parameters (as the service seeds them). */
import type { Store } from '../db/open';
import { ensureDefaultParameters } from '../policy/parameter-store';
import { openEncryptedStore } from '../security/store';

export async function openOfficeStore(file: string, opts: { key?: string } = {}): Promise<Store> {
  const store = await openEncryptedStore(file, opts);
  ensureDefaultParameters(store.raw, new Date());
  return store;
}
