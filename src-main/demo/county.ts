/**
 * The demo county's fixed geography and name pools: 示范县 (region code 130123), twelve
 * townships — 城关镇 with urban 社区 communities and a few 村, the others rural with about
 * fifteen 村 each. Independent of the generator's seed, so every demo office has the same map.
 */
import type { Residence } from '../common/household-file';
import { mulberry32 } from '../common/random';

export const DEMO_OFFICE = { name: '示范县民政局', county: '示范县', regionCode: '130123' } as const;

/** Birth dates and ages are computed against this date, so output never depends on the clock. */
export const DEMO_REFERENCE_DATE = '2026-11-01';

/** Demo dibao standards (ASSISTANCE-RULES §9), yuan per person per month. */
export const DEMO_STANDARD: Record<Residence, number> = { urban: 750, rural: 600 };
/** Last year's per-capita disposable income (yuan/year), §9. */
export const DEMO_DISPOSABLE_INCOME: Record<Residence, number> = { urban: 48000, rural: 21000 };

export interface DemoVillage {
  name: string;
  residence: Residence;
}
export interface DemoTownship {
  name: string;
  /** 9-digit township code (county code + 3 digits), used in external ids. */
  code: string;
  /** Relative share of the county's households. */
  weight: number;
  villages: DemoVillage[];
}

const TOWNSHIP_NAMES: [string, number][] = [
  ['城关镇', 24],
  ['柳林镇', 8],
  ['石桥镇', 7],
  ['南庄乡', 6],
  ['北王乡', 6],
  ['高家庄镇', 8],
  ['杨村乡', 6],
  ['马头镇', 8],
  ['李家堡乡', 5],
  ['河西乡', 6],
  ['白塔镇', 7],
  ['三合乡', 5],
];

const COMMUNITIES = ['东街社区', '西街社区', '南关社区', '北关社区', '新华社区', '建设社区', '人民路社区', '文化路社区', '滨河社区', '朝阳社区', '光明社区', '幸福社区'];
const TOWN_VILLAGES = ['城东村', '城西村', '城南村', '城北村'];

const VILLAGE_STEMS = [
  '东王庄', '西王庄', '南王庄', '北王庄', '前进', '红旗', '大刘庄', '小刘庄', '张家庄', '李家庄', '赵家庄', '孙家庄', '周家庄', '吴家庄',
  '郑家庄', '马家庄', '杨家营', '高家营', '何家营', '石家寨', '胡家寨', '陈家寨', '东辛庄', '西辛庄', '南辛庄', '北辛庄', '前屯', '后屯',
  '中屯', '大营', '小营', '柳树屯', '杨树林', '槐树底', '枣林', '梨园', '桃园', '杏花', '河东', '东沟', '西沟', '南沟', '北沟', '上庄',
  '下庄', '中庄', '新庄', '老庄', '东关', '西关', '三里屯', '五里铺', '七里河', '八里庄', '十里铺', '白家窑', '黄土坡', '青龙', '卧龙',
  '双井', '单井', '四合', '五福', '六合', '大石桥', '小石桥', '孟家店', '贾家店', '冯家口', '于家口', '段家湾', '韩家湾', '北岗', '南岗',
  '东台', '西台', '沙河', '苇子坑', '榆树庄', '高庄',
];

/** A fixed PRNG for the geography only (the households use the caller's seed). */
const fixedRandom = mulberry32;

function buildTownships(): DemoTownship[] {
  return TOWNSHIP_NAMES.map(([name, weight], i) => {
    const code = `${DEMO_OFFICE.regionCode}${100 + i}`;
    if (i === 0) {
      return {
        name,
        code,
        weight,
        villages: [...COMMUNITIES.map((v) => ({ name: v, residence: 'urban' as const })), ...TOWN_VILLAGES.map((v) => ({ name: v, residence: 'rural' as const }))],
      };
    }
    const rnd = fixedRandom(20261101 + i * 7919);
    const pool = [...VILLAGE_STEMS];
    const count = 13 + Math.floor(rnd() * 5); // 13–17 villages
    const villages: DemoVillage[] = [];
    for (let k = 0; k < count; k++) {
      const j = Math.floor(rnd() * pool.length);
      villages.push({ name: `${pool[j]}村`, residence: 'rural' });
      pool.splice(j, 1);
    }
    return { name, code, weight, villages };
  });
}

export const DEMO_TOWNSHIPS: readonly DemoTownship[] = buildTownships();

/** Surnames with rough relative frequencies (per mille of the population). */
export const SURNAMES: [string, number][] = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 45], ['杨', 31], ['赵', 28], ['黄', 22], ['周', 21], ['吴', 20], ['徐', 17], ['孙', 15],
  ['胡', 13], ['朱', 13], ['高', 12], ['林', 10], ['何', 10], ['郭', 11], ['马', 11], ['罗', 8], ['梁', 8], ['宋', 8], ['郑', 8], ['谢', 7],
  ['韩', 7], ['唐', 6], ['冯', 6], ['于', 6], ['董', 6], ['程', 5], ['曹', 5], ['袁', 5], ['邓', 5], ['许', 5], ['傅', 4], ['沈', 4],
  ['曾', 4], ['彭', 4], ['吕', 4], ['苏', 4], ['卢', 4], ['蒋', 4], ['蔡', 4], ['贾', 4], ['丁', 3], ['魏', 4], ['薛', 3], ['叶', 3],
  ['阎', 3], ['余', 3], ['潘', 3], ['杜', 3], ['戴', 2], ['夏', 2], ['钟', 2], ['汪', 2], ['田', 3], ['任', 3], ['姜', 2], ['范', 2],
  ['方', 2], ['石', 3], ['姚', 2], ['谭', 2], ['廖', 2], ['邹', 2], ['熊', 2], ['金', 2], ['陆', 2], ['郝', 3], ['孔', 2], ['白', 3],
  ['崔', 3], ['康', 2], ['毛', 2], ['邱', 2], ['秦', 2], ['江', 2], ['史', 2], ['顾', 2], ['侯', 2], ['邵', 2], ['孟', 2], ['龙', 1],
  ['万', 1], ['段', 2], ['雷', 1], ['钱', 1], ['汤', 1], ['尹', 1], ['易', 1], ['常', 2], ['武', 2], ['乔', 2], ['贺', 1], ['齐', 1],
  ['欧阳', 0.3], ['司马', 0.1],
];

/** Given names by birth era and sex: [born ≤ 1959, 1960–1984, 1985–2004, 2005 →]. */
export const GIVEN_NAMES: { male: string[][]; female: string[][] } = {
  male: [
    ['建国', '国庆', '建华', '志明', '德福', '福生', '长顺', '玉山', '金海', '树林', '文斌', '振华', '庆祥', '春生', '宝山', '广田', '满仓', '永福', '国栋', '德胜', '占奎', '连生', '景山', '凤岐', '殿臣'],
    ['建军', '国强', '志刚', '卫东', '红军', '建平', '海涛', '立新', '永强', '晓东', '建伟', '志强', '勇', '军', '斌', '刚', '强', '伟', '平', '辉', '明', '亮', '东', '峰', '卫国', '宏伟', '新民'],
    ['磊', '涛', '鹏', '超', '杰', '浩', '帅', '宁', '鑫', '亮', '凯', '阳', '晨', '海波', '建龙', '文博', '振宇', '俊峰', '佳明', '宇', '飞', '龙', '旭', '泽', '浩然'],
    ['子轩', '浩然', '宇轩', '梓豪', '俊杰', '博文', '浩宇', '一鸣', '天佑', '睿', '子墨', '宇航', '晨阳', '嘉豪', '铭泽', '皓轩', '思远', '明哲', '子豪', '奕辰', '沐阳', '安康'],
  ],
  female: [
    ['秀英', '桂英', '玉兰', '淑珍', '凤英', '秀兰', '桂兰', '淑华', '玉珍', '秀珍', '翠花', '素芬', '桂芝', '凤兰', '玉梅', '春兰', '金凤', '秀云', '素英', '桂香', '淑英', '秀荣'],
    ['红梅', '丽华', '春梅', '秀梅', '晓红', '丽萍', '艳', '红', '霞', '丽', '敏', '静', '燕', '芳', '娟', '玲', '华', '英', '慧', '萍', '艳红', '海燕', '红霞'],
    ['丹', '静', '婷', '莹', '琳', '倩', '雪', '洁', '颖', '娜', '晶', '璐', '佳', '欣', '丽娜', '晓燕', '雅琪', '思雨', '梦瑶', '媛媛', '亚楠', '雪梅'],
    ['梓涵', '欣怡', '子涵', '一诺', '诗涵', '雨桐', '思彤', '梓萱', '佳怡', '可欣', '语桐', '若汐', '雨萱', '欣妍', '紫涵', '佳琪', '梦琪', '心怡', '艺涵', '诗琪', '安然'],
  ],
};

/** Region codes of people born outside the county (married in, moved in); the county's own first. */
export const REGION_CODES = [
  DEMO_OFFICE.regionCode,
  '130121', '130125', '130126', '130127', '130128', '130129', '130130', '130131', '130132', '130133', // neighbouring counties
  '130102', '130104', '130105', '130108', // the prefecture's city districts
  '130423', '131121', '410522', '370102', '140106', '150102', // further away
];

export const ROADS = ['人民路', '建设路', '解放路', '中山路', '新华街', '胜利街', '和平路', '文化路', '育才街', '光明路', '朝阳路', '滨河路'];
