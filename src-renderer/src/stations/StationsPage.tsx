/**
 * Stations 工作站 (docs/stations.md): this station and its peers with the last package each way,
 * enrolment (county administrator) or joining (a new township workstation), the packages, and the
 * conflicts waiting.
 */
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Paper, PasswordInput, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { useSession } from '../session';
import { ErrorAlert } from '../lib/errors';
import { dateTime, money } from '../lib/format';
import { useAction } from '../lib/action';
import { ChooseFile, ChooseFolder, folderReady, useFileMode, type ChosenFile } from '../components/file-choosers';
import { downloadFromHost } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { StationPackages } from './StationPackages';
import { ConflictsPanel } from './ConflictsPanel';

type Status = Output<'stations.status'>;

export function StationsPage() {
  const { t } = useTranslation();
  const [st, setSt] = useState<Status | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tab, setTab] = useState<string | null>('overview');
  const reload = () => call('stations.status', {}).then(setSt).catch(setError);
  useEffect(() => {
    void reload();
  }, []);
  return (
    <Stack gap="xs" data-testid="stations-page">
      <Group gap="sm" wrap="nowrap">
        <Title order={2}>{t('stations.title')}</Title>
        <Text size="sm" c="dimmed" truncate maw={700}>
          {t('stations.subtitle')}
        </Text>
      </Group>
      <ErrorAlert error={error} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview" data-testid="st-tab-overview">
            {t('stations.tabOverview')}
          </Tabs.Tab>
          <Tabs.Tab value="packages" data-testid="st-tab-packages">
            {t('stations.tabPackages')}
          </Tabs.Tab>
          <Tabs.Tab value="conflicts" data-testid="st-tab-conflicts">
            {t('stations.tabConflicts')}{' '}
            {st && st.openConflicts > 0 && (
              <Badge size="xs" color="orange">
                {st.openConflicts}
              </Badge>
            )}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="xs">
          {st && <Overview st={st} reload={reload} />}
        </Tabs.Panel>
        <Tabs.Panel value="packages" pt="xs">
          {st && <StationPackages st={st} onDone={reload} />}
        </Tabs.Panel>
        <Tabs.Panel value="conflicts" pt="xs">
          {st && <ConflictsPanel level={st.self?.level ?? null} onDone={reload} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

const seqAt = (t: (k: string, o?: Record<string, unknown>) => string, p: { seq: number; at: string } | null) =>
  p ? t('stations.seqAt', { seq: p.seq, at: dateTime(p.at) }) : t('stations.never');

function Overview({ st, reload }: { st: Status; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const admin = user.role === 'administrator';
  const self = st.self;
  if (!self)
    return (
      <Stack gap="sm">
        <Alert color="blue" data-testid="st-not-station">
          {t('stations.notStation')} {!admin && t('stations.setupAdminOnly')}
        </Alert>
        {admin && <Setup onDone={reload} />}
        {admin && <Join onDone={reload} />}
      </Stack>
    );
  return (
    <Stack gap="sm">
      <Paper withBorder p="sm" data-testid="st-self" data-level={self.level}>
        <Text fw={600}>{t('stations.self', { name: self.name, id: self.stationId })}</Text>
        <Text size="sm">{self.level === 'county' ? t('stations.levelCounty') : t('stations.levelTownship', { t: self.township })}</Text>
        {self.countyStationId && <Text size="sm">{t('stations.county', { id: self.countyStationId })}</Text>}
        {self.level === 'township' && (
          <Text size="sm" data-testid="st-unsent">
            {t('stations.unsent', { n: st.unsent })}
          </Text>
        )}
        <Text size="sm" data-testid="st-open-conflicts">
          {t('stations.openConflicts', { n: st.openConflicts })}
        </Text>
      </Paper>
      <Title order={5}>{t('stations.peers')}</Title>
      <Table striped withTableBorder data-testid="st-peers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('stations.colStation')}</Table.Th>
            <Table.Th>{t('stations.colTownship')}</Table.Th>
            <Table.Th>{t('stations.colEnrolled')}</Table.Th>
            <Table.Th>{t('stations.colLastIn')}</Table.Th>
            <Table.Th>{t('stations.colLastOut')}</Table.Th>
            <Table.Th>{t('stations.colConflicts')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {st.peers.map((p) => (
            <Table.Tr key={p.stationId} data-testid={`st-peer-${p.stationId}`}>
              <Table.Td>
                {p.name}{' '}
                <Text span size="xs" c="dimmed" className="sn-mono">
                  {p.stationId}
                </Text>
              </Table.Td>
              <Table.Td>{p.township ?? t('stations.levelCounty')}</Table.Td>
              <Table.Td>{dateTime(p.enrolledAt)}</Table.Td>
              <Table.Td>{seqAt(t, p.lastIn)}</Table.Td>
              <Table.Td>{seqAt(t, p.lastOut)}</Table.Td>
              <Table.Td>{p.openConflicts}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {self.level === 'county' && admin && <Enrol onDone={reload} />}
      {self.level === 'township' && <Decisions st={st} />}
    </Stack>
  );
}

function Decisions({ st }: { st: Status }) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={5}>{t('stations.decisions')}</Title>
      <Table striped withTableBorder data-testid="st-decisions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('stations.colHousehold')}</Table.Th>
            <Table.Th>{t('stations.colTier')}</Table.Th>
            <Table.Th>{t('stations.colBenefit')}</Table.Th>
            <Table.Th>{t('stations.colDecision')}</Table.Th>
            <Table.Th>{t('stations.colDecidedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {st.decisions.map((d) => (
            <Table.Tr key={`${d.householdGid}-${d.decidedAt}`} data-testid="st-decision" data-decision={d.decision}>
              <Table.Td className="sn-mono">{d.householdGid}</Table.Td>
              <Table.Td>{d.tier}</Table.Td>
              <Table.Td>{money(d.monthlyBenefitFen)}</Table.Td>
              <Table.Td>{t(`stations.${d.decision}`)}</Table.Td>
              <Table.Td>{dateTime(d.decidedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

function Setup({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const a = useAction();
  return (
    <Paper withBorder p="sm">
      <Group align="flex-end">
        <TextInput
          label={t('stations.setupName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="st-setup-name"
        />
        <Button
          disabled={!name.trim()}
          loading={a.busy}
          data-testid="st-setup"
          onClick={() => void a.run(() => call('stations.setup', { name })).then((r) => r && onDone())}
        >
          {t('stations.setup')}
        </Button>
      </Group>
      <ErrorAlert error={a.error} />
    </Paper>
  );
}

function usePassphrases() {
  const { t } = useTranslation();
  const [p1, setP1] = useState('');
  const [p2, setP2] = useState('');
  const error1 = p1 && p1.length < 8 ? t('stations.short') : null;
  const error2 = p2 && p1 !== p2 ? t('stations.mismatch') : null;
  return { p1, setP1, p2, setP2, error1, error2, ok: p1.length >= 8 && p1 === p2 };
}

function Enrol({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const m = useFileMode();
  const [f, setF] = useState({ township: '', name: '', users: '', delegate: false });
  const [folder, setFolder] = useState<string | null>(null);
  const p = usePassphrases();
  const a = useAction();
  const [done, setDone] = useState<Output<'stations.enrol'> | null>(null);
  async function enrol() {
    const users = f.users.split(/[,，\s]+/).filter(Boolean);
    const r = await a.run(() =>
      call('stations.enrol', {
        township: f.township,
        name: f.name,
        users,
        delegateDecisions: f.delegate,
        passphrase: p.p1,
        ...(folder !== null ? { folder } : {}),
      }),
    );
    if (!r) return;
    if (r.download) downloadFromHost(r.download);
    setDone(r);
    await onDone();
  }
  return (
    <Paper withBorder p="sm" data-testid="st-enrol">
      <Title order={5}>{t('stations.enrolTitle')}</Title>
      <Group align="flex-start" grow>
        <TextInput
          label={t('stations.township')}
          value={f.township}
          onChange={(e) => setF({ ...f, township: e.currentTarget.value })}
          data-testid="st-enrol-township"
        />
        <TextInput
          label={t('stations.stationName')}
          value={f.name}
          onChange={(e) => setF({ ...f, name: e.currentTarget.value })}
          data-testid="st-enrol-name"
        />
      </Group>
      <TextInput
        label={t('stations.users')}
        value={f.users}
        onChange={(e) => setF({ ...f, users: e.currentTarget.value })}
        data-testid="st-enrol-users"
      />
      <Checkbox
        mt="xs"
        label={t('stations.delegate')}
        checked={f.delegate}
        onChange={(e) => setF({ ...f, delegate: e.currentTarget.checked })}
      />
      <Group align="flex-start" grow>
        <PasswordInput
          label={t('stations.passphrase')}
          value={p.p1}
          error={p.error1}
          onChange={(e) => p.setP1(e.currentTarget.value)}
          data-testid="st-enrol-pass"
        />
        <PasswordInput
          label={t('stations.passphrase2')}
          value={p.p2}
          error={p.error2}
          onChange={(e) => p.setP2(e.currentTarget.value)}
          data-testid="st-enrol-pass2"
        />
      </Group>
      <Group mt="xs">
        <ChooseFolder value={folder} onChange={setFolder} testid="st-enrol-folder" onError={a.setError} />
        <Button
          disabled={!f.township || !f.name || !p.ok || !folderReady(m, folder)}
          loading={a.busy}
          onClick={() => void enrol()}
          data-testid="st-enrol-go"
        >
          {t('stations.enrol')}
        </Button>
      </Group>
      {done && (
        <Alert color="teal" mt="xs" data-testid="st-enrolled">
          {t('stations.enrolled', { id: done.stationId, h: done.households, u: done.users })}
        </Alert>
      )}
      <ErrorAlert error={a.error} />
    </Paper>
  );
}

function Join({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ f: ChosenFile; name: string } | null>(null);
  const [pass, setPass] = useState('');
  const a = useAction();
  const [done, setDone] = useState<Output<'stations.join'> | null>(null);
  return (
    <Paper withBorder p="sm" data-testid="st-join">
      <Title order={5}>{t('stations.joinTitle')}</Title>
      <ChooseFile
        label={t('stations.choose')}
        folderLabel={t('stations.chooseFolder')}
        accept={['zip']}
        testid="st-join-file"
        onChosen={(f, name) => setFile({ f, name })}
        onError={a.setError}
      />
      {file && <Text size="sm">{file.name}</Text>}
      <PasswordInput
        label={t('stations.passphrase')}
        value={pass}
        onChange={(e) => setPass(e.currentTarget.value)}
        data-testid="st-join-pass"
      />
      <Button
        mt="xs"
        disabled={!file || pass.length < 8}
        loading={a.busy}
        data-testid="st-join-go"
        onClick={() =>
          void a
            .run(() =>
              call('stations.join', { ...('upload' in file!.f ? { upload: file!.f.upload } : { path: file!.f.path }), passphrase: pass }),
            )
            .then(async (r) => {
              if (r) setDone(r);
              if (r) await onDone();
            })
        }
      >
        {t('stations.join')}
      </Button>
      {done && (
        <Alert color="teal">{t('stations.joined', { id: done.stationId, t: done.township, h: done.households, u: done.users })}</Alert>
      )}
      <ErrorAlert error={a.error} />
    </Paper>
  );
}
