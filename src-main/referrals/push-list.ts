/**
 * Push lists (ASSISTANCE-RULES §7): one XLSX per department (or charity organisation) with a
 * JSON manifest. Per referral: referral number, the person's full ID number and name (the
 * department needs them to act), township and village, the assistance asked for and the
 * reason — never income or disability detail; the medical list alone carries the illness.
 * Charity lists are masked as publicity lists are (§8). The same sheet carries the empty
 * feedback columns (result, amount, item, date, reason) that the department fills in and
 * returns: that returned file is the feedback file (see feedback-file.ts).
 *
 * Exporting pushes: every drafted referral of that department moves to `pushed` in the same
 * transaction as the batch record, so a list is never handed over twice by accident.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import type BetterSqlite3 from 'better-sqlite3';
import { appendAudit } from '../audit/audit';
import { appError } from '../common/errors';
import { maskIdNumber, maskName } from '../common/id-number';
import { todayIso } from '../common/dates';
import type { Actor } from '../audit/actor';
import { markPushed } from './referrals';
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
  input: { department: string; organisationId?: number },
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
  const org = charity
    ? (raw.prepare(`SELECT id, name FROM charity_organisations WHERE id = ?`).get(input.organisationId) as
        { id: number; name: string } | undefined)
    : undefined;
  if (charity && !org)
    throw appError(
      'not_found',
      `There is no charity organisation #${input.organisationId}.`,
      `没有第 ${input.organisationId} 号慈善组织。`,
      'organisationId',
    );
  const rows = raw
    .prepare(
      `SELECT r.id, r.number, r.assistance, r.reason, r.id_number, t.name AS township, v.name AS village, p.name AS programme,
        COALESCE(pm.id_number, hm.id_number) AS person_id, COALESCE(pm.name, hm.name) AS person_name, COALESCE(pm.illness, NULL) AS illness
      FROM referrals r JOIN households h ON h.id = r.household_id JOIN areas v ON v.id = h.area_id JOIN areas t ON t.id = v.parent_id
      LEFT JOIN members pm ON pm.household_id = r.household_id AND pm.id_number = r.id_number AND pm.active = 1
      LEFT JOIN members hm ON hm.household_id = r.household_id AND hm.relation = 'head' AND hm.active = 1
      LEFT JOIN charity_programmes p ON p.id = r.programme_id
      WHERE r.department = ? AND r.status = 'drafted' ${charity ? 'AND p.organisation_id = ?' : ''}
      ORDER BY t.name, v.name, r.id`,
    )
    .all(...(charity ? [input.department, input.organisationId] : [input.department])) as any[];
  if (rows.length === 0) throw appError('nothing_to_push', 'There is no drafted referral for this department.', '该部门没有待推送的转介。');

  const office = raw.prepare(`SELECT name, county, region_code FROM office WHERE id = 1`).get() as
    { name: string; county: string; region_code: string } | undefined;
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
      ...(medical ? [ILLNESS_ZH[r.illness] ?? ''] : []),
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
    ['推送部门', charity ? org!.name : (DEPARTMENT_ZH[input.department] ?? input.department)],
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
  const fileName = `推送清单-${charity ? `charity-${org!.id}` : input.department}-${stamp}.xlsx`;

  const batchId = raw.transaction(() => {
    const id = Number(
      raw
        .prepare(
          `INSERT INTO referral_batches (kind, department, organisation_id, file_name, sha256, rows, created_at, created_by) VALUES ('push', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.department, org?.id ?? null, fileName, sha256, rows.length, now.toISOString(), actor.username).lastInsertRowid,
    );
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
    departmentName: charity ? org!.name : DEPARTMENT_ZH[input.department],
    organisationId: org?.id ?? null,
    batchId,
    createdAt: now.toISOString(),
    createdBy: actor.username,
    file: { name: fileName, sha256, rows: rows.length },
    columns: header.map(([zh, code]) => ({ code, label: zh })),
    feedbackColumns: FEEDBACK_COLUMNS.map(([, code]) => code),
    results: ['assisted', 'declined', 'not_eligible'],
    masking: charity
      ? 'name and ID number masked (ASSISTANCE-RULES §8)'
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
