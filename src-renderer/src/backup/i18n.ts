/** Words of the backup screens, in both languages; keys are this file's own (src-renderer/src/i18n/index.ts). */
import type { Bundle } from '../i18n/bundle';

export const backupWords = {
  zh: {
    backup: {
      title: '备份与恢复',
      last: '最近一次备份',
      none: '尚未备份。',
      reminder: '最近一次备份已超过一周（或从未备份），请立即备份。',
      lastLine: '{{d}}，{{u}} · {{s}} · 版本 {{v}}',
      folder: '备份到',
      passphrase: '口令（至少 8 个字符）',
      passphrase2: '再次输入口令',
      mismatch: '两次输入的口令不一致。',
      short: '至少 8 个字符。',
      create: '立即备份',
      created: '备份已写入 {{f}}',
      keepPassphrase: '请妥善保管口令：没有口令无法恢复备份。',
      restore: '从备份恢复',
      restorePath: '备份数据包（zip 或文件夹）',
      restorePassphrase: '备份口令',
      notEncrypted: '该数据包未加密：本系统的备份都是加密的，它不是本单位生成的，或已被改动，不能用于恢复。',
      check: '检查并恢复…',
      confirmTitle: '恢复数据库？',
      confirmText:
        '本单位数据库中的全部记录（家庭档案、认定、预警、账号、审计日志）将被 {{d}} 由 {{u}} 生成的备份替换（{{h}} 户，版本 {{v}}）。该备份之后录入的内容将全部丢失。如有需要，请先备份当前数据。',
      restoreNow: '用备份替换全部数据',
      restored: '已从 {{d}} 的备份恢复，请重新登录。',
      migrated: '备份已升级到当前版本（{{n}} 项迁移）。',
      relogin: '重新登录',
    },
  },
  en: {
    backup: {
      title: 'Backup and restore',
      last: 'Last backup',
      none: 'No backup has been made yet.',
      reminder: 'The last backup is more than a week old (or there is none): make one now.',
      lastLine: '{{d}} by {{u}} · {{s}} · app {{v}}',
      folder: 'Back up to',
      passphrase: 'Passphrase (at least 8 characters)',
      passphrase2: 'Passphrase again',
      mismatch: 'The two passphrases differ.',
      short: 'At least 8 characters.',
      create: 'Create backup',
      created: 'Backup written to {{f}}',
      keepPassphrase: 'Keep the passphrase safe: without it the backup cannot be restored.',
      restore: 'Restore from a backup',
      restorePath: 'Backup package (zip or folder)',
      restorePassphrase: 'Passphrase of the backup',
      notEncrypted:
        'This package is not encrypted: every backup this app makes is, so it was not made by this office or was altered, and cannot be restored.',
      check: 'Check and restore…',
      confirmTitle: 'Restore the database?',
      confirmText:
        "Every record in this office's database — households, determinations, warnings, users, audit log — will be replaced by the backup made on {{d}} by {{u}} ({{h}} households, app {{v}}). Whatever was entered after that backup is lost. Make a backup of the current state first if you may need it.",
      restoreNow: 'Replace everything with the backup',
      restored: 'Restored from the backup of {{d}}. Log in again.',
      migrated: 'The backup was brought up to this version ({{n}} migrations).',
      relogin: 'Log in again',
    },
  },
} satisfies Bundle;
