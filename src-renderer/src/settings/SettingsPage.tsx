/**
 * Settings, by role (docs/security.md "Roles and the two-person rule"): the administrator's system
 * (office, accounts, parameters, backups, calendar), the manager's accounts, parameters and the
 * requests to confirm, the auditor's audit log. A clerk who comes by address sees the tabs and is
 * refused by the service.
 */
import { useEffect, useState } from 'react';
import { Button, Group, Paper, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../api';
import type { Input } from '../../../src-main/contract';
import { ErrorAlert } from '../lib/errors';
import { useSession } from '../session';
import { useRoute } from '../lib/router';
import { LangSwitch } from '../components/LangSwitch';
import { ParametersTab } from '../policy/ParametersTab';
import { AuditTab } from './AuditTab';
import { UsersTab } from './UsersTab';
import { RequestsTab } from './RequestsTab';
import { SettingsBackup } from '../backup/BackupTab';
import { SettingsCalendar } from '../monitoring/CalendarTab';

const TABS = ['office', 'users', 'requests', 'parameters', 'audit', 'backup', 'calendar'] as const;
type Tab = (typeof TABS)[number];
const TABS_OF: Record<string, readonly Tab[]> = {
  manager: ['users', 'requests', 'parameters', 'audit'],
  auditor: ['audit'],
};

export function SettingsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const tabs = TABS_OF[user.role] ?? TABS;
  // `#/settings/requests/12` (a scenario's link to its adoption request) opens the Requests tab on that request.
  const m = /^\/settings\/requests(?:\/(\d+))?$/.exec(useRoute());
  const [tab, setTab] = useState<string | null>(m && tabs.includes('requests') ? 'requests' : tabs[0]);
  const focus = m?.[1] ? Number(m[1]) : null;
  const has = (k: Tab) => tabs.includes(k);
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
          {has('office') && (
            <Tabs.Tab value="office" data-testid="tab-office">
              {t('settings.office')}
            </Tabs.Tab>
          )}
          {has('users') && (
            <Tabs.Tab value="users" data-testid="tab-users">
              {t('settings.users')}
            </Tabs.Tab>
          )}
          {has('requests') && (
            <Tabs.Tab value="requests" data-testid="tab-requests">
              {t('requests.title')}
            </Tabs.Tab>
          )}
          {has('parameters') && (
            <Tabs.Tab value="parameters" data-testid="tab-parameters">
              {t('params.title')}
            </Tabs.Tab>
          )}
          {has('audit') && (
            <Tabs.Tab value="audit" data-testid="tab-audit-log">
              {t('settings.audit')}
            </Tabs.Tab>
          )}
          {has('backup') && (
            <Tabs.Tab value="backup" data-testid="tab-backup">
              {t('settings.backupTab')}
            </Tabs.Tab>
          )}
          {has('calendar') && (
            <Tabs.Tab value="calendar" data-testid="tab-calendar">
              {t('settings.calendarTab')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        {has('office') && (
          <Tabs.Panel value="office" pt="sm">
            <OfficeTab />
          </Tabs.Panel>
        )}
        {has('users') && (
          <Tabs.Panel value="users" pt="sm">
            <UsersTab />
          </Tabs.Panel>
        )}
        {has('requests') && (
          <Tabs.Panel value="requests" pt="sm">
            <RequestsTab focus={focus} />
          </Tabs.Panel>
        )}
        {has('parameters') && (
          <Tabs.Panel value="parameters" pt="sm">
            <ParametersTab />
          </Tabs.Panel>
        )}
        {has('audit') && (
          <Tabs.Panel value="audit" pt="sm">
            <AuditTab />
          </Tabs.Panel>
        )}
        {has('backup') && (
          <Tabs.Panel value="backup" pt="sm">
            <SettingsBackup />
          </Tabs.Panel>
        )}
        {has('calendar') && (
          <Tabs.Panel value="calendar" pt="sm">
            <SettingsCalendar />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

function OfficeTab() {
  const { t } = useTranslation();
  const { refreshOffice } = useSession();
  const form = useForm<Input<'office.update'>>({ mode: 'controlled', initialValues: { name: '', county: '', regionCode: '' } });
  const { setValues } = form;
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('office.get', {})
      .then((x) => setValues({ name: x.name, county: x.county, regionCode: x.regionCode }))
      .catch(setError);
  }, [setValues]);
  const save = form.onSubmit(async (o) => {
    setError(null);
    form.clearErrors();
    try {
      await call('office.update', o);
      refreshOffice();
      notifications.show({ color: 'teal', message: t('settings.officeSaved') });
    } catch (e) {
      setError(e);
      // The service names the field it refuses: `name`, `county`, `regionCode`.
      if (e instanceof ApiError && e.field) form.setFieldError(e.field.split('.').pop() ?? e.field, e.message);
    }
  });
  return (
    <Paper withBorder p="md" maw={520}>
      <form onSubmit={save}>
        <Stack>
          <TextInput label={t('setup.officeName')} {...form.getInputProps('name')} data-testid="office-name" />
          <TextInput label={t('setup.county')} {...form.getInputProps('county')} data-testid="office-county" />
          <TextInput label={t('setup.regionCode')} maxLength={6} {...form.getInputProps('regionCode')} data-testid="office-region" />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button type="submit" data-testid="office-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
