/** The office database as the command line opens it: migrated, with the shipped county parameters (as the service seeds them). */
import { openStore, type Store } from '../db/open';
import { ensureDefaultParameters } from '../policy/parameter-store';

export async function openOfficeStore(file: string): Promise<Store> {
  const store = await openStore(file);
  ensureDefaultParameters(store.raw, new Date());
  return store;
}
