/** `safetynet household import|export`: the household file v1 through the same service code. */
import fs from 'node:fs';
import { openEncryptedStore } from '../security/store';
import { openOfficeStore } from './store';
import { createHousehold } from '../registry/edit';
import { loadHousehold, toHouseholdFile } from '../registry/households';
import { parseHouseholdFile } from '../common/household-file';
import { todayIso } from '../common/dates';
import { AppError, appError } from '../common/errors';

export async function importHouseholdFile(file: string, dbFile: string, username: string): Promise<number> {
  const text = fs.readFileSync(file, 'utf8');
  const r = parseHouseholdFile(text, todayIso());
  if (!r.ok) {
    for (const e of r.errors) process.stderr.write(JSON.stringify({ error: e }) + '\n');
    return 2;
  }
  const store = await openOfficeStore(dbFile);
  try {
    const { id } = createHousehold(store.raw, r.value.household, { userId: null, username }, new Date(), 'import');
    console.log(JSON.stringify({ imported: file, householdId: id }));
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      process.stderr.write(JSON.stringify({ error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } }) + '\n');
      return 2;
    }
    throw e;
  } finally {
    await store.close();
  }
}

export async function exportHouseholdFile(dbFile: string, id: number, out?: string): Promise<number> {
  const store = await openEncryptedStore(dbFile, { migrate: false });
  try {
    const h = loadHousehold(store.raw, id);
    if (!h) throw appError('not_found', `There is no household #${id}.`, `没有编号为 ${id} 的家庭。`);
    const text = toHouseholdFile(h.data);
    if (out) fs.writeFileSync(out, text);
    else process.stdout.write(text);
    return 0;
  } finally {
    await store.close();
  }
}
