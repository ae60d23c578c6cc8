/**
 * Verification requests per department (docs/rules/assistance.md §6): the members to be
 * checked — ID number, name, authorisation date — as XLSX and CSV in a package folder (or
 * zip) with its manifest. Sources that need an authorisation list only members who signed
 * one. The department needs the full ID number and name to act (§7); a role that does not
 * send requests (the administrator) gets them masked (§8).
 */
import fs from 'node:fs';
import { makeTempDir } from '../shared/temp-files';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import ExcelJS from 'exceljs';
import { anchorAuditHead, appendAudit } from '../audit/audit';
import { maskIdNumber, maskName } from '../common/id-number';
import { todayIso } from '../common/dates';
import { appError } from '../common/errors';
import { all, first, qb, run } from '../db/query';
import { profileOf, type Source } from './profiles';
import { writePackage, zipFolder } from './package';
import { csvLine } from '../shared/csv-out';
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
  const o = first(raw, qb.selectFrom('office').select(['name', 'county', 'region_code']).where('id', '=', 1));
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
  if (req.source === 'service_records')
    throw appError(
      'invalid_input',
      'Service records come from the providers; nothing is requested of them here.',
      '服务记录由服务机构提供，无需在此导出核对请求。',
      'source',
    );
  /** The persons asked about: present members of active households (in a tier unless asked otherwise), by their authorisation. */
  const asked = (authorisation: 'signed' | 'unsigned' | 'any') => {
    let q = qb
      .selectFrom('households as h')
      .innerJoin('members as m', 'm.household_id', 'h.id')
      .where('h.status', '=', 'active')
      .where('m.active', '=', 1)
      .where('m.status', '!=', 'deceased');
    if (req.inTierOnly !== false) q = q.where('h.current_tier', 'is not', null);
    if (req.householdIds?.length) q = q.where('h.id', 'in', req.householdIds);
    if (authorisation !== 'any') q = q.where('m.authorised_on', authorisation === 'signed' ? 'is not' : 'is', null);
    return q;
  };
  const inArea = req.areaId;
  // Village by village in the order of the list (township, village), each village's households in id order: the rows are
  // written as they are read, and the app answers other calls between villages (the whole county in one query did not fit).
  let villageList = qb
    .selectFrom('areas as v')
    .innerJoin('areas as t', 't.id', 'v.parent_id')
    .select(['v.id', 't.name as township', 'v.name as village'])
    .where('v.level', '=', 'village');
  if (inArea !== undefined) villageList = villageList.where((eb) => eb.or([eb('v.id', '=', inArea), eb('v.parent_id', '=', inArea)]));
  const villages = all(raw, villageList.orderBy('t.name').orderBy('v.name').orderBy('v.id'));
  const ofVillage = (villageId: number) =>
    asked(p.needsAuthorisation ? 'signed' : 'any')
      .select(['m.id_number', 'm.name', 'm.authorised_on', 'h.id as household_id'])
      .where('h.area_id', '=', villageId)
      .orderBy('h.id')
      .orderBy('m.position');
  // One count over the same villages (not one per village).
  let unsigned = asked('unsigned').innerJoin('areas as v', (j) => j.onRef('v.id', '=', 'h.area_id').on('v.level', '=', 'village'));
  if (inArea !== undefined) unsigned = unsigned.where((eb) => eb.or([eb('v.id', '=', inArea), eb('v.parent_id', '=', inArea)]));
  const unauthorised = p.needsAuthorisation
    ? first(
        raw,
        unsigned.select((eb) => eb.fn.countAll<number>().as('n')),
      )!.n
    : 0;
  const header = ['序号', '身份证号码', '姓名', '授权日期', '乡镇（街道）', '村（社区）'];

  const tmp = makeTempDir('export');
  try {
    const base = `核对请求-${req.source}-${todayIso(now)}`;
    const csvFile = path.join(tmp, `${base}.csv`);
    const csv = fs.openSync(csvFile, 'w', 0o600);
    const xlsxFile = path.join(tmp, `${base}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxFile, useSharedStrings: false, useStyles: false });
    let persons = 0,
      households = 0;
    try {
      fs.writeSync(csv, '\uFEFF' + csvLine(header));
      const ws = wb.addWorksheet('核对请求');
      ws.columns = [{ width: 8 }, { width: 22 }, { width: 12 }, { width: 12 }, { width: 14 }, { width: 14 }];
      ws.addRow([`${officeOf(raw)?.name ?? ''} 家庭经济状况核对请求 — ${p.zh}`]).commit();
      // ID numbers are written as text so that no spreadsheet turns them into numbers.
      ws.addRow(header).commit();
      for (const v of villages) {
        const rows = all(raw, ofVillage(v.id));
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
          text += csvLine(cells);
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
        // The chain's head as the package leaves, noted in the anchor log too (docs/security.md "Audit").
        meta: {
          source: req.source,
          department: p.department,
          masked: !!req.mask,
          auditHead: anchorAuditHead(raw, `verification request ${base}`, now),
        },
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
      const record = { kind: 'verification_request', department: req.source, target: out, manifest_json: JSON.stringify(manifest) };
      run(raw, qb.insertInto('exchange_exports').values({ ...record, created_by: actor.username, created_at: now.toISOString() }));
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
      meta: { source, auditHead: anchorAuditHead(raw, `package ${path.basename(target)}`, now) },
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
    const record = { kind: 'package', department: source, target: out, manifest_json: JSON.stringify(manifest) };
    run(raw, qb.insertInto('exchange_exports').values({ ...record, created_by: actor.username, created_at: now.toISOString() }));
    appendAudit(raw, {
      ...actor,
      action: 'export',
      entity: 'package',
      entityId: source,
      summary: `package of ${path.basename(file)} → ${out}${passphrase ? ' (encrypted)' : ''}`,
      at: now.toISOString(),
    });
  })();
  return { target: out, manifest };
}
