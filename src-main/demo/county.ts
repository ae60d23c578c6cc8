/**
 * The demo county's fixed geography and name pools: 示范县 (region code 130123), twelve
 * townships — 城关镇 with urban 社区 communities and a few 村, the others rural with about
 * fifteen 村 each (name pools: ./names.ts). Independent of the generator's seed, so every demo office has the same map.
 */
import type { Residence } from '../common/household-file';
import { mulberry32 } from '../common/random';

export const DEMO_OFFICE = { name: '示范县民政局', county: '示范县', regionCode: '130123' } as const;

/** Birth dates and ages are computed against this date, so output never depends on the clock. */
export const DEMO_REFERENCE_DATE = '2026-11-01';

/** Demo dibao standards (docs/rules/assistance.md §9), yuan per person per month. */
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

const COMMUNITIES = [
  '东街社区',
  '西街社区',
  '南关社区',
  '北关社区',
  '新华社区',
  '建设社区',
  '人民路社区',
  '文化路社区',
  '滨河社区',
  '朝阳社区',
  '光明社区',
  '幸福社区',
];
const TOWN_VILLAGES = ['城东村', '城西村', '城南村', '城北村'];

const VILLAGE_STEMS = [
  '东王庄',
  '西王庄',
  '南王庄',
  '北王庄',
  '前进',
  '红旗',
  '大刘庄',
  '小刘庄',
  '张家庄',
  '李家庄',
  '赵家庄',
  '孙家庄',
  '周家庄',
  '吴家庄',
  '郑家庄',
  '马家庄',
  '杨家营',
  '高家营',
  '何家营',
  '石家寨',
  '胡家寨',
  '陈家寨',
  '东辛庄',
  '西辛庄',
  '南辛庄',
  '北辛庄',
  '前屯',
  '后屯',
  '中屯',
  '大营',
  '小营',
  '柳树屯',
  '杨树林',
  '槐树底',
  '枣林',
  '梨园',
  '桃园',
  '杏花',
  '河东',
  '东沟',
  '西沟',
  '南沟',
  '北沟',
  '上庄',
  '下庄',
  '中庄',
  '新庄',
  '老庄',
  '东关',
  '西关',
  '三里屯',
  '五里铺',
  '七里河',
  '八里庄',
  '十里铺',
  '白家窑',
  '黄土坡',
  '青龙',
  '卧龙',
  '双井',
  '单井',
  '四合',
  '五福',
  '六合',
  '大石桥',
  '小石桥',
  '孟家店',
  '贾家店',
  '冯家口',
  '于家口',
  '段家湾',
  '韩家湾',
  '北岗',
  '南岗',
  '东台',
  '西台',
  '沙河',
  '苇子坑',
  '榆树庄',
  '高庄',
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
        villages: [
          ...COMMUNITIES.map((v) => ({ name: v, residence: 'urban' as const })),
          ...TOWN_VILLAGES.map((v) => ({ name: v, residence: 'rural' as const })),
        ],
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

export { GIVEN_NAMES, SURNAMES } from './names';

/** Region codes of people born outside the county (married in, moved in); the county's own first. */
export const REGION_CODES = [
  DEMO_OFFICE.regionCode,
  '130121',
  '130125',
  '130126',
  '130127',
  '130128',
  '130129',
  '130130',
  '130131',
  '130132',
  '130133', // neighbouring counties
  '130102',
  '130104',
  '130105',
  '130108', // the prefecture's city districts
  '130423',
  '131121',
  '410522',
  '370102',
  '140106',
  '150102', // further away
];

export const ROADS = [
  '人民路',
  '建设路',
  '解放路',
  '中山路',
  '新华街',
  '胜利街',
  '和平路',
  '文化路',
  '育才街',
  '光明路',
  '朝阳路',
  '滨河路',
];
