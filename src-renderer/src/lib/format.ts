import { formatFen } from '../../../src-main/common/money';
import i18n from '../i18n';

/** `1,523.00 元` */
export const money = (fen: number) => `${formatFen(fen)} 元`;
export const moneyYuan = (yuan: number) => money(Math.round(yuan * 100));
/** `2026-11-01` (local calendar) from an ISO timestamp. */
export function date(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date(iso)} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
/** Translates an enumeration value: enumLabel('tier', 'dibao'). */
export function enumLabel(group: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = `enums.${group}.${value}`;
  return i18n.exists(key) ? i18n.t(key) : value;
}
