/**
 * The office's words for temporary assistance (UX.md "Words"), in Chinese as the chain, the
 * printed ledger and the publicity list keep them; the screens translate codes themselves.
 */
import type { PaidFrom, TemporaryBand, TemporaryKind, TemporaryStatus, TemporaryTrack } from '../common/codes';
import { REASON_LABEL } from './reasons';

export const BASIS_ZH = '《社会救助暂行办法》第九章 临时救助';

export const KIND_ZH: Record<TemporaryKind, string> = { emergency: '急难型', expenditure: '支出型' };
export const TRACK_ZH: Record<TemporaryTrack, string> = { quick: '小额快救', assist_first: '先行救助', ordinary: '一般程序' };
export const BAND_ZH: Record<TemporaryBand, string> = { quick: '小额快救', township: '乡镇', county: '县级', case_by_case: '一事一议' };
export const PAID_FROM_ZH: Record<PaidFrom, string> = { standby_fund: '乡镇备用金', county: '县级' };
export const STATUS_ZH: Record<TemporaryStatus, string> = {
  pending: '待审批',
  awaiting_second: '待第二人审批',
  approved: '已批准',
  paid: '已发放',
  refused: '不予救助',
};

export const reasonZh = (reason: string) => REASON_LABEL[reason]?.[0] ?? reason;

/** `急难型·火灾·小额快救` */
export function caseLabelZh(c: { kind: TemporaryKind; reason: string; track: TemporaryTrack }): string {
  return `${KIND_ZH[c.kind]}·${reasonZh(c.reason)}${c.track === 'ordinary' ? '' : `·${TRACK_ZH[c.track]}`}`;
}
