import { describe, expect, it } from 'vitest';
import { zhSortKey } from '../../../src-main/shared/zh-sort';

const byKey = (xs: string[]) =>
  [...xs].sort((a, b) => {
    const x = zhSortKey(a)!,
      y = zhSortKey(b)!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
const byCollator = (xs: string[]) => [...xs].sort(new Intl.Collator('zh-CN').compare);

describe('zhSortKey', () => {
  it('sorts names, townships and villages as the zh-CN collator does (pinyin), with plain code-unit comparison', () => {
    const names = [
      '张三',
      '李四',
      '王五',
      '赵六',
      '欧阳明',
      '欧阳红',
      '白宝山',
      '邹紫涵',
      '周0号',
      '周2号',
      '周1号',
      '周10号',
      '阿依古丽·买买提',
      '阿姨',
      '曾国藩',
      '银行',
      '行走',
      '乐乐',
      '音乐',
      '安',
      '安娜',
      '城关镇',
      '河西乡',
      '柳树村',
      '东街社区',
      '八里庄村',
      'Abc',
      'abc',
      '123',
      '王 五',
    ];
    const want = byCollator(names);
    expect(byKey(names)).toEqual(want);
    // Not a restatement of code-point order: that puts 张 (U+5F20) before 李 (U+674E).
    expect(want.indexOf('李四')).toBeLessThan(want.indexOf('张三'));
    expect(['张三', '李四'].sort()).toEqual(['张三', '李四']);
  });

  it("keeps a character's own reading inside a word the collator knows, and puts characters it does not rank after all others", () => {
    // The collator reads 重 in 重庆 as chong; the key reads it zhong, as alone.
    expect(byCollator(['重庆', '乐乐', '赵六']).indexOf('重庆')).toBe(0);
    expect(byKey(['重庆', '乐乐', '赵六'])).toEqual(['乐乐', '赵六', '重庆']);
    // An extension-B character (a surrogate pair) sorts after every ranked one (Latin comes after Han in zh-CN), and keys stay distinct.
    expect(byCollator(['张', 'a'])).toEqual(['张', 'a']);
    expect(byKey(['𠀀', 'a', '张'])).toEqual(['张', 'a', '𠀀']);
    expect(zhSortKey('𠀀')).not.toBe(zhSortKey('𠀁'));
    expect(zhSortKey(null)).toBeNull();
    expect(zhSortKey('')).toBe('');
  });
});
