/**
 * A household file's field paths and values in words (docs/household-file.md): the audit trail's
 * changes and a station conflict's fields read `成员 王建国 › 月收入 1 › 金额：900 → 1,000`, never
 * `members[…].monthlyIncome[1].amount` or a value's code.
 */
import i18n from '../i18n';
import { enumLabel } from '../lib/format';
import { diff, type Change } from '../lib/diff';

/** Fields whose values are codes, and the enum group that names them (src-renderer/src/i18n/app.ts `enums`); `parent.key` where the key alone is ambiguous. */
const ENUM_OF: Readonly<Record<string, string>> = {
  residence: 'residence',
  relation: 'relation',
  status: 'status',
  illness: 'illness',
  labour: 'labour',
  schooling: 'schooling',
  supportMode: 'supportMode',
  type: 'income',
  tier: 'tier',
  condition: 'housingCondition',
  tenure: 'housingTenure',
  returnToPovertyMonitoring: 'monitoring',
  'disability.kind': 'disability',
  'vehicles.kind': 'vehicle',
  'businesses.role': 'businessRole',
  'supportersOutside.relation': 'supporterRelation',
};

const TOKEN = /([^.[\]]+)|\[([^\]]*)\]/g;

/** One key in words; a key the table lacks is shown as it is (and the language walk catches it). */
const keyWords = (k: string) => (i18n.exists(`fieldWords.${k}`) ? i18n.t(`fieldWords.${k}`) : k);

/** An array item as diff.ts labels it: `[王建国 130123…]` → the name; `[2]` → 2. */
function itemWords(label: string): string {
  const parts = label.trim().split(/\s+/);
  if (parts.length > 1 && /^\d{17}[\dX]$/i.test(parts[parts.length - 1])) return parts.slice(0, -1).join(' ');
  return label;
}

export function pathWords(path: string): string {
  const out: string[] = [];
  for (const m of path.matchAll(TOKEN)) {
    if (m[1] !== undefined) out.push(keyWords(m[1]));
    else out[out.length - 1] = `${out[out.length - 1] ?? ''} ${itemWords(m[2])}`.trim();
  }
  return out.join(' › ');
}

/** The enum group of the value a path holds, if it holds a code. */
function enumGroup(path: string): string | undefined {
  const keys = [...path.matchAll(TOKEN)].filter((m) => m[1] !== undefined).map((m) => m[1]);
  const [parent, last] = keys.slice(-2).length === 2 ? keys.slice(-2) : ['', keys[0] ?? ''];
  return ENUM_OF[`${parent}.${last}`] ?? ENUM_OF[last];
}

export function valueWords(path: string, v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (v === '[]' || v === '{}') return i18n.t('fieldWords.none');
  if (typeof v === 'boolean') return v ? i18n.t('fieldWords.yes') : i18n.t('fieldWords.no');
  const group = enumGroup(path);
  if (group && typeof v === 'string') return enumLabel(group, v);
  if (typeof v === 'number') return v.toLocaleString(i18n.language === 'en' ? 'en-US' : 'zh-CN');
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The differences of two values of one field (`field`: a household's part, named in the row), in words; a plain value is one change. */
export function changesInWords(field: string, before: unknown, after: unknown): { path: string; before: string; after: string }[] {
  const plain = (x: unknown) => x === null || typeof x !== 'object';
  const changes: Change[] = plain(before) && plain(after) ? [{ path: '', before, after }] : diff(before, after);
  // The field's name gives the values their kind (`housing` › `condition`); the row already shows it.
  const full = (p: string) => (p ? `${field}.${p}` : field);
  return changes.map((c) => ({
    path: pathWords(c.path),
    before: valueWords(full(c.path), c.before),
    after: valueWords(full(c.path), c.after),
  }));
}
