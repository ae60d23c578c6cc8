/**
 * Source profiles (docs/rules/assistance.md §6): one per department file, with its source code,
 * the fields it carries (Chinese and English header names for automatic mapping), whether the
 * member's signed authorisation is needed, and what a row becomes once read (its category,
 * date, evidence key, amount in fen, detail). What a row means for a warning is decided by
 * monitoring (src-main/monitoring/department-rules.ts).
 */
import { SOURCES, type Source } from '../common/codes';
import { halfWidth } from './normalize';
import type { Profile } from './profile-fields';
import { INCOME_PROFILES } from './profiles-income';
import { SERVICE_PROFILES } from './profiles-services';
import { STATUS_PROFILES } from './profiles-status';

export { SOURCES, type Source };
export type { FieldSpec, FieldType, Profile, RowProblem, RowValues, Staged } from './profile-fields';

export const PROFILES: Record<Source, Profile> = { ...STATUS_PROFILES, ...INCOME_PROFILES, ...SERVICE_PROFILES };

export const isSource = (s: string): s is Source => (SOURCES as readonly string[]).includes(s);

export function profileOf(source: string): Profile {
  if (!isSource(source)) throw new Error(`unknown source ${source}`);
  return PROFILES[source];
}

/** Header text reduced for comparison: half-width, lower case, no spaces, brackets, stars or units. */
export function headerKey(h: string): string {
  return halfWidth(h)
    .toLowerCase()
    .replace(/[\s_*:：()（）[\]【】（元）]|\(元\)|元$/g, '');
}
