/**
 * What takes two people (docs/security.md "Roles and the two-person rule"): an account created,
 * given another role, enabled again or its password reset; a dated parameter; a scenario adopted;
 * a backup restored.
 * The set-up wizard's first accounts are the only ones made by one person.
 */
import { PARAMETER_NAME } from '../common/parameters';
import { z } from 'zod';
import { ROLES } from '../common/codes';
import { parameterIdSchema, parameterValueSchema } from '../common/parameters';
import { addParameterValue } from '../policy/parameter-store';
import { addTemporaryParameter, addTemporaryParameterInput } from '../temporary/parameters';
import { startScan } from '../scan/runner';
import { restoreBackup, verifyBackup } from '../backup/backup';
import { migrateToLatest } from '../db/open';
import { qb, run } from '../db/query';
import { appError } from '../common/errors';
import { todayIso } from '../common/dates';
import { ADOPT_KIND, adoptPayload, applyAdoption, describeAdoption } from '../scenarios/adopt';
import { defineRequestKind } from './requests';
import { applyUserChange, insertUser } from './users';

const ROLE_ZH = { clerk: '经办人员', manager: '审核人员', administrator: '管理员', auditor: '审计员' } as const;
const roleSchema = z.enum(ROLES);

export const askUserCreate = defineRequestKind('user.create', {
  payload: z.object({ username: z.string(), displayName: z.string(), role: roleSchema, passwordHash: z.string() }),
  askers: ['administrator', 'manager'],
  confirmers: ['manager', 'administrator'],
  describe: (p) => ({
    en: `create the account ${p.username} (${p.displayName}) as ${p.role}, with an initial password changed at first login`,
    zh: `新建账号 ${p.username}（${p.displayName}），角色：${ROLE_ZH[p.role]}；初始密码须在首次登录时修改`,
  }),
  apply: (raw, p, who, now) => {
    const u = insertUser(raw, { ...p, mustChangePassword: true }, who.asker, now);
    return { userId: u.id, username: u.username };
  },
});

export const askUserUpdate = defineRequestKind('user.update', {
  payload: z.object({
    id: z.number().int(),
    username: z.string(),
    role: roleSchema.optional(),
    active: z.literal(true).optional(),
    passwordHash: z.string().optional(),
    displayName: z.string().optional(),
  }),
  askers: ['administrator', 'manager'],
  confirmers: ['manager', 'administrator'],
  subject: (p) => p.id,
  describe: (p) => {
    const en: string[] = [];
    const zh: string[] = [];
    const say = (e: string, z: string) => {
      en.push(e);
      zh.push(z);
    };
    if (p.role) say(`give ${p.username} the role ${p.role}`, `将 ${p.username} 的角色改为${ROLE_ZH[p.role]}`);
    if (p.active) say(`enable ${p.username} again`, `重新启用 ${p.username}`);
    if (p.passwordHash)
      say(`reset the password of ${p.username} (changed at the next login)`, `重置 ${p.username} 的密码（下次登录时须修改）`);
    if (p.displayName) say(`rename ${p.username} to ${p.displayName}`, `将 ${p.username} 的姓名改为 ${p.displayName}`);
    return { en: en.join('; '), zh: zh.join('；') };
  },
  apply: (raw, p, who, now) => {
    const u = applyUserChange(raw, p, who.asker, now);
    return { userId: u.id, role: u.role, active: u.active };
  },
});

export const parameterRequestSchema = z.object({
  parameterId: parameterIdSchema,
  effectiveFrom: z.string(),
  urban: parameterValueSchema,
  rural: parameterValueSchema,
  note: z.string().optional(),
  rescan: z.boolean(),
});

export const askParameterValue = defineRequestKind('parameters.add', {
  payload: parameterRequestSchema,
  askers: ['administrator', 'manager'],
  // A parameter changes every household's benefit: a manager who is not the asker confirms it.
  confirmers: ['manager'],
  describe: (p) => {
    const v = (x: unknown) => JSON.stringify(x);
    const name = PARAMETER_NAME[p.parameterId];
    return {
      en: `set ${name.en} from ${p.effectiveFrom}: urban ${v(p.urban)}, rural ${v(p.rural)}${p.note ? ` (${p.note})` : ''}${p.rescan ? '; re-scan the county' : ''}`,
      zh: `设定参数“${name.zh}”，自 ${p.effectiveFrom} 起：城市 ${v(p.urban)}，农村 ${v(p.rural)}${p.note ? `（${p.note}）` : ''}${p.rescan ? '；并重新扫描全县' : ''}`,
    };
  },
  apply: (raw, p, who, now) => ({ parameterValueId: addParameterValue(raw, p, who.asker, now) }),
  afterCommit: (store, p, _result, who, now) => {
    if (!p.rescan) return;
    // Re-evaluate the county on the day the new value takes effect (or today, if it already has).
    const today = todayIso(now);
    const referenceDate = p.effectiveFrom > today ? p.effectiveFrom : today;
    try {
      startScan(store.raw, store.file, { referenceDate, trigger: 'parameter_change', actor: who.confirmer }, now);
    } catch {
      // a scan already running will be followed by the next one the manager starts
    }
  },
});

/** A dated figure of temporary assistance (docs/rules/temporary-service-recovery.md §11): the same rule as a county parameter. */
export const askTemporaryParameter = defineRequestKind('temporary.parameter', {
  payload: addTemporaryParameterInput,
  askers: ['administrator', 'manager'],
  confirmers: ['manager'],
  describe: (p) => ({
    en: `set ${p.parameterId} from ${p.effectiveFrom}: ${p.value}${p.note ? ` (${p.note})` : ''}`,
    zh: `设定临时救助参数 ${p.parameterId}，自 ${p.effectiveFrom} 起：${p.value}${p.note ? `（${p.note}）` : ''}`,
  }),
  apply: (raw, p, who, now) => ({ temporaryParameterValueId: addTemporaryParameter(raw, p, who.asker, now) }),
});

/**
 * A scenario adopted (docs/rules/assistance.md §9): its parameter values become dated county
 * parameters from its effective date, as a parameter change does — a manager asks, another confirms.
 */
export const askScenarioAdoption = defineRequestKind(ADOPT_KIND, {
  payload: adoptPayload,
  askers: ['manager'],
  confirmers: ['manager'],
  describe: describeAdoption,
  apply: (raw, p, who, now) => applyAdoption(raw, p, who.asker, now),
});

export const askRestore = defineRequestKind('backup.restore', {
  payload: z.object({ path: z.string(), sha256: z.string(), backupCreatedAt: z.string(), createdBy: z.string() }),
  askers: ['administrator', 'manager'],
  confirmers: ['manager', 'administrator'],
  secret: 'passphrase',
  describe: (p) => ({
    en: `restore the backup of ${p.backupCreatedAt} (made by ${p.createdBy}) from ${p.path}: what was entered since is replaced; everyone logs in again`,
    zh: `从 ${p.path} 恢复 ${p.backupCreatedAt} 的备份（由 ${p.createdBy} 制作）：此后录入的数据将被替换，所有人须重新登录`,
  }),
  run: async (store, p, who, now, passphrase) => {
    // The confirmer restores exactly the package that was asked for.
    const v = await verifyBackup(p.path, passphrase ?? '');
    const sha = v.manifest.files[0]?.sha256;
    v.cleanup();
    if (sha !== p.sha256)
      throw appError('backup_changed', 'The package is not the one that was asked for; ask again.', '该数据包与申请时不同，请重新申请。');
    const r = await restoreBackup(store.raw, store.file, p.path, passphrase ?? '', who.confirmer, now);
    await migrateToLatest(store.db);
    // Sessions in the restored file are those of the day it was made: everyone logs in again.
    run(store.raw, qb.updateTable('sessions').set({ ended_at: now.toISOString() }).where('ended_at', 'is', null));
    return {
      restoredFrom: r.restoredFrom,
      backupCreatedAt: r.backupCreatedAt,
      sha256: r.sha256,
      needsMigration: r.needsMigration,
      carriedOver: r.carriedOver,
    };
  },
});
