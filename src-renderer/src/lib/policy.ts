/** Small helpers for the assistance-engine screens. */
import i18n from '../i18n';
import { addMonths, monthOf, todayIso } from '../../../src-main/common/dates';

/** `2026年12月` in Chinese, `2026-12` in English (UX.md). */
export function monthText(month: string | null | undefined): string {
  if (!month) return '—';
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  return i18n.language === 'en' ? `${m[1]}-${m[2]}` : `${m[1]}年${Number(m[2])}月`;
}

/** The month an approval decided today takes effect (the service's rule: the next month). */
export const nextMonth = () => addMonths(monthOf(todayIso()), 1);

export { downloadBase64 } from './files';
