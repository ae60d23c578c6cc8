/**
 * The file a service provider brings on USB (docs/rules/temporary-service-recovery.md §12.4,
 * source `service_records`): one row per service delivered — record id, ID number, provider,
 * service code, date, quantity, staff, note. A row read here is only checked for form; whether
 * it is accepted (a plan, the quantity, a record id not seen before, the plan's provider) is
 * decided at apply by src-main/services/, row by row.
 */
import { date, field, ID, isProblem, NAME, need, type Profile } from './profile-fields';

/** A whole number of units: services are counted in visits, hours, meals, sessions or cases. */
const QUANTITY = /^\d{1,5}$/;

export const SERVICE_PROFILES = {
  service_records: {
    source: 'service_records',
    zh: '服务机构：服务记录',
    en: 'Service providers: service records',
    department: 'civil_affairs',
    needsAuthorisation: false,
    fields: [
      field('recordId', 'text', true, '记录编号', ['服务记录编号', '记录号', '编号', 'recordid', 'record']),
      ID,
      NAME,
      // The file's columns as §12.4 lists them name no provider; the provider's own file says who it is, row by row.
      field('provider', 'text', true, '服务机构', ['机构', '服务机构名称', '机构代码', 'provider']),
      field('serviceCode', 'text', true, '服务项目', ['服务代码', '服务项目代码', '项目', 'servicecode', 'service']),
      field('date', 'date', true, '服务日期', ['日期', 'date', 'servicedate']),
      field('quantity', 'text', true, '数量', ['服务数量', '次数', 'quantity', 'qty']),
      field('staff', 'text', false, '服务人员', ['社工', '工作人员', 'staff']),
      field('note', 'text', false, '备注', ['说明', 'note']),
    ],
    stage(v) {
      for (const [k, zh] of [
        ['recordId', '记录编号'],
        ['provider', '服务机构'],
        ['serviceCode', '服务项目'],
      ] as const) {
        const p = need(v, k, zh);
        if (p) return p;
      }
      const d = date(v, 'date', '服务日期', true);
      if (isProblem(d)) return d;
      const q = v.quantity ?? '';
      if (!QUANTITY.test(q) || Number(q) === 0)
        return { field: 'quantity', en: `"${q}" is not a whole number of units above 0`, zh: `“${q}”不是大于 0 的整数` };
      return {
        category: 'service_record',
        eventDate: d,
        evidenceKey: v.recordId,
        amountFen: null,
        detail: v.note || null,
        service: { provider: v.provider, serviceCode: v.serviceCode, quantity: Number(q), staff: v.staff || null, note: v.note || null },
      };
    },
  },
} satisfies Record<string, Profile>;
