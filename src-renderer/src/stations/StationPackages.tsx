/**
 * Packages between stations (docs/stations.md): the next package for a station, and an import in
 * steps — verify → preview of what will change (the import applied and rolled back) → apply → summary.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, NativeSelect, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call, downloadFromHost } from '../api';
import { useSession } from '../session';
import { ErrorAlert } from '../lib/errors';
import { useAction } from '../lib/action';
import { ChooseFile, ChooseFolder, folderReady, useFileMode, type ChosenFile } from '../components/file-choosers';
import type { Output } from '../../../src-main/contract/index';

type Status = Output<'stations.status'>;
type Summary = Output<'stations.import'>;

export function StationPackages({ st, onDone }: { st: Status; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!st.self) return <Text c="dimmed">{t('stations.notStation')}</Text>;
  if (user.role !== 'clerk' && user.role !== 'manager')
    return (
      <Text c="dimmed" data-testid="st-packages-norole">
        {t('stations.noRole')}
      </Text>
    );
  return (
    <Stack gap="sm">
      <ExportPackage st={st} onDone={onDone} />
      <ImportPackage onDone={onDone} />
    </Stack>
  );
}

/** The package steps as a tab of the Exchange wizard: the same steps, with the station's status read here. */
export function StationPackagesTab() {
  const [st, setSt] = useState<Status | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = () => call('stations.status', {}).then(setSt).catch(setError);
  useEffect(() => {
    void reload();
  }, []);
  return (
    <>
      <ErrorAlert error={error} />
      {st && <StationPackages st={st} onDone={reload} />}
    </>
  );
}

function countsText(t: (k: string, o?: Record<string, unknown>) => string, counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([k, n]) => t('stations.applied', { n, k: t(`stations.recordKinds.${k}`) }));
  return parts.length ? parts.join('，') : t('stations.nothing');
}

function ExportPackage({ st, onDone }: { st: Status; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const m = useFileMode();
  const township = st.self?.level === 'township';
  const options = township
    ? [{ value: 'county', label: t('stations.toCounty') }]
    : st.peers.map((p) => ({ value: p.stationId, label: `${p.name}（${p.township ?? ''}）` }));
  const [to, setTo] = useState(options[0]?.value ?? '');
  const [folder, setFolder] = useState<string | null>(null);
  const a = useAction();
  const [done, setDone] = useState<Output<'stations.export'> | null>(null);
  async function go() {
    const r = await a.run(() => call('stations.export', { to, ...(folder !== null ? { folder } : {}) }));
    if (!r) return;
    if (r.download) downloadFromHost(r.download);
    setDone(r);
    await onDone();
  }
  return (
    <Paper withBorder p="sm" data-testid="st-export">
      <Title order={5}>{t('stations.exportTitle')}</Title>
      <Group align="flex-end">
        <NativeSelect
          label={t('stations.to')}
          data={options}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          data-testid="st-export-to"
        />
        <ChooseFolder value={folder} onChange={setFolder} testid="st-export-folder" onError={a.setError} />
        <Button disabled={!to || !folderReady(m, folder)} loading={a.busy} onClick={() => void go()} data-testid="st-export-go">
          {t('stations.export')}
        </Button>
      </Group>
      {done && (
        <Alert color="teal" mt="xs" data-testid="st-exported">
          {t('stations.exported', { seq: done.sequence, to: done.recipient, counts: countsText(t, done.counts) })}
        </Alert>
      )}
      <ErrorAlert error={a.error} />
    </Paper>
  );
}

function ImportPackage({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ f: ChosenFile; name: string } | null>(null);
  const [preview, setPreview] = useState<Summary | null>(null);
  const [done, setDone] = useState<Summary | null>(null);
  const a = useAction();
  const where = () => (!file ? null : 'upload' in file.f ? { upload: file.f.upload } : { path: file.f.path });
  const step = done ? 3 : preview ? 1 : 0;
  async function verify() {
    const w = where();
    if (!w) return;
    setPreview(null);
    setDone(null);
    const r = await a.run(() => call('stations.preview', w));
    if (r) setPreview(r);
  }
  async function apply() {
    const w = where();
    if (!w) return;
    const r = await a.run(() => call('stations.import', w));
    if (!r) return;
    setDone(r);
    setPreview(null);
    setFile(null);
    await onDone();
  }
  const kind = (s: Summary) => (s.kind === 'up' ? t('stations.kindUp') : t('stations.kindDown'));
  return (
    <Paper withBorder p="sm" data-testid="st-import">
      <Title order={5}>{t('stations.importTitle')}</Title>
      <Stepper active={step} size="xs" my="xs">
        <Stepper.Step label={t('stations.stepVerify')} />
        <Stepper.Step label={t('stations.stepPreview')} />
        <Stepper.Step label={t('stations.stepApply')} />
        <Stepper.Step label={t('stations.stepSummary')} />
      </Stepper>
      <Group>
        <ChooseFile
          label={t('stations.choose')}
          folderLabel={t('stations.chooseFolder')}
          accept={['zip']}
          testid="st-import-file"
          onChosen={(f, name) => {
            setFile({ f, name });
            setPreview(null);
            setDone(null);
          }}
          onError={a.setError}
        />
        {file && <Text size="sm">{file.name}</Text>}
        <Button disabled={!file} loading={a.busy && !preview} onClick={() => void verify()} data-testid="st-import-verify">
          {t('stations.verify')}
        </Button>
      </Group>
      {preview && (
        <Alert color={preview.status === 'already_imported' ? 'gray' : 'blue'} mt="xs" data-testid="st-import-preview">
          {preview.status === 'already_imported' ? (
            t('stations.previewAlready')
          ) : (
            <>
              <Text size="sm">{t('stations.preview', { seq: preview.sequence, sender: preview.sender, kind: kind(preview) })}</Text>
              <Text size="sm">{countsText(t, preview.applied)}</Text>
              {preview.conflicts - preview.reviews > 0 && (
                <Text size="sm">{t('stations.conflictsWill', { n: preview.conflicts - preview.reviews })}</Text>
              )}
              {preview.reviews > 0 && <Text size="sm">{t('stations.reviewsWill', { n: preview.reviews })}</Text>}
            </>
          )}
          <Button mt="xs" loading={a.busy} onClick={() => void apply()} data-testid="st-import-apply">
            {t('stations.apply')}
          </Button>
        </Alert>
      )}
      {done && (
        <Alert color="teal" mt="xs" data-testid="st-import-done" data-status={done.status}>
          {done.status === 'already_imported' ? t('stations.alreadyDone') : t('stations.done', { what: countsText(t, done.applied) })}
          {done.conflicts - done.reviews > 0 && <Text size="sm">{t('stations.conflictsWill', { n: done.conflicts - done.reviews })}</Text>}
          {done.reviews > 0 && <Text size="sm">{t('stations.reviewsWill', { n: done.reviews })}</Text>}
        </Alert>
      )}
      <ErrorAlert error={a.error} />
    </Paper>
  );
}
