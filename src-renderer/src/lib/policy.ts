/** Small helpers for the assistance-engine screens. */
import dayjs from 'dayjs';
import i18n from '../i18n';

/** `2026年12月` in Chinese, `2026-12` in English, as the office writes months. */
export function monthText(month: string | null | undefined): string {
  if (!month) return '—';
  const d = dayjs(`${month.slice(0, 7)}-01`);
  if (!/^\d{4}-\d{2}/.test(month) || !d.isValid()) return month;
  return d.format(i18n.language === 'en' ? 'YYYY-MM' : 'YYYY年M月');
}

/** The month an approval decided today takes effect (the service's rule: the next month, in the office's calendar). */
export const nextMonth = () => dayjs().add(1, 'month').format('YYYY-MM');

export { downloadBase64 } from './files';
