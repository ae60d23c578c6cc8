/**
 * Settings → backup and restore (administrator): the last backup and a reminder when it is
 * more than a week old; an encrypted backup into a folder the shell's dialog chose, or downloaded in a
 * browser (passphrase twice); restore from a package chosen or uploaded, never a typed path
 * (docs/security.md "Inputs"), after a check that reads its manifest and one confirmation saying what will happen.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, call, downloadFromHost } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { useAction } from '../lib/action';
import { useSession } from '../session';
import { ErrorAlert } from '../lib/errors';
import { dateTime } from '../lib/format';
import { sizeText } from '../components/files';
import { EncryptionCard } from './EncryptionCard';
import { ChooseFile, ChooseFolder, folderReady, useFileMode, type ChosenFile } from '../components/file-choosers';

type BackupStatus = Output<'backup.status'>;
type Manifest = Output<'export.verifyPackage'>['manifest'];

export function SettingsBackup() {
  const { t } = useTranslation();
  const { logout } = useSession();
  const [st, setSt] = useState<BackupStatus | null>(null);
  const [tick, setTick] = useState(0);
  const mode = useFileMode();
  const [folder, setFolder] = useState<string | null>(null);
  const [pass1, setPass1] = useState('');
  const [pass2, setPass2] = useState('');
  const { busy, error, setError, run } = useAction();
  const [created, setCreated] = useState<string | null>(null);
  const [rFile, setRFile] = useState<{ f: ChosenFile; name: string } | null>(null);
  const [rPass, setRPass] = useState('');
  const [manifest, setManifest] = useState<Manifest | null>(null);
  const [rError, setRError] = useState<unknown>(null);
  const [restoring, setRestoring] = useState(false);
  // A restore is asked here and confirmed by a second person (Settings → Requests); this tab waits for it.
  const [asked, setAsked] = useState<{ id: number; backupCreatedAt: string } | null>(null);
  const [restored, setRestored] = useState<{ backupCreatedAt: string } | null>(null);
  useEffect(() => {
    if (!asked) return;
    const timer = window.setInterval(() => {
      call('requests.get', { id: asked.id })
        .then((r) => {
          if (r.status === 'confirmed') setRestored({ backupCreatedAt: asked.backupCreatedAt });
          else if (r.status !== 'pending')
            setRError(new Error(`${t('requests.notRestored')} (${r.status}${r.reason ? `: ${r.reason}` : ''})`));
          if (r.status !== 'pending') setAsked(null);
        })
        .catch((e: unknown) => {
          // The restore ends every session, this one too: that is how a confirmed restore shows here.
          if (e instanceof ApiError && e.code === 'not_logged_in') setRestored({ backupCreatedAt: asked.backupCreatedAt });
          else setRError(e);
          setAsked(null);
        });
    }, 2000);
    return () => window.clearInterval(timer);
  }, [asked, t]);

  useEffect(() => {
    let live = true;
    call('backup.status', {})
      .then((s) => live && setSt(s))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [tick, setError]);

  const short = pass1.length > 0 && pass1.length < 8;
  const mismatch = pass2.length > 0 && pass1 !== pass2;
  async function create() {
    setCreated(null);
    const r = await run(() => call('backup.create', { ...(folder !== null ? { folder } : {}), passphrase: pass1 }));
    if (!r) return;
    if (r.download) downloadFromHost(r.download);
    setCreated(r.folder);
    setPass1('');
    setPass2('');
    setTick((x) => x + 1);
  }
  const where = () => (!rFile ? null : 'upload' in rFile.f ? { upload: rFile.f.upload } : { path: rFile.f.path });
  async function check() {
    setRError(null);
    setManifest(null);
    try {
      const w = where();
      if (!w) return;
      const r = await call('export.verifyPackage', { ...w, passphrase: rPass });
      if (r.manifest.kind !== 'backup') throw new Error(t('backup.restorePath') + ': ' + r.manifest.kind);
      // A backup is always encrypted: a plain one was made or changed by someone else (docs/security.md "Inputs").
      if (!r.encrypted) throw new Error(t('backup.notEncrypted'));
      setManifest(r.manifest);
    } catch (e) {
      setRError(e);
    }
  }
  async function restore() {
    setRestoring(true);
    setRError(null);
    try {
      const w = where();
      if (!w) return;
      const r = await call('backup.restore', { ...w, passphrase: rPass, confirm: true });
      setAsked({ id: r.id, backupCreatedAt: manifest?.createdAt ?? '' });
      setManifest(null);
    } catch (e) {
      setManifest(null);
      setRError(e);
    } finally {
      setRestoring(false);
    }
  }

  return (
    <Stack gap="sm" data-testid="settings-backup">
      <Title order={4}>{t('backup.title')}</Title>
      <Paper withBorder p="sm">
        <Text size="sm" fw={600}>
          {t('backup.last')}
        </Text>
        {st &&
          (st.last ? (
            <Text size="sm" data-testid="backup-last">
              {t('backup.lastLine', {
                d: dateTime(st.last.createdAt),
                u: st.last.createdBy,
                s: sizeText(st.last.bytes),
                v: st.last.appVersion,
              })}
              <Text span size="xs" c="dimmed" display="block" className="sn-mono" style={{ wordBreak: 'break-all' }}>
                {st.last.folder} · SHA-256 {st.last.sha256}
              </Text>
            </Text>
          ) : (
            <Text size="sm" c="dimmed" data-testid="backup-none">
              {t('backup.none')}
            </Text>
          ))}
        {st?.reminder && (
          <Alert color="orange" mt="xs" data-testid="backup-reminder">
            {t('backup.reminder')}
          </Alert>
        )}
      </Paper>

      <Paper withBorder p="sm">
        <Stack gap="xs">
          <Group gap="xs" align="flex-start">
            <Stack gap={2} w={420}>
              <Text size="xs" fw={500}>
                {t('backup.folder')}
              </Text>
              <ChooseFolder value={folder} onChange={setFolder} testid="backup-folder" onError={setError} />
            </Stack>
            <PasswordInput
              size="xs"
              w={220}
              label={t('backup.passphrase')}
              value={pass1}
              onChange={(e) => setPass1(e.currentTarget.value)}
              error={short ? t('backup.short') : undefined}
              data-testid="backup-pass1"
            />
            <PasswordInput
              size="xs"
              w={220}
              label={t('backup.passphrase2')}
              value={pass2}
              onChange={(e) => setPass2(e.currentTarget.value)}
              error={mismatch ? t('backup.mismatch') : undefined}
              data-testid="backup-pass2"
              onKeyDown={(e) => {
                if (e.key === 'Enter' && folderReady(mode, folder) && pass1.length >= 8 && pass1 === pass2) void create();
              }}
            />
          </Group>
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('backup.keepPassphrase')}
            </Text>
            <Button
              size="xs"
              loading={busy}
              disabled={!folderReady(mode, folder) || pass1.length < 8 || pass1 !== pass2}
              onClick={() => void create()}
              data-testid="backup-create"
            >
              {t('backup.create')}
            </Button>
          </Group>
          <ErrorAlert error={error} />
          {created && (
            <Alert color="teal" data-testid="backup-created">
              {t('backup.created', { f: created })}
            </Alert>
          )}
        </Stack>
      </Paper>

      <EncryptionCard />

      <Paper withBorder p="sm">
        <Text size="sm" fw={600} mb={4}>
          {t('backup.restore')}
        </Text>
        <Group gap="xs" align="flex-end">
          <Stack gap={2} w={420}>
            <Text size="xs" fw={500}>
              {t('backup.restorePath')}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <ChooseFile
                label={t('files.choosePackage')}
                folderLabel={t('files.choosePackageFolder')}
                accept={['zip']}
                testid="restore-file"
                onChosen={(f, name) => setRFile({ f, name })}
                onError={setRError}
              />
              <Text size="xs" className="sn-mono" data-testid="restore-chosen" truncate>
                {rFile?.name ?? ''}
              </Text>
            </Group>
          </Stack>
          <PasswordInput
            size="xs"
            w={220}
            label={t('backup.restorePassphrase')}
            value={rPass}
            onChange={(e) => setRPass(e.currentTarget.value)}
            data-testid="restore-pass"
          />
          <Button
            size="xs"
            color="red"
            variant="light"
            disabled={!rFile || !rPass}
            onClick={() => void check()}
            data-testid="restore-check"
          >
            {t('backup.check')}
          </Button>
        </Group>
        <ErrorAlert error={rError} />
        {asked && (
          <Alert color="orange" mt="xs" data-testid="restore-asked">
            {t('requests.restoreAsked', { id: asked.id })}
          </Alert>
        )}
        {restored && (
          <Alert color="teal" mt="xs" data-testid="restore-done">
            <Text size="sm">{t('backup.restored', { d: dateTime(restored.backupCreatedAt) })}</Text>
            <Button size="xs" mt={6} onClick={logout} data-testid="restore-relogin">
              {t('backup.relogin')}
            </Button>
          </Alert>
        )}
      </Paper>

      <Modal opened={!!manifest} onClose={() => setManifest(null)} title={t('backup.confirmTitle')}>
        {manifest && (
          <Stack>
            <Text data-testid="restore-confirm-text">
              {t('backup.confirmText', {
                d: dateTime(manifest.createdAt),
                u: manifest.createdBy,
                h: manifest.counts?.households ?? '?',
                v: manifest.appVersion,
              })}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setManifest(null)} data-autofocus>
                {t('common.cancel')}
              </Button>
              <Button color="red" loading={restoring} onClick={() => void restore()} data-testid="restore-confirm">
                {t('backup.restoreNow')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
