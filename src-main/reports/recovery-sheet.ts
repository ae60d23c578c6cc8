/**
 * The recovery sheet (docs/security.md "The recovery sheet"): the database's recovery key on an
 * A4 form like the office's other printed forms, for the administrator to print at set-up and
 * hand to whoever keeps it. Printed through the same layout and PDF pipeline as every report.
 */
import { keyFingerprint, keyGroups, type KeyKind } from '../db/keys';
import { renderDoc, type DocSpec } from './layout';
import { docToPdf } from './pdf';
import { todayIso } from '../common/dates';

export interface RecoverySheetInput {
  key: string;
  office: { name: string; county: string } | null;
  /** The database's file name, as the sheet names it. */
  dbName: string;
  keyKept: KeyKind | null;
  now: Date;
}

const KEPT_TEXT: Record<KeyKind, string> = {
  os: '本机操作系统保护（Windows DPAPI / 系统密钥环）',
  file: '本机数据文件夹中仅本用户可读的密钥文件',
  environment: '环境变量 SAFETYNET_DB_KEY（由操作人员提供）',
};

const BLANK = '＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿';

export function recoverySheetSpec(s: RecoverySheetInput): DocSpec {
  const groups = keyGroups(s.key);
  const width = 190 / groups.length;
  return {
    office: s.office?.name ?? '',
    title: `${s.office?.name ?? ''}社会救助信息系统 数据库恢复密钥单`.trim(),
    subtitle: `生成日期：${todayIso(s.now)}`,
    orientation: 'portrait',
    rowHeightMm: 12,
    fontPt: 11,
    blocks: [
      {
        caption: '恢复密钥（Recovery key）',
        columns: groups.map((_, i) => ({ label: groups.length > 1 ? `第 ${i + 1} 组` : '密钥', widthMm: width, align: 'center' as const })),
        rows: [{ kind: 'data', cells: groups }],
      },
      {
        caption: '登记',
        columns: [
          { label: '项目', widthMm: 40 },
          { label: '内容', widthMm: 150 },
        ],
        rows: [
          { kind: 'data', cells: ['单位', s.office?.name ?? ''] },
          { kind: 'data', cells: ['县（市、区）', s.office?.county ?? ''] },
          { kind: 'data', cells: ['数据库文件', s.dbName] },
          { kind: 'data', cells: ['密钥指纹', `${keyFingerprint(s.key)}（与“系统设置 › 备份与恢复”所示一致）`] },
          { kind: 'data', cells: ['本机密钥保存于', s.keyKept ? KEPT_TEXT[s.keyKept] : ''] },
          { kind: 'data', cells: ['保管人', BLANK] },
          { kind: 'data', cells: ['保管地点', BLANK] },
          { kind: 'data', cells: ['交接日期', '＿＿＿＿年＿＿月＿＿日'] },
        ],
      },
    ],
    notes: [
      '数据库已加密。更换电脑、重装系统或本机密钥丢失时，须凭此密钥打开数据库。',
      '软件中：在“此数据库需要恢复密钥”页面输入上述各组字符（不分大小写）。',
      '命令行：SAFETYNET_DB_KEY=恢复密钥 safetynet …（各组之间用“-”连接）',
      '本单须密封交专人保管，不得与电脑、备份 U 盘放在一起；不得拍照、复印。',
    ],
    signature: true,
    printedOn: todayIso(s.now),
  };
}

export interface RecoverySheetFile {
  fileName: string;
  mime: string;
  pages: number;
  data: Buffer;
}

export async function renderRecoverySheet(s: RecoverySheetInput, format: 'html' | 'pdf'): Promise<RecoverySheetFile> {
  const doc = renderDoc(recoverySheetSpec(s));
  const base = `数据库恢复密钥单-${todayIso(s.now)}`;
  if (format === 'html') return { fileName: `${base}.html`, mime: 'text/html', pages: doc.pages, data: Buffer.from(doc.html(), 'utf8') };
  const pdf = await docToPdf(doc);
  return { fileName: `${base}.pdf`, mime: 'application/pdf', pages: pdf.pages, data: pdf.pdf };
}
