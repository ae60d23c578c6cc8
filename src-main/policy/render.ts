/** Reasons → text, on demand only (screens, CLI, printed explanations). */
import { formatFen } from '../common/money';
import { CODES, RULES } from './rules';
import type { Reason } from './types';

export type Lang = 'zh' | 'en';

/** Formats one figure by its key's suffix (see types.ts Figures). */
export function formatFigure(key: string, value: number | string | undefined, lang: Lang): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') {
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

/** `[dibao.income] Dibao: income test: per-capita income 640.00 < standard 750.00 …` */
export function renderReason(reason: Reason, lang: Lang): string {
  const rule = RULES[reason.rule];
  if (!rule) return `[${reason.rule}] ${JSON.stringify(reason.figures)}`;
  const template = reason.pass === false && rule.failText ? rule.failText[lang] : rule.text[lang];
  const body = template.replace(PLACEHOLDER, (_, key: string) => formatFigure(key, reason.figures[key], lang));
  const sep = lang === 'zh' ? '：' : ': ';
  return `[${reason.rule}] ${rule.title[lang]}${sep}${body}`;
}
