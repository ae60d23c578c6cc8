/**
 * Verification requests per department (issue 4 §5, ASSISTANCE-RULES §6): the members to be
 * checked — ID number, name, authorisation date — as XLSX and CSV in a package folder (or
 * zip) with its manifest. Sources that need an authorisation list only members who signed
 * one. The department needs the full ID number and name to act (§7); a role that does not
 * send requests (the administrator) gets them masked (§8).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { appendAudit } from '../audit/audit';
import { maskIdNumber, maskName } from '../common/id-number';
import { todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { profileOf, type Source } from './profiles';
import { writePackage, zipFolder, type Manifest } from './package';
import { csvCell } from './imports';
import type { Actor } from '../audit/actor';

export interface ExportRequest {
  source: Source;
  folder: string;
  areaId?: number;
  householdIds?: number[];
  /** Only households in a tier (default) or every active household. */
  inTierOnly?: boolean;
  zip?: boolean;
  passphrase?: string | null;
  mask?: boolean;
}

export function officeOf(raw: BetterSqlite3.Database) {
  const o = raw.prepare(`SELECT name, county, region_code FROM office WHERE id = 1`).get() as any;
  return o ? { name: o.name, county: o.county, regionCode: o.region_code } : null;
}

export async function exportVerificationRequests(
  raw: BetterSqlite3.Database,
  req: ExportRequest,
  actor: Actor,
  now: Date,
  appVersion: string,
) {
  const p = profileOf(req.source);
  if (req.source === 'referral_feedback')
    throw appError(
      'invalid_input',
      'Referral feedback is not requested this way; push lists are exported from Referrals.',
      '需求推送结果不在此导出，请在“需求推送”中导出推送清单。',
      'source',
    );
  const where = [`h.status = 'active'`, 'm.active = 1', `m.status != 'deceased'`];
  const args: unknown[] = [];
  if (req.inTierOnly !== false) where.push('h.current_tier IS NOT NULL');
  if (req.householdIds?.length) {
    where.push(`h.id IN (${req.householdIds.map(() => '?').join(',')})`);
    args.push(...req.householdIds);
  }
  const unauthorisedWhere = [...where, 'm.authorised_on IS NULL'];
  if (p.needsAuthorisation) where.push('m.authorised_on IS NOT NULL');
  // Village by village in the order of the list (township, village), each village's households in id order: the rows
  // are written as they are read, and the app answers other calls between villages. The whole county in one sorted
  // query, held as rows and as a table, took 560 MB and 11 s (bench/README.md).
  const areaWhere = req.areaId !== undefined ? 'AND (v.id = ? OR v.parent_id = ?)' : '';
  const areaArgs = req.areaId !== undefined ? [req.areaId, req.areaId] : [];
  const villages = raw
    .prepare(
      `SELECT v.id, t.name AS township, v.name AS village FROM areas v JOIN areas t ON t.id = v.parent_id
    WHERE v.level = 'village' ${areaWhere} ORDER BY t.name, v.name, v.id`,
    )
    .all(...areaArgs) as { id: number; township: string; village: string }[];
  const ofVillage =
    raw.prepare(`SELECT m.id_number, m.name, m.authorised_on, h.id AS household_id FROM households h JOIN members m ON m.household_id = h.id
    WHERE h.area_id = ? AND ${where.join(' AND ')} ORDER BY h.id, m.position`);
  // One count over the same villages (not one per village).
  const unauthorised = p.needsAuthorisation
    ? (
        raw
          .prepare(
            `SELECT COUNT(*) AS n FROM households h JOIN members m ON m.household_id = h.id JOIN areas v ON v.id = h.area_id AND v.level = 'village'
        WHERE ${unauthorisedWhere.join(' AND ')} ${areaWhere}`,
          )
          .get(...args, ...areaArgs) as { n: number }
      ).n
    : 0;
  const header = ['序号', '身份证号码', '姓名', '授权日期', '乡镇（街道）', '村（社区）'];

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-export-'));
  try {
    const base = `核对请求-${req.source}-${todayIso(now)}`;
    const csvFile = path.join(tmp, `${base}.csv`);
    const csv = fs.openSync(csvFile, 'w');
    const xlsxFile = path.join(tmp, `${base}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxFile, useSharedStrings: false, useStyles: false });
    let persons = 0,
      households = 0;
    try {
      fs.writeSync(csv, '\uFEFF' + header.map(csvCell).join(',') + '\r\n');
      const ws = wb.addWorksheet('核对请求');
      ws.columns = [{ width: 8 }, { width: 22 }, { width: 12 }, { width: 12 }, { width: 14 }, { width: 14 }];
      ws.addRow([`${officeOf(raw)?.name ?? ''} 家庭经济状况核对请求 — ${p.zh}`]).commit();
      // ID numbers are written as text so that no spreadsheet turns them into numbers.
      ws.addRow(header).commit();
      for (const v of villages) {
        const rows = ofVillage.all(v.id, ...args) as {
          id_number: string;
          name: string;
          authorised_on: string | null;
          household_id: number;
        }[];
        let text = '';
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i];
          if (i === 0 || r.household_id !== rows[i - 1].household_id) households++;
          const cells = [
            ++persons,
            req.mask ? maskIdNumber(r.id_number) : r.id_number,
            req.mask ? maskName(r.name) : r.name,
            r.authorised_on ?? '',
            v.township,
            v.village,
          ];
          text += cells.map(csvCell).join(',') + '\r\n';
          ws.addRow(cells.map((c) => (typeof c === 'number' ? c : String(c)))).commit();
        }
        if (text) fs.writeSync(csv, text);
        await new Promise((resolve) => setImmediate(resolve));
      }
      ws.commit();
    } finally {
      fs.closeSync(csv);
      await wb.commit();
    }
    const target = path.join(req.folder, base);
    const manifest = await writePackage(
      target,
      [
        { name: path.basename(xlsxFile), path: xlsxFile },
        { name: path.basename(csvFile), path: csvFile },
      ],
      {
        kind: 'verification_request',
        office: officeOf(raw),
        createdAt: now.toISOString(),
        createdBy: actor.username,
        appVersion,
        counts: { persons, households, withoutAuthorisation: unauthorised },
        meta: { source: req.source, department: p.department, masked: !!req.mask },
      },
      req.passphrase,
    );
    let out = target;
    if (req.zip) {
      await zipFolder(target, `${target}.zip`);
      fs.rmSync(target, { recursive: true });
      out = `${target}.zip`;
    }
    raw.transaction(() => {
      raw
        .prepare(
          `INSERT INTO exchange_exports (kind, department, target, manifest_json, created_by, created_at) VALUES ('verification_request', ?, ?, ?, ?, ?)`,
        )
        .run(req.source, out, JSON.stringify(manifest), actor.username, now.toISOString());
      appendAudit(raw, {
        ...actor,
        action: 'export',
        entity: 'verification_request',
        entityId: req.source,
        summary: `verification requests for ${req.source}: ${persons} persons → ${out}${req.passphrase ? ' (encrypted)' : ''}`,
        after: manifest.counts,
        at: now.toISOString(),
      });
    })();
    return { target: out, manifest, persons, withoutAuthorisation: unauthorised };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * A departmental file carried between the office's own workstations as a package (possibly
 * encrypted): any data file plus its source in the manifest. Written by `packFile`, read back
 * by the import (`exchange.start` with `package`).
 */
export async function packFile(
  raw: BetterSqlite3.Database,
  file: string,
  source: Source,
  folder: string,
  passphrase: string | null,
  actor: Actor,
  now: Date,
  appVersion: string,
  zip = false,
) {
  profileOf(source);
  const target = path.join(folder, `数据包-${source}-${todayIso(now)}-${path.basename(file).replace(/\.[^.]+$/, '')}`);
  const manifest = await writePackage(
    target,
    [{ name: path.basename(file), path: file }],
    {
      kind: 'departmental_file',
      office: officeOf(raw),
      createdAt: now.toISOString(),
      createdBy: actor.username,
      appVersion,
      counts: { files: 1 },
      meta: { source },
    },
    passphrase,
  );
  let out = target;
  if (zip) {
    await zipFolder(target, `${target}.zip`);
    fs.rmSync(target, { recursive: true });
    out = `${target}.zip`;
  }
  raw.transaction(() => {
    raw
      .prepare(
        `INSERT INTO exchange_exports (kind, department, target, manifest_json, created_by, created_at) VALUES ('package', ?, ?, ?, ?, ?)`,
      )
      .run(source, out, JSON.stringify(manifest), actor.username, now.toISOString());
    appendAudit(raw, {
      ...actor,
      action: 'export',
      entity: 'package',
      entityId: source,
      summary: `package of ${path.basename(file)} → ${out}${passphrase ? ' (encrypted)' : ''}`,
      at: now.toISOString(),
    });
  })();
  return { target: out, manifest: manifest as Manifest };
}
