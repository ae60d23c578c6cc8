import { describe, expect, it } from 'vitest';
import { BUNDLES } from '../../../src-renderer/src/i18n/bundles';
import { mergeBundles, type Bundle, type Words } from '../../../src-renderer/src/i18n/bundle';

/** Every leaf key path of a words tree ("monitoring.counts.open"). */
function leaves(w: Words | string | readonly string[], prefix = ''): string[] {
  if (typeof w === 'string' || Array.isArray(w)) return [prefix];
  return Object.entries(w as Words).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('the words of every domain', () => {
  it('have every key in both languages', () => {
    for (const [domain, b] of Object.entries(BUNDLES)) {
      const zh = leaves(b.zh as Words).sort();
      const en = leaves(b.en as Words).sort();
      expect({ domain, onlyZh: zh.filter((k) => !en.includes(k)), onlyEn: en.filter((k) => !zh.includes(k)) }).toEqual({
        domain,
        onlyZh: [],
        onlyEn: [],
      });
    }
  });

  it('never share a top-level key between two domains', () => {
    const owners = new Map<string, string[]>();
    for (const [domain, b] of Object.entries(BUNDLES)) for (const k of Object.keys(b.zh)) owners.set(k, [...(owners.get(k) ?? []), domain]);
    expect([...owners].filter(([, ds]) => ds.length > 1)).toEqual([]);
  });

  it('refuse to merge a clash instead of replacing a namespace', () => {
    const a: Bundle = { zh: { x: { a: '甲' } }, en: { x: { a: 'a' } } };
    const b: Bundle = { zh: { x: { b: '乙' } }, en: { x: { b: 'b' } } };
    expect(() => mergeBundles({ a, b })).toThrow(/"x" is used by both a and b/);
  });
});
