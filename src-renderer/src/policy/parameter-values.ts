/** A parameter's value as the office reads and types it: yuan for money, % for rates, a comma list for the taper. */
import {
  BENEFIT_MODES,
  DEMO_PARAMETERS,
  ROUNDING_MODES,
  type ParameterId,
  type ParameterUnit,
  type ParameterValue,
} from '../../../src-main/common/parameters';
import { enumLabel, money } from '../lib/format';

/** The code list of a `mode` parameter, and the enum group its labels are under. */
export const MODES: Partial<Record<ParameterId, { group: string; options: readonly string[] }>> = {
  'benefit.rounding': { group: 'rounding', options: ROUNDING_MODES },
  'benefit.mode': { group: 'mode', options: BENEFIT_MODES },
};
const UNITS = new Map<ParameterId, ParameterUnit>(DEMO_PARAMETERS.parameters.map((p) => [p.id, p.unit]));
export const unitOf = (id: ParameterId): ParameterUnit => UNITS.get(id) ?? 'count';
const trim = (n: number) => String(Math.round(n * 10000) / 10000);

/** A stored value as the office reads it: yuan for money, % for rates. */
export function showValue(id: ParameterId, unit: ParameterUnit, v: ParameterValue | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return v.map((x) => `${x}%`).join(', ');
  if (typeof v === 'string') {
    const mode = MODES[id];
    return mode ? enumLabel(mode.group, v) : v;
  }
  if (unit.startsWith('fen')) return money(v);
  if (unit === 'rate') return `${trim(v * 100)}%`;
  if (unit === 'multiplier') return `× ${trim(v)}`;
  return trim(v);
}

/** What the administrator types (yuan, %, a comma list) → the stored value (fen, fraction, integers). */
export function parseValue(unit: ParameterUnit, text: string): { value: ParameterValue } | { error: 'required' | 'number' | 'amount' } {
  const x = text.trim().replace(/[,，]\s*$/, '');
  if (!x) return { error: 'required' };
  if (unit === 'mode') return { value: x };
  if (unit === 'percent_list') {
    const parts = x.split(/[,，\s]+/).filter(Boolean);
    if (!parts.every((p) => /^\d{1,3}$/.test(p))) return { error: 'number' };
    return { value: parts.map(Number) };
  }
  const clean = x.replace(/,/g, '').replace(/%$/, '');
  if (!/^\d+(\.\d+)?$/.test(clean)) return { error: 'number' };
  const n = Number(clean);
  if (unit.startsWith('fen')) {
    if (!/^\d+(\.\d{1,2})?$/.test(clean)) return { error: 'amount' };
    return { value: Math.round(n * 100) };
  }
  if (unit === 'rate') return { value: Math.round(n * 10000) / 1000000 };
  return { value: n };
}

/** The value put back into the input (the reverse of parseValue). */
export function inputText(unit: ParameterUnit, v: ParameterValue): string {
  if (typeof v === 'object') return v.join(', ');
  if (typeof v === 'string') return v;
  if (unit.startsWith('fen')) return (v / 100).toFixed(2);
  if (unit === 'rate') return trim(v * 100);
  return trim(v);
}
