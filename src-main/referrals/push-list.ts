/**
 * Push lists (docs/rules/assistance.md §7): one XLSX per department (or charity organisation) with a
 * JSON manifest. Per referral: referral number, the person's full ID number and name (the
 * department needs them to act), township and village, the assistance asked for and the
 * reason — never income or disability detail; the medical list alone carries the illness.
 * Charity lists are masked as publicity lists are (§8). The same sheet carries the empty
 * feedback columns (result, amount, item, date, reason) that the department fills in and
 * returns: that returned file is the feedback file, read by the exchange (source `referral_feedback`).
 *
 * Exporting pushes: every drafted referral of that department moves to `pushed` in the same
 * transaction as the batch record, so a list is never handed over twice by accident.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { all, first, qb, run } from '../db/query';
import { appendAudit } from '../audit/audit';
import { appError } from '../common/errors';
import { maskIdNumber, maskName } from '../common/id-number';
import { todayIso } from '../common/dates';
import type { Actor } from '../audit/actor';
import { markPushed } from './referrals';
import { REFERRAL_RESULTS, type DepartmentCode } from '../common/codes';
import { ASSISTANCE_ZH, DEPARTMENT_ZH } from './codes';

/** Header cells: Chinese label and the code the feedback parser also accepts. */
export const PUSH_COLUMNS = [
  ['转介编号', 'referral_number'],
  ['身份证号码', 'id_number'],
  ['姓名', 'name'],
  ['乡镇（街道）', 'township'],
  ['村（社区）', 'village'],
  ['救助类型', 'assistance'],
  ['转介原因', 'reason'],
] as const;
export const MEDICAL_COLUMN = ['疾病情况', 'illness'] as const;
export const CHARITY_COLUMN = ['慈善项目', 'programme'] as const;
export const FEEDBACK_COLUMNS = [
  ['结果', 'result'],
  ['金额（元）', 'amount'],
  ['物品或项目', 'item'],
  ['日期', 'date'],
  ['说明', 'reason'],
] as const;

const ILLNESS_ZH: Record<string, string> = { critical: '重特大疾病', chronic: '慢性病' };

export interface PushListFile {
  fileName: string;
  base64: string;
  manifestFileName: string;
  manifest: string;
  rows: number;
  batchId: number;
}

export async function exportPushList(
  raw: BetterSqlite3.Database,
  input: { department: DepartmentCode; organisationId?: number },
  actor: Actor,
  now: Date,
): Promise<PushListFile> {
  const charity = input.department === 'charity';
  if (charity && input.organisationId === undefined)
    throw appError(
      'invalid_input',
      'A charity push list is made per organisation; choose one.',
      '慈善推送清单按组织生成，请选择慈善组织。',
      'organisationId',
    );
  const org =
    charity && input.organisationId !== undefined
      ? first(raw, qb.selectFrom('charity_organisations').select(['id', 'name']).where('id', '=', input.organisationId))
      : undefined;
  if (charity && !org)
    throw appError(
      'not_found',
      `There is no charity organisation #${input.organisationId}.`,
      `没有第 ${input.organisationId} 号慈善组织。`,
      'organisationId',
    );
  let q = qb
    .selectFrom('referrals as r')
    .innerJoin('households as h', 'h.id', 'r.household_id')
    .innerJoin('areas as v', 'v.id', 'h.area_id')
    .innerJoin('areas as t', 't.id', 'v.parent_id')
    .leftJoin('members as pm', (j) =>
      j.onRef('pm.household_id', '=', 'r.household_id').onRef('pm.id_number', '=', 'r.id_number').on('pm.active', '=', 1),
    )
    .leftJoin('members as hm', (j) =>
      j.onRef('hm.household_id', '=', 'r.household_id').on('hm.relation', '=', 'head').on('hm.active', '=', 1),
    )
    .leftJoin('charity_programmes as p', 'p.id', 'r.programme_id')
    .select((eb) => [
      'r.id',
      'r.number',
      'r.assistance',
      'r.reason',
      'r.id_number',
      't.name as township',
      'v.name as village',
      'p.name as programme',
      eb.fn.coalesce('pm.id_number', 'hm.id_number').as('person_id'),
      eb.fn.coalesce('pm.name', 'hm.name').as('person_name'),
      'pm.illness',
    ])
    .where('r.department', '=', input.department)
    .where('r.status', '=', 'drafted')
    .orderBy('t.name')
    .orderBy('v.name')
    .orderBy('r.id');
  if (charity) q = q.where('p.organisation_id', '=', input.organisationId ?? null);
  const rows = all(raw, q);
  if (rows.length === 0) throw appError('nothing_to_push', 'There is no drafted referral for this department.', '该部门没有待推送的转介。');

  const office = first(raw, qb.selectFrom('office').select(['name', 'county', 'region_code']).where('id', '=', 1));
  const medical = input.department === 'medical_insurance';
  const header = [...PUSH_COLUMNS, ...(medical ? [MEDICAL_COLUMN] : []), ...(charity ? [CHARITY_COLUMN] : []), ...FEEDBACK_COLUMNS];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Safetynet';
  wb.created = now;
  const ws = wb.addWorksheet('推送清单');
  ws.addRow(header.map(([zh, code]) => `${zh} ${code}`));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) {
    const id = r.person_id ?? '';
    const name = r.person_name ?? '';
    ws.addRow([
      r.number,
      charity ? maskIdNumber(id) : id,
      charity ? maskName(name) : name,
      r.township,
      r.village,
      ASSISTANCE_ZH[r.assistance] ?? r.assistance,
      r.reason,
      ...(medical ? [r.illness ? (ILLNESS_ZH[r.illness] ?? '') : ''] : []),
      ...(charity ? [r.programme ?? ''] : []),
      '',
      '',
      '',
      '',
      '',
    ]);
  }
  ws.columns.forEach((c, i) => (c.width = i === 1 ? 22 : i === 6 ? 40 : 14));
  const info = wb.addWorksheet('说明');
  for (const line of [
    ['单位', office?.name ?? ''],
    ['推送部门', org ? org.name : DEPARTMENT_ZH[input.department]],
    ['推送日期', todayIso(now)],
    ['条数', rows.length],
    [
      '反馈方法',
      '请在“结果”列填写 assisted（已救助）、declined（拒绝）或 not_eligible（不符合条件），填写金额（元）、物品或项目、日期（YYYY-MM-DD）和说明，原文件返回。',
    ],
    [
      '隐私',
      charity ? '依《社会救助规则》§8 已对姓名和身份证号码作遮蔽处理。' : '本清单含完整身份证号码和姓名，仅供办理救助使用，不得外传。',
    ],
  ])
    info.addRow(line);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const sha256 = crypto.createHash('sha256').update(buf).digest('hex');
  const stamp = todayIso(now).replaceAll('-', '');
  const fileName = `推送清单-${org ? `charity-${org.id}` : input.department}-${stamp}.xlsx`;

  const batchId = raw.transaction(() => {
    const id = run(
      raw,
      qb.insertInto('referral_batches').values({
        kind: 'push',
        department: input.department,
        organisation_id: org?.id ?? null,
        file_name: fileName,
        sha256,
        rows: rows.length,
        created_at: now.toISOString(),
        created_by: actor.username,
      }),
    ).lastInsertRowid;
    markPushed(
      raw,
      rows.map((r) => r.id),
      actor,
      now,
      id,
    );
    appendAudit(raw, {
      ...actor,
      action: 'push',
      entity: 'referral',
      entityId: null,
      summary: `push list ${fileName}: ${rows.length} referral(s) to ${input.department}`,
      after: { batch: id, sha256, numbers: rows.map((r) => r.number) },
      at: now.toISOString(),
    });
    return id;
  })();

  const manifest = {
    format: 'safetynet-push-list',
    version: 1,
    office: office ? { name: office.name, county: office.county, regionCode: office.region_code } : null,
    department: input.department,
    departmentName: org ? org.name : DEPARTMENT_ZH[input.department],
    organisationId: org?.id ?? null,
    batchId,
    createdAt: now.toISOString(),
    createdBy: actor.username,
    file: { name: fileName, sha256, rows: rows.length },
    columns: header.map(([zh, code]) => ({ code, label: zh })),
    feedbackColumns: FEEDBACK_COLUMNS.map(([, code]) => code),
    results: REFERRAL_RESULTS,
    masking: charity
      ? 'name and ID number masked (assistance rules §8, docs/rules/assistance.md)'
      : 'full ID number and name (needed by the department); no income or disability detail' + (medical ? '; illness included' : ''),
    referralNumbers: rows.map((r) => r.number),
  };
  return {
    fileName,
    base64: buf.toString('base64'),
    manifestFileName: fileName.replace(/\.xlsx$/, '.manifest.json'),
    manifest: JSON.stringify(manifest, null, 2) + '\n',
    rows: rows.length,
    batchId,
  };
}
