/**
 * The file bench/import.ts imports: a county's hospital settlements (a medical-insurance CSV)
 * generated against the registry of a demo database, deterministic for a seed.
 */
import fs from 'node:fs';
import { openConnection } from '../src-main/db/connection';
import { defaultKeyKeeper } from '../src-main/db/keys';
import { checkCharacter } from '../src-main/common/id-number';

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The county's hospital settlements: 40 % of rows concern registry members (random, with
 * repeats), 60 % other residents (300k synthetic people); 0.2 % of rows are defective
 * (scientific notation, a bad check character); ~6 % of stays cost more than 6,000 yuan
 * out of pocket. A title row sits above the header, as the bureau exports it.
 */
export function generate(demo: string, file: string, rows: number, seed: number): { bytes: number } {
  // The demo database with its kept key (src-main/db/keys.ts).
  const raw = openConnection(demo, defaultKeyKeeper(demo).load(), { readonly: true });
  const people = raw.prepare(`SELECT id_number, name FROM members WHERE active = 1`).raw().all() as [string, string][];
  raw.close();
  const r = rng(seed);
  const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
  const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';
  const hospitals = ['示范县人民医院', '示范县中医院', '市第一人民医院', '省人民医院', '城关镇卫生院'];
  const other = (i: number) => {
    const y = 1940 + (i % 80),
      m = 1 + (i % 12),
      d = 1 + (i % 28);
    const first17 = `1301${String(24 + (i % 70)).padStart(2, '0')}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(i % 997).padStart(3, '0')}`;
    return first17 + checkCharacter(first17);
  };
  const fd = fs.openSync(file, 'w');
  let buf = '示范县医疗保障局 2026年住院结算明细（导出）\n身份证号码,姓名,结算单号,入院日期,出院日期,医疗机构,总费用,统筹支付,个人自付\n';
  let bytes = 0;
  for (let i = 0; i < rows; i++) {
    let id: string, name: string;
    if (r() < 0.4) {
      const p = people[Math.floor(r() * people.length)];
      id = p[0];
      name = r() < 0.005 ? p[1] + '某' : p[1];
    } else {
      id = other(Math.floor(r() * 300_000));
      name =
        surnames[Math.floor(r() * surnames.length)] +
        given[Math.floor(r() * given.length)] +
        (r() < 0.5 ? given[Math.floor(r() * given.length)] : '');
    }
    const defect = r();
    if (defect < 0.001) id = `${id.slice(0, 1)}.${id.slice(1, 6)}E+17`;
    else if (defect < 0.002) id = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const month = 1 + Math.floor(r() * 10),
      day = 1 + Math.floor(r() * 27),
      stay = 1 + Math.floor(r() * 20);
    const admitted = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const dd = Math.min(28, day + stay);
    const discharged = `2026-${String(month).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
    const total = Math.round((r() < 0.1 ? 10_000 + r() * 60_000 : 500 + r() * 9_000) * 100);
    const fund = Math.round(total * (0.55 + r() * 0.25));
    const yuan = (fen: number) => (fen / 100).toFixed(2);
    const settlement = `JS2026${String(i).padStart(8, '0')}`;
    buf += `${id},${name},${settlement},${admitted},${discharged},${hospitals[i % hospitals.length]},${yuan(total)},${yuan(fund)},${yuan(total - fund)}\n`;
    if (buf.length > 1 << 20) {
      bytes += fs.writeSync(fd, buf);
      buf = '';
    }
  }
  bytes += fs.writeSync(fd, buf);
  fs.closeSync(fd);
  return { bytes };
}

/** Reads the file once, so that every timed run finds it in the page cache. */
export function warm(file: string) {
  const fd = fs.openSync(file, 'r');
  const b = Buffer.allocUnsafe(1 << 22);
  while (fs.readSync(fd, b, 0, b.length, null) > 0);
  fs.closeSync(fd);
}
