import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { autoMap, detectHeaderRow, resolveMapping } from '../../../src-main/exchange/mapping';
import { PROFILES } from '../../../src-main/exchange/profiles';
import { detectEncoding, firstRows } from '../../../src-main/exchange/read-table';
import { tempDir } from '../../fixtures/builders';

describe('column mapping', () => {
  const p = PROFILES.medical_insurance;
  it('maps Chinese and English header names, with units and full-width brackets', () => {
    expect(autoMap(p, ['公民身份号码', '姓名', '入院时间', '个人自付金额（元）', '医院'])).toEqual({
      idNumber: '公民身份号码',
      name: '姓名',
      admittedOn: '入院时间',
      outOfPocket: '个人自付金额（元）',
      hospital: '医院',
    });
    expect(autoMap(p, ['ID Number', 'Name', 'Admission', 'Out of pocket'])).toMatchObject({
      idNumber: 'ID Number',
      name: 'Name',
      admittedOn: 'Admission',
      outOfPocket: 'Out of pocket',
    });
  });

  it('uses a saved mapping first, and reports required fields left unmapped', () => {
    const m = autoMap(p, ['证件', '病人', '入院日', '自付额'], { idNumber: '证件', admittedOn: '入院日', outOfPocket: '自付额' });
    expect(m).toMatchObject({ idNumber: '证件', admittedOn: '入院日', outOfPocket: '自付额' });
    expect(resolveMapping(p, ['身份证号码', '姓名'], autoMap(p, ['身份证号码', '姓名'])).missing).toEqual(['admittedOn', 'outOfPocket']);
  });

  it('finds the header below one or two title rows', () => {
    const rows = [
      ['示范县医疗保障局住院结算', '', ''],
      ['导出日期：2026-11-01', '', ''],
      ['身份证号码', '姓名', '入院日期'],
      ['x', 'y', 'z'],
    ];
    expect(detectHeaderRow(p, rows)).toBe(2);
    expect(detectHeaderRow(p, rows.slice(2))).toBe(0);
  });
});

describe('encoding detection', () => {
  const dir = tempDir();
  const text = '身份证号码,姓名\n130123196003010113,王建国\n';
  it.each([
    ['utf-8', Buffer.from(text, 'utf8')],
    ['utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['gb18030', iconv.encode(text, 'gb18030')],
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
  ])('detects %s and reads the same rows', async (enc, bytes) => {
    const f = path.join(dir, `${enc}.csv`);
    fs.writeFileSync(f, bytes);
    expect(detectEncoding(f)).toBe(enc);
    const r = await firstRows(f, 'csv', detectEncoding(f), 5);
    expect(r.rows.slice(0, 2)).toEqual([
      ['身份证号码', '姓名'],
      ['130123196003010113', '王建国'],
    ]);
  });
});
