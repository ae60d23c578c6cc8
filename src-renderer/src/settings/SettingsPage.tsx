import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  PasswordInput,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../api';
import type { Output, User } from '../../../src-main/contract/index';
import { ROLES } from '../../../src-main/contract/common';
import { ErrorAlert, errorText } from '../lib/errors';
import { dateTime } from '../lib/format';
import { useSession } from '../session';
import { LangSwitch } from '../components/LangSwitch';
import { SortTh, sortRows, type Sort } from '../components/SortTh';
import { ParametersTab } from '../policy/ParametersTab';
import { SettingsBackup } from '../backup/BackupTab';
import { SettingsCalendar } from '../monitoring/CalendarTab';

export function SettingsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('office');
  return (
    <Stack gap="sm" data-testid="settings-page">
      <Group justify="space-between">
        <Title order={2}>{t('settings.title')}</Title>
        <Group gap="xs">
          <Text size="sm">{t('settings.language')}</Text>
          <LangSwitch />
        </Group>
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="office" data-testid="tab-office">
            {t('settings.office')}
          </Tabs.Tab>
          <Tabs.Tab value="users" data-testid="tab-users">
            {t('settings.users')}
          </Tabs.Tab>
          <Tabs.Tab value="parameters" data-testid="tab-parameters">
            {t('params.title')}
          </Tabs.Tab>
          <Tabs.Tab value="audit" data-testid="tab-audit-log">
            {t('settings.audit')}
          </Tabs.Tab>
          <Tabs.Tab value="backup" data-testid="tab-backup">
            {t('settings.backupTab')}
          </Tabs.Tab>
          <Tabs.Tab value="calendar" data-testid="tab-calendar">
            {t('settings.calendarTab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="office" pt="sm">
          <OfficeTab />
        </Tabs.Panel>
        <Tabs.Panel value="users" pt="sm">
          <UsersTab />
        </Tabs.Panel>
        <Tabs.Panel value="parameters" pt="sm">
          <ParametersTab />
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="sm">
          <AuditTab />
        </Tabs.Panel>
        <Tabs.Panel value="backup" pt="sm">
          <SettingsBackup />
        </Tabs.Panel>
        <Tabs.Panel value="calendar" pt="sm">
          <SettingsCalendar />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function OfficeTab() {
  const { t } = useTranslation();
  const { refreshOffice } = useSession();
  const [o, setO] = useState({ name: '', county: '', regionCode: '' });
  const [error, setError] = useState<unknown>(null);
  const [field, setField] = useState<Record<string, string>>({});
  useEffect(() => {
    call('office.get', {})
      .then((x) => setO({ name: x.name, county: x.county, regionCode: x.regionCode }))
      .catch(setError);
  }, []);
  async function save() {
    setError(null);
    setField({});
    try {
      await call('office.update', o);
      refreshOffice();
      notifications.show({ color: 'teal', message: t('settings.officeSaved') });
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.field) setField({ [e.field.split('.').pop()!]: e.message });
    }
  }
  return (
    <Paper withBorder p="md" maw={520}>
      <Stack>
        <TextInput
          label={t('setup.officeName')}
          value={o.name}
          error={field.name}
          onChange={(e) => setO({ ...o, name: e.currentTarget.value })}
          data-testid="office-name"
        />
        <TextInput
          label={t('setup.county')}
          value={o.county}
          error={field.county}
          onChange={(e) => setO({ ...o, county: e.currentTarget.value })}
          data-testid="office-county"
        />
        <TextInput
          label={t('setup.regionCode')}
          maxLength={6}
          value={o.regionCode}
          error={field.regionCode}
          onChange={(e) => setO({ ...o, regionCode: e.currentTarget.value })}
          data-testid="office-region"
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button onClick={() => void save()} data-testid="office-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function UsersTab() {
  const { t } = useTranslation();
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [resetFor, setResetFor] = useState<User | null>(null);
  const [sort, setSort] = useState<Sort>(null);
  const load = useCallback(() => {
    call('users.list', {})
      .then((u) => {
        setUsers(u);
        setError(null);
      })
      .catch(setError);
  }, []);
  useEffect(load, [load]);

  async function update(u: User, patch: { role?: User['role']; active?: boolean }) {
    try {
      const r = await call('users.update', { id: u.id, ...patch });
      notifications.show({ color: 'teal', message: t('settings.userSaved', { u: r.username }) });
      load();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Stack>
      <ErrorAlert error={error} />
      {users && (
        <>
          <Group>
            <Button onClick={() => setCreating(true)} data-testid="new-user">
              {t('settings.newUser')}
            </Button>
          </Group>
          <Table striped data-testid="users-table" maw={900}>
            <Table.Thead>
              <Table.Tr>
                <SortTh label={t('settings.username')} k="username" sort={sort} onSort={setSort} />
                <SortTh label={t('settings.displayName')} k="displayName" sort={sort} onSort={setSort} />
                <SortTh label={t('settings.role')} k="role" sort={sort} onSort={setSort} />
                <Table.Th>{t('settings.active')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sortRows(users, sort).map((u) => (
                <Table.Tr key={u.id} data-testid={`user-row-${u.username}`}>
                  <Table.Td>{u.username}</Table.Td>
                  <Table.Td>{u.displayName}</Table.Td>
                  <Table.Td>
                    <NativeSelect
                      size="xs"
                      w={140}
                      aria-label={t('settings.role')}
                      value={u.role}
                      onChange={(e) => void update(u, { role: e.currentTarget.value as User['role'] })}
                      data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                      data-testid={`user-role-${u.username}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      checked={u.active}
                      aria-label={t('settings.active')}
                      onChange={(e) => void update(u, { active: e.currentTarget.checked })}
                      data-testid={`user-active-${u.username}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="default" onClick={() => setResetFor(u)} data-testid={`user-reset-${u.username}`}>
                      {t('settings.resetPassword')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <CreateUser opened={creating} onClose={() => setCreating(false)} onCreated={load} />
      <ResetPassword user={resetFor} onClose={() => setResetFor(null)} />
    </Stack>
  );
}

function CreateUser({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ username: '', displayName: '', role: 'clerk' as User['role'], password: '' });
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  async function create(e: React.FormEvent) {
    e.preventDefault();
    try {
      const u = await call('users.create', v);
      notifications.show({ color: 'teal', message: t('settings.userCreated', { u: u.username }) });
      setV({ username: '', displayName: '', role: 'clerk', password: '' });
      setError(null);
      onCreated();
      onClose();
    } catch (err) {
      setError({ field: err instanceof ApiError ? err.field : undefined, message: errorText(err) });
    }
  }
  const fe = (f: string) => (error?.field === f ? error.message : undefined);
  // Closing (Esc) keeps what was typed: the values live here, not in the modal.
  return (
    <Modal opened={opened} onClose={onClose} title={t('settings.newUser')}>
      <form onSubmit={create}>
        <Stack>
          <TextInput
            label={t('settings.username')}
            value={v.username}
            error={fe('username')}
            onChange={(e) => setV({ ...v, username: e.currentTarget.value })}
            data-testid="nu-username"
            data-autofocus
          />
          <TextInput
            label={t('settings.displayName')}
            value={v.displayName}
            error={fe('displayName')}
            onChange={(e) => setV({ ...v, displayName: e.currentTarget.value })}
            data-testid="nu-display"
          />
          <NativeSelect
            label={t('settings.role')}
            value={v.role}
            onChange={(e) => setV({ ...v, role: e.currentTarget.value as User['role'] })}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            data-testid="nu-role"
          />
          <PasswordInput
            label={t('setup.password')}
            value={v.password}
            error={fe('password')}
            onChange={(e) => setV({ ...v, password: e.currentTarget.value })}
            data-testid="nu-password"
          />
          {error && !['username', 'displayName', 'password'].includes(error.field ?? '') && (
            <Alert color="red" data-testid="nu-error">
              {error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" data-testid="nu-submit">
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ResetPassword({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [pw, setPw] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (!user) return;
    try {
      await call('users.update', { id: user.id, password: pw });
      notifications.show({ color: 'teal', message: t('settings.userSaved', { u: user.username }) });
      setPw('');
      setError(null);
      onClose();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <Modal opened={!!user} onClose={onClose} title={`${t('settings.resetPassword')} · ${user?.username ?? ''}`}>
      <form onSubmit={save}>
        <Stack>
          <PasswordInput
            label={t('settings.newPassword')}
            value={pw}
            error={error}
            onChange={(e) => setPw(e.currentTarget.value)}
            data-testid="reset-password"
            data-autofocus
          />
          <Group justify="flex-end">
            <Button type="submit" data-testid="reset-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function AuditTab() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Output<'audit.recent'>>([]);
  const [error, setError] = useState<unknown>(null);
  const [verify, setVerify] = useState<Output<'audit.verify'> | null>(null);
  const [done, setDone] = useState(false);
  const [sort, setSort] = useState<Sort>(null);
  const load = useCallback(async (before?: number) => {
    try {
      const r = await call('audit.recent', { beforeSeq: before, limit: 100 });
      setRows((x) => (before ? [...x, ...r] : r));
      if (r.length < 100) setDone(true);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <Stack>
      <Group>
        <Button onClick={() => call('audit.verify', {}).then(setVerify).catch(setError)} data-testid="audit-verify">
          {t('settings.verify')}
        </Button>
        {verify &&
          (verify.ok ? (
            <Badge color="teal" size="lg" data-testid="audit-verify-result" data-ok="true">
              {t('settings.verifyOk', { n: verify.rows, h: verify.lastHash.slice(0, 12) })}
            </Badge>
          ) : (
            <Badge color="red" size="lg" data-testid="audit-verify-result" data-ok="false">
              {t('settings.verifyBad', { n: verify.problems.length })}
            </Badge>
          ))}
      </Group>
      {verify && !verify.ok && (
        <Stack gap={2}>
          {verify.problems.map((p) => (
            <Text key={p.seq} c="red" size="sm">
              {t('settings.problem', { seq: p.seq, p: p.problem })}
            </Text>
          ))}
        </Stack>
      )}
      <ErrorAlert error={error} />
      <Table striped data-testid="audit-log" verticalSpacing={2}>
        <Table.Thead>
          <Table.Tr>
            <SortTh label={t('settings.seq')} k="seq" sort={sort} onSort={setSort} num />
            <SortTh label={t('settings.at')} k="at" sort={sort} onSort={setSort} />
            <SortTh label={t('settings.who')} k="username" sort={sort} onSort={setSort} />
            <SortTh label={t('settings.action')} k="action" sort={sort} onSort={setSort} />
            <SortTh label={t('settings.entity')} k="entity" sort={sort} onSort={setSort} />
            <Table.Th>{t('settings.summary')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sortRows(rows, sort).map((r) => (
            <Table.Tr key={r.seq}>
              <Table.Td className="sn-num">{r.seq}</Table.Td>
              <Table.Td>{dateTime(r.at)}</Table.Td>
              <Table.Td>{r.username}</Table.Td>
              <Table.Td>{t(`household.actions.${r.action}`, { defaultValue: r.action })}</Table.Td>
              <Table.Td>
                {r.entity}
                {r.entityId ? ` #${r.entityId}` : ''}
              </Table.Td>
              <Table.Td>
                {r.entity === 'household' && r.entityId ? <a href={`#/households/${r.entityId}`}>{r.summary}</a> : r.summary}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!done && rows.length > 0 && (
        <Group>
          <Button variant="default" onClick={() => void load(rows[rows.length - 1].seq)}>
            {t('settings.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
