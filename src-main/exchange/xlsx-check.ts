/**
 * An XLSX is a zip: before exceljs sees one, its entries are counted, their declared sizes and
 * ratios checked, their layout checked (no bytes between entries that a reader walking local
 * headers would take for more entries) and every entry inflated once, counted and discarded,
 * within XLSX_LIMITS (docs/security.md "Inputs"). The wizard reads the same file a dozen times
 * (preview per source, mapping, validation, import): a file checked once is not checked again
 * while its size, time and inode stay the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readZip } from '../shared/zip';
import { XLSX_LIMITS } from './limits';

const checked = new Map<string, string>();

const stamp = (st: fs.Stats) => `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;

export async function checkXlsx(file: string, name = path.basename(file)): Promise<void> {
  const key = path.resolve(file);
  const before = stamp(await fs.promises.stat(key));
  if (checked.get(key) === before) return;
  await readZip(key, name, 'file', XLSX_LIMITS);
  if (checked.size > 100) checked.clear();
  // A file changed while it was read is checked again next time.
  if (stamp(await fs.promises.stat(key)) === before) checked.set(key, before);
}
