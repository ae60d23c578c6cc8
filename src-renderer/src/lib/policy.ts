/** Small helpers for the assistance-engine screens. */
import i18n from '../i18n';
import { addMonths, monthOf, todayIso } from '../../../src-main/shared/dates';

/** `2026年12月` in Chinese, `2026-12` in English (UX.md). */
export function monthText(month: string | null | undefined): string {
  if (!month) return '—';
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  return i18n.language === 'en' ? `${m[1]}-${m[2]}` : `${m[1]}年${Number(m[2])}月`;
}

/** The month an approval decided today takes effect (the service's rule: the next month). */
export const nextMonth = () => addMonths(monthOf(todayIso()), 1);

/** Saves a base64 payload as a download. */
export function downloadBase64(fileName: string, base64: string, type: string) {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}
