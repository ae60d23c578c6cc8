/**
 * The fuzz suite's files (docs/security.md "Inputs"): real fixtures — department files as
 * departments send them, an encrypted workstation package, an encrypted backup, a verification
 * request — each mutated by a seeded generator: flipped bytes, truncation, huge cells and lines,
 * stray quotes, wrong encodings, zip bombs, hidden and renamed entries, forged manifests. The
 * same seed gives the same files.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { deflatedZeros, rawZip, xlsxParts, type RawEntry } from './craft';

/** mulberry32: small, seeded, good enough to choose mutations. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}
export type Rng = ReturnType<typeof prng>;

export type Kind = 'csv' | 'xlsx' | 'package' | 'backup' | 'requests';
export interface Base {
  kind: Kind;
  name: string;
  bytes: Buffer;
  /** The department the file is read as (department files), or the package's passphrase. */
  source?: 'medical_insurance' | 'hrss';
  passphrase?: string;
}
export interface Mutant {
  base: Base;
  mutation: string;
  name: string;
  bytes: Buffer;
}

export const PASSPHRASE = 'fuzz-office-secret';

/** The department files of the corpus, from ID numbers of the registry (matched) and others (unknown). */
export async function departmentFiles(known: string[], unknown: string[]): Promise<Base[]> {
  const ids = [...known, ...unknown];
  const rows = ids.map((id, i) => [
    id,
    `某人${i}`,
    `2026-10-${String(1 + (i % 28)).padStart(2, '0')}`,
    '示范县人民医院',
    `${1000 + i * 37}.00`,
  ]);
  const header = ['身份证号码', '姓名', '入院日期', '医疗机构', '个人自付'];
  const text = [header, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
  const titled = ['示范县医疗保障局 住院结算数据', '2026年10月', '', text].join('\r\n');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['身份证号码', '姓名', '单位名称', '月工资']);
  ids.forEach((id, i) => ws.addRow([id, `某人${i}`, '示范县某公司', 2500 + i]));
  return [
    { kind: 'csv', name: 'medical-utf8.csv', bytes: Buffer.from(text, 'utf8'), source: 'medical_insurance' },
    { kind: 'csv', name: 'medical-gb18030.csv', bytes: iconv.encode(titled, 'gb18030'), source: 'medical_insurance' },
    { kind: 'csv', name: 'medical-bom.csv', bytes: Buffer.from('\uFEFF' + text, 'utf8'), source: 'medical_insurance' },
    { kind: 'xlsx', name: 'hrss.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()), source: 'hrss' },
  ];
}

const flip = (r: Rng, b: Buffer, n: number) => {
  const out = Buffer.from(b);
  for (let i = 0; i < n && out.length; i++) out[r.int(out.length)] ^= 1 << r.int(8);
  return out;
};
const lines = (b: Buffer) => b.toString('utf8').split('\n');
const atLine = (r: Rng, b: Buffer, f: (line: string) => string) => {
  const ls = lines(b);
  const i = 1 + r.int(Math.max(1, ls.length - 2));
  ls[i] = f(ls[i] ?? '');
  return Buffer.from(ls.join('\n'), 'utf8');
};

/** Mutations of a text table. */
const TEXT: Record<string, (r: Rng, b: Buffer) => Buffer> = {
  flip1: (r, b) => flip(r, b, 1),
  flip20: (r, b) => flip(r, b, 20),
  truncate: (r, b) => b.subarray(0, r.int(b.length)),
  strayQuote: (r, b) => atLine(r, b, (l) => l.replace(',', ',"')),
  quoteInCell: (r, b) => atLine(r, b, (l) => l.replace(/,([^,]*),/, ',"$1"x",')),
  hugeCell: (r, b) => atLine(r, b, (l) => l.replace(',', `,${'长'.repeat(5000 + r.int(5000))}`)),
  hugeLine: (r, b) => atLine(r, b, (l) => l + 'x'.repeat(150_000 + r.int(100_000))),
  manyColumns: (r, b) => atLine(r, b, (l) => l + ','.repeat(1200 + r.int(2000))),
  formula: (r, b) => atLine(r, b, (l) => l.replace(/,[^,]*/, ",=cmd|' /C calc'!A0")),
  nul: (r, b) => {
    const o = Buffer.from(b);
    o[r.int(o.length)] = 0;
    return o;
  },
  utf16: (_r, b) => iconv.encode(b.toString('utf8'), 'utf16-le'),
  utf16bom: (_r, b) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(b.toString('utf8'), 'utf16-le')]),
  latin1: (_r, b) => Buffer.from(b.toString('utf8'), 'latin1'),
  mixed: (r, b) => {
    const cut = r.int(b.length);
    return Buffer.concat([b.subarray(0, cut), iconv.encode('王建国,李秀英\n', 'gb18030'), b.subarray(cut)]);
  },
  noNewlines: (_r, b) => Buffer.from(b.toString('utf8').replace(/\r?\n/g, ' '), 'utf8'),
  crOnly: (_r, b) => Buffer.from(b.toString('utf8').replace(/\r?\n/g, '\r'), 'utf8'),
  empty: () => Buffer.alloc(0),
  bomOnly: () => Buffer.from([0xef, 0xbb, 0xbf]),
  garbage: (r) => Buffer.from(Array.from({ length: 1 + r.int(4096) }, () => 1 + r.int(255))),
  duplicated: (_r, b) => Buffer.concat([b, b]),
};

function entryOf(z: JSZip, name: string) {
  const f = z.file(name);
  if (!f) throw new Error(`fixture without ${name}`);
  return f.async('nodebuffer');
}

/** A fixture zip's entries, read back (a fixture this suite made: trusted), to be written again with a change. */
async function entries(b: Buffer): Promise<RawEntry[]> {
  const z = await JSZip.loadAsync(b);
  const names = Object.keys(z.files).filter((n) => !z.files[n].dir);
  return Promise.all(names.map(async (name) => ({ name, data: await entryOf(z, name) })));
}
async function withManifest(b: Buffer, change: (m: Record<string, unknown>) => void): Promise<Buffer> {
  const es = await entries(b);
  const m = es.find((e) => e.name === 'manifest.json')!;
  const parsed = JSON.parse(m.data!.toString('utf8'));
  change(parsed);
  m.data = Buffer.from(JSON.stringify(parsed, null, 2));
  return rawZip(es);
}
const encryption = (m: Record<string, unknown>) => (m.encryption ?? {}) as Record<string, unknown>;
const files = (m: Record<string, unknown>) => (m.files ?? []) as Record<string, unknown>[];

/** Mutations of a zip (XLSX, package, backup). */
const ZIP: Record<string, (r: Rng, b: Buffer) => Promise<Buffer> | Buffer> = {
  flip1: (r, b) => flip(r, b, 1),
  flip20: (r, b) => flip(r, b, 20),
  truncate: (r, b) => b.subarray(0, r.int(b.length)),
  bombDeclared: async (_r, b) =>
    rawZip([...(await entries(b)).slice(0, -1), { name: 'xl/sharedStrings.xml', compressed: deflatedZeros(400 << 20) }]),
  bombLying: async (r, b) => {
    const es = await entries(b);
    const i = r.int(es.length);
    es[i] = { name: es[i].name, compressed: deflatedZeros(200 << 20), declare: 1 + r.int(5000) };
    return rawZip(es);
  },
  bombXlsx: () => rawZip(xlsxParts({ name: 'xl/worksheets/sheet1.xml', compressed: deflatedZeros(1536 << 20) })),
  hiddenEntry: async (_r, b) => rawZip([{ name: 'hidden.bin', data: Buffer.alloc(100, 1), hidden: true }, ...(await entries(b))]),
  extraEntry: async (_r, b) => rawZip([...(await entries(b)), { name: 'extra.csv', data: Buffer.from('x') }]),
  traversal: async (_r, b) => rawZip([...(await entries(b)), { name: '../../escape.csv', data: Buffer.from('x') }]),
  duplicate: async (_r, b) => {
    const es = await entries(b);
    return rawZip([...es, es[0]]);
  },
  manyEntries: async (_r, b) =>
    rawZip([...(await entries(b)), ...Array.from({ length: 2100 }, (_, i) => ({ name: `x/${i}`, data: Buffer.alloc(0) }))]),
  kdfN: (_r, b) => withManifest(b, (m) => (encryption(m).N = 1048576)),
  kdfP: (_r, b) => withManifest(b, (m) => (encryption(m).p = 300)),
  plain: (_r, b) => withManifest(b, (m) => ((m.encryption = null), (m.kind = 'backup'))),
  noMac: (_r, b) => withManifest(b, (m) => delete m.mac),
  kind: (_r, b) => withManifest(b, (m) => (m.kind = m.kind === 'backup' ? 'departmental_file' : 'backup')),
  fileName: (_r, b) => withManifest(b, (m) => files(m).forEach((f) => (f.name = `../${String(f.name)}`))),
  fileSize: (r, b) => withManifest(b, (m) => files(m).forEach((f) => (f.bytes = r.int(2 ** 40)))),
  manifestGarbage: async (r, b) => {
    const es = await entries(b);
    es.find((e) => e.name === 'manifest.json')!.data = Buffer.from(Array.from({ length: r.int(3000) }, () => r.int(256)));
    return rawZip(es);
  },
  manifestHuge: async (_r, b) => {
    const es = await entries(b);
    es.find((e) => e.name === 'manifest.json')!.data = Buffer.from(`{"x":"${'y'.repeat(3 << 20)}"}`);
    return rawZip(es);
  },
  sheetGarbage: async (r, b) => {
    const es = await entries(b);
    const sheet = es.find((e) => e.name.startsWith('xl/worksheets/'));
    if (sheet) sheet.data = flip(r, sheet.data!, 30);
    return rawZip(es);
  },
};

/** The `n`-th mutant of the corpus for `seed`: a base chosen in turn, a mutation at random for its kind. */
export async function mutant(bases: Base[], seed: number, n: number): Promise<Mutant> {
  const r = prng(seed * 1_000_003 + n);
  const base = bases[n % bases.length];
  const table = base.kind === 'csv' ? TEXT : ZIP;
  const names = Object.keys(table).filter((k) => base.kind !== 'xlsx' || !/^(kdf|plain|noMac|kind|file|manifest)/.test(k));
  const mutation = r.pick(names);
  const bytes = await table[mutation](r, base.bytes);
  return { base, mutation, name: `${n}-${mutation}-${base.name}`, bytes };
}

export function writeMutant(dir: string, m: Mutant): string {
  const f = path.join(dir, m.name);
  fs.writeFileSync(f, m.bytes);
  return f;
}
