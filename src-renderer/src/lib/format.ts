import dayjs from 'dayjs';
import { formatFen } from '../../../src-main/common/money';
import { auditActionLabel, auditRecordLabel, auditWhoLabel } from '../../../src-main/common/audit-labels';
import i18n from '../i18n';

/** `1,523.00 元`, in English `1,523.00 yuan` (issue 21: no Chinese on an English page). */
export const money = (fen: number) => `${formatFen(fen)} ${i18n.language === 'en' ? 'yuan' : '元'}`;

/** An audit row's action and record kind in words (src-main/common/audit-labels.ts), never the stored code. */
export const auditAction = (code: string) => auditActionLabel(code, i18n.language === 'en' ? 'en' : 'zh');
export const auditWho = (username: string) => auditWhoLabel(username, i18n.language === 'en' ? 'en' : 'zh');
export const auditRecord = (entity: string, entityId: string | null) =>
  auditRecordLabel(entity, entityId, i18n.language === 'en' ? 'en' : 'zh');

/**
 * The language a stored text was written in (an audit summary, a typed reason): marked so, it is read as the record it is, not as
 * the page's words. Audit summaries are sealed as written, many in both scripts (`death on 2026-10-01 (王建国): 对象已死亡…`): `mul`.
 */
export function recordLang(text: string | null | undefined): 'zh-CN' | 'en' | 'mul' {
  const han = /[\u3400-\u9fff]/.test(text ?? '');
  const latin = /[A-Za-z]{2,}/.test(text ?? '');
  return han && latin ? 'mul' : han ? 'zh-CN' : 'en';
}

/** A parameter set's name (`demo-county@2026-01-01`) in words: the values in force from that date. */
export function parameterSetText(id: string | null | undefined): string {
  if (!id) return '—';
  const m = /^(.*)@(\d{4}-\d{2}-\d{2})$/.exec(id);
  if (!m) return id;
  const key = m[1] === 'demo-county' ? 'app.parameterSetDemo' : 'app.parameterSet';
  return i18n.t(key, { date: m[2], name: m[1] });
}
export const moneyYuan = (yuan: number) => money(Math.round(yuan * 100));
/** `2026-11-01` (local calendar) from an ISO timestamp. */
export function date(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD') : iso;
}
/** `2026-11-01 09:30:05` (local clock) from an ISO timestamp. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : iso;
}
/** Translates an enumeration value: enumLabel('tier', 'dibao'). */
export function enumLabel(group: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = `enums.${group}.${value}`;
  return i18n.exists(key) ? i18n.t(key) : value;
}
