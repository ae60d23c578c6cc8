/**
 * Reasons → text, on demand only (screens, CLI, printed explanations). People are named by
 * relation and name (`户主 赵志刚`), never by ID number, when the household is at hand; the
 * rule's code is not part of the text (it travels beside it, for a details view).
 */
import { formatFen } from '../common/money';
import { CODES, RELATION_WORDS, RULES } from './rules';
import type { Reason } from './types';

export type Lang = 'zh' | 'en';

/** The household's members by ID number: how a reason names them. */
export type People = ReadonlyMap<string, { name: string; relation: string }>;

/** `{ members: [{ idNumber, name, relation }] }` (a household file) → People. */
export function peopleOf(h: { members: readonly { idNumber: string; name: string; relation: string }[] } | null | undefined): People {
  return new Map((h?.members ?? []).map((m) => [m.idNumber, { name: m.name, relation: m.relation }]));
}

/** `户主 赵志刚` / `head 赵志刚`; the ID number itself when the person is not in `people`. */
export function personText(idNumber: string, lang: Lang, people?: People): string {
  const p = people?.get(idNumber);
  if (!p) return idNumber;
  const rel = RELATION_WORDS[p.relation];
  return rel ? `${rel[lang]} ${p.name}` : p.name;
}

/** Formats one figure by its key's suffix (see types.ts Figures). */
export function formatFigure(key: string, value: number | string | undefined, lang: Lang, people?: People): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') {
    // A member is named by relation and name; a supporter inside the household by name (its relation is in the text).
    if (key === 'idNumber') return personText(value, lang, people);
    if (key === 'supporter') return people?.get(value)?.name ?? value;
    const code = CODES[value];
    return code ? code[lang] : value;
  }
  if (key.endsWith('Fen')) return formatFen(value);
  if (key.endsWith('Rate')) return `${trimNumber(Math.round(value * 10000) / 100)}%`;
  if (key.endsWith('Area')) return trimNumber(Math.round(value * 100) / 100);
  return trimNumber(value);
}

function trimNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 10000) / 10000);
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** `Dibao: income test: per-capita income 640.00 < standard 750.00 …` (the rule's code is `reason.rule`). */
export function renderReason(reason: Reason, lang: Lang, people?: People): string {
  const rule = RULES[reason.rule];
  if (!rule) return `${reason.rule} ${JSON.stringify(reason.figures)}`;
  const template = reason.pass === false && rule.failText ? rule.failText[lang] : rule.text[lang];
  const body = template.replace(PLACEHOLDER, (_, key: string) => formatFigure(key, reason.figures[key], lang, people));
  const sep = lang === 'zh' ? '：' : ': ';
  return `${rule.title[lang]}${sep}${body}`;
}
