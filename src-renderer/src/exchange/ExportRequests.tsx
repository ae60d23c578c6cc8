/**
 * Verification requests per department (export.verificationRequests) and a package check (export.verifyPackage): into a
 * folder the shell's dialog chose, or, in a browser, downloaded; the package to check chosen or uploaded (never a typed path).
 */
import { useState } from 'react';
import { Alert, Button, Group, NativeSelect, Paper, PasswordInput, Stack, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call, downloadFromHost } from '../api';
import { useAction } from '../lib/action';
import { ErrorAlert } from '../lib/errors';
import { dateTime } from '../lib/format';
import { AreaFilter, areaIdOf } from '../components/files';
import { ChooseFile, ChooseFolder, folderReady, useFileMode, type ChosenFile } from '../components/file-choosers';
import { asSource, sourceName, useSources } from './sources';
import type { Output } from '../../../src-main/contract/index';

export function ExportRequests() {
  const { t, i18n } = useTranslation();
  const sources = useSources().filter((s) => s.source !== 'referral_feedback' && s.source !== 'service_records');
  const [source, setSource] = useState('');
  const mode = useFileMode();
  const [folder, setFolder] = useState<string | null>(null);
  const [township, setTownship] = useState('');
  const [village, setVillage] = useState('');
  const [inTierOnly, setInTierOnly] = useState(true);
  const [zip, setZip] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, setError, run: act } = useAction();
  const [done, setDone] = useState<{ target: string; persons: number; withoutAuthorisation: number } | null>(null);
  const [pkgFile, setPkgFile] = useState<{ f: ChosenFile; name: string } | null>(null);
  const [pkgPass, setPkgPass] = useState('');
  const [pkg, setPkg] = useState<Output<'export.verifyPackage'>['manifest'] | null>(null);
  const [pkgError, setPkgError] = useState<unknown>(null);

  const src = source || sources[0]?.source || '';
  const passOk = passphrase === '' || passphrase.length >= 8;
  async function run() {
    setDone(null);
    const areaId = areaIdOf(township, village);
    const chosen = asSource(src);
    if (!chosen) return;
    const r = await act(() =>
      call('export.verificationRequests', {
        source: chosen,
        ...(folder !== null ? { folder } : {}),
        ...(areaId !== undefined ? { areaId } : {}),
        inTierOnly,
        zip,
        ...(passphrase ? { passphrase } : {}),
      }),
    );
    if (!r) return;
    if (r.download) downloadFromHost(r.download);
    setDone(r);
  }
  async function verify() {
    setPkg(null);
    setPkgError(null);
    try {
      if (!pkgFile) return;
      const where = 'upload' in pkgFile.f ? { upload: pkgFile.f.upload } : { path: pkgFile.f.path };
      const r = await call('export.verifyPackage', { ...where, ...(pkgPass ? { passphrase: pkgPass } : {}) });
      setPkg(r.manifest);
    } catch (e) {
      setPkgError(e);
    }
  }
  return (
    <Stack gap="xs" data-testid="ex-export">
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            {t('exchange.export.intro')}
          </Text>
          <Group gap="xs" align="flex-end">
            <NativeSelect
              size="xs"
              w={280}
              label={t('exchange.source')}
              value={src}
              data-testid="exp-source"
              onChange={(e) => setSource(e.currentTarget.value)}
              data={sources.map((s) => ({
                value: s.source,
                label: `${sourceName(s, i18n.language)}${s.needsAuthorisation ? ` (${t('exchange.needsAuth')})` : ''}`,
              }))}
            />
            <AreaFilter
              prefix="exp"
              township={township}
              village={village}
              onChange={(a, b) => {
                setTownship(a);
                setVillage(b);
              }}
            />
          </Group>
          <Group gap="xs" align="flex-end">
            <Stack gap={2} w={420}>
              <Text size="xs" fw={500}>
                {t('exchange.export.folder')}
              </Text>
              <ChooseFolder value={folder} onChange={setFolder} testid="exp-folder" onError={setError} />
            </Stack>
            <PasswordInput
              visibilityToggleButtonProps={{ 'aria-label': t('app.showPassword') }}
              size="xs"
              w={260}
              label={t('exchange.export.passphrase')}
              value={passphrase}
              onChange={(e) => setPassphrase(e.currentTarget.value)}
              error={passOk ? undefined : t('exchange.export.passphraseShort')}
              data-testid="exp-passphrase"
            />
          </Group>
          <Group gap="lg">
            <Switch
              size="xs"
              checked={inTierOnly}
              onChange={(e) => setInTierOnly(e.currentTarget.checked)}
              label={t('exchange.export.inTierOnly')}
              data-testid="exp-in-tier"
            />
            <Switch
              size="xs"
              checked={zip}
              onChange={(e) => setZip(e.currentTarget.checked)}
              label={t('exchange.export.zip')}
              data-testid="exp-zip"
            />
            <Button
              size="xs"
              ml="auto"
              loading={busy}
              disabled={!src || !folderReady(mode, folder) || !passOk}
              onClick={() => void run()}
              data-testid="exp-run"
            >
              {t('exchange.export.run')}
            </Button>
          </Group>
          <ErrorAlert error={error} />
          {done && (
            <Alert color="teal" data-testid="exp-done">
              <Text size="sm">{t('exchange.export.done', { n: done.persons, t: done.target })}</Text>
              {done.withoutAuthorisation > 0 && <Text size="xs">{t('exchange.export.withoutAuth', { n: done.withoutAuthorisation })}</Text>}
            </Alert>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="sm">
        <Title order={6} mb={4}>
          {t('exchange.export.verify')}
        </Title>
        <Group gap="xs" align="flex-end">
          <Stack gap={2} w={420}>
            <Text size="xs" fw={500}>
              {t('exchange.export.verifyPath')}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <ChooseFile
                label={t('files.choosePackage')}
                folderLabel={t('files.choosePackageFolder')}
                accept={['zip']}
                testid="exp-verify-file"
                onChosen={(f, name) => {
                  setPkg(null);
                  setPkgFile({ f, name });
                }}
                onError={setPkgError}
              />
              <Text size="xs" className="sn-mono" data-testid="exp-verify-chosen" truncate>
                {pkgFile?.name ?? ''}
              </Text>
            </Group>
          </Stack>
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': t('app.showPassword') }}
            size="xs"
            w={200}
            label={t('exchange.export.verifyPassphrase')}
            value={pkgPass}
            onChange={(e) => setPkgPass(e.currentTarget.value)}
          />
          <Button size="xs" variant="default" disabled={!pkgFile} onClick={() => void verify()} data-testid="exp-verify">
            {t('exchange.export.verifyRun')}
          </Button>
        </Group>
        <ErrorAlert error={pkgError} />
        {pkg && (
          <Text size="xs" mt={4} c="teal.8" data-testid="exp-verify-ok">
            {t('exchange.export.verifyOk', { k: pkg.kind, f: pkg.files?.length ?? 0, d: dateTime(pkg.createdAt), u: pkg.createdBy ?? '' })}
          </Text>
        )}
      </Paper>
    </Stack>
  );
}
