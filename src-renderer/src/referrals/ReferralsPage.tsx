/**
 * Referrals 需求推送 — push according to needs. Referrals by department and status (filters,
 * paged), a new referral (manual, charity with its programme, or a household's entitlements),
 * acknowledge / record a result, overdue marked and escalated by managers, the push list per
 * department (XLSX + manifest; the server masks charity lists) and the feedback import.
 * Charity organisations and programmes on their own tab (managers change them).
 */
import { RecordText } from '../components/RecordText';
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { ExportButton, ListPager, listSort, useListState } from '../components/ListKit';
import { REFERRAL_SORT_KEYS } from '../../../src-main/contract/referrals';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { ErrorAlert } from '../lib/errors';
import { AreaFilter } from '../components/files';
import { useSession } from '../session';
import { DEPARTMENTS, isCode, REFERRAL_STATUSES, type DepartmentCode, type ReferralStatus } from '../../../src-main/common/codes';
import { word } from './common';
import { routeQuery, useRoute } from '../lib/router';
import { ReferralTable } from './ReferralTable';
import { CreateReferralModal, ExportModal, useCharity } from './referral-dialogs';
import { FeedbackImport } from './FeedbackImport';

const PAGE_SIZE = 25;

export function ReferralsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('list');
  return (
    <Stack gap="xs" data-testid="referrals-page">
      <Group gap="sm" wrap="nowrap">
        <Title order={2}>{t('referrals.title')}</Title>
        <Text size="sm" c="dimmed" truncate>
          {t('referrals.subtitle')}
        </Text>
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="list" data-testid="referrals-tab-list">
            {t('referrals.tabList')}
          </Tabs.Tab>
          <Tabs.Tab value="charity" data-testid="referrals-tab-charity">
            {t('referrals.tabCharity')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list" pt="xs">
          <ReferralList />
        </Tabs.Panel>
        <Tabs.Panel value="charity" pt="xs">
          <CharityAdmin />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function ReferralList() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager' || user.role === 'administrator';
  const canImport = user.role === 'clerk' || user.role === 'manager';
  const [department, setDepartment] = useState<'' | DepartmentCode>('');
  // Opened from a dashboard number: filtered to exactly what it counts.
  const query = routeQuery(useRoute());
  const [status, setStatus] = useState<'' | ReferralStatus>(() => REFERRAL_STATUSES.find((s) => s === query.get('status')) ?? '');
  const [overdue, setOverdue] = useState(() => query.get('overdue') === '1');
  const [townshipId, setTownshipId] = useState('');
  const [villageId, setVillageId] = useState('');
  const { page, setPage, sort, setSort } = useListState();
  const [res, setRes] = useState<Output<'referrals.list'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const [dialog, setDialog] = useState<'create' | 'export' | null>(null);
  const refresh = useCallback(() => setTick((x) => x + 1), []);
  // The filters and the sort the page and its export share: the export writes what is shown.
  const area = villageId ? { villageId: Number(villageId) } : townshipId ? { townshipId: Number(townshipId) } : {};
  const shown = {
    ...(department ? { department } : {}),
    ...(status ? { status } : {}),
    ...(overdue ? { overdue: true } : {}),
    ...area,
    sort: listSort(sort, REFERRAL_SORT_KEYS),
  };
  const shownKey = JSON.stringify(shown);
  useEffect(() => {
    let live = true;
    call('referrals.list', { ...JSON.parse(shownKey), page, pageSize: PAGE_SIZE })
      .then((r) => {
        if (live) {
          setRes(r);
          setError(null);
        }
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [shownKey, page, tick, i18n.language]);
  async function escalate() {
    try {
      const r = await call('referrals.escalateOverdue', {});
      notifications.show({ color: r.escalated ? 'orange' : 'gray', message: t('referrals.escalated', { n: r.escalated }) });
      refresh();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <NativeSelect
          size="xs"
          w={210}
          label={t('referrals.department')}
          value={department}
          data-testid="ref-filter-department"
          onChange={(e) => {
            const v = e.currentTarget.value;
            setDepartment(isCode(DEPARTMENTS, v) ? v : '');
            setPage(1);
          }}
          data={[{ value: '', label: t('loop.anyDepartment') }, ...DEPARTMENTS.map((d) => ({ value: d, label: word('department', d) }))]}
        />
        <NativeSelect
          size="xs"
          w={130}
          label={t('referrals.status')}
          value={status}
          data-testid="ref-filter-status"
          onChange={(e) => {
            const v = e.currentTarget.value;
            setStatus(isCode(REFERRAL_STATUSES, v) ? v : '');
            setPage(1);
          }}
          data={[{ value: '', label: t('loop.anyStatus') }, ...REFERRAL_STATUSES.map((s) => ({ value: s, label: word('status', s) }))]}
        />
        <AreaFilter
          prefix="ref-filter"
          township={townshipId}
          village={villageId}
          onChange={(a, b) => {
            setTownshipId(a);
            setVillageId(b);
            setPage(1);
          }}
        />
        <Checkbox
          size="xs"
          mb={6}
          label={t('referrals.onlyOverdue')}
          checked={overdue}
          onChange={(e) => {
            setOverdue(e.currentTarget.checked);
            setPage(1);
          }}
          data-testid="ref-filter-overdue"
        />
        <Text size="sm" mb={4} data-testid="ref-total">
          {res ? t('common.total', { n: res.total }) : ''}
        </Text>
        <Group gap="xs" ml="auto" wrap="nowrap">
          <Button size="xs" onClick={() => setDialog('create')} data-testid="ref-create">
            {t('referrals.create')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setDialog('export')} data-testid="ref-export">
            {t('referrals.exportList')}
          </Button>
          <ExportButton run={() => call('referrals.exportXlsx', shown)} testid="ref-export-xlsx" onError={setError} />
          {manager && (
            <Button size="xs" variant="light" color="orange" onClick={() => void escalate()} data-testid="ref-escalate">
              {t('referrals.escalate')}
            </Button>
          )}
        </Group>
      </Group>
      {/* The exchange takes files from clerks and managers (exchange.start). */}
      {canImport && <FeedbackImport onDone={refresh} />}
      <ErrorAlert error={error} />
      {res && <ReferralTable rows={res.rows} onChanged={refresh} sort={sort} onSort={setSort} />}
      {res && res.total > 0 && <ListPager total={res.total} page={page} pageSize={PAGE_SIZE} onPage={setPage} testid="ref" />}
      {dialog === 'create' && (
        <CreateReferralModal
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            refresh();
          }}
        />
      )}
      {dialog === 'export' && (
        <ExportModal
          initial={department || undefined}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            refresh();
          }}
        />
      )}
    </Stack>
  );
}

function CharityAdmin() {
  const { t } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager' || user.role === 'administrator';
  const [charity, reload] = useCharity();
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [prog, setProg] = useState<Record<number, { name: string; description: string }>>({});
  const [error, setError] = useState<unknown>(null);
  async function run(fn: () => Promise<unknown>) {
    setError(null);
    try {
      await fn();
      reload();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Stack gap="xs" data-testid="charity-admin">
      {manager ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await call('charity.createOrganisation', { name, ...(contact ? { contact } : {}) });
              setName('');
              setContact('');
            });
          }}
        >
          <Group gap="xs" align="flex-end">
            <TextInput
              size="xs"
              w={240}
              label={t('referrals.charityName')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-testid="org-name"
            />
            <TextInput
              size="xs"
              w={240}
              label={t('referrals.charityContact')}
              value={contact}
              onChange={(e) => setContact(e.currentTarget.value)}
              data-testid="org-contact"
            />
            <Button size="xs" type="submit" disabled={name.trim().length < 2} data-testid="org-create">
              {t('referrals.charityNew')}
            </Button>
          </Group>
        </form>
      ) : (
        <Text size="sm" c="dimmed">
          {t('referrals.managersOnly')}
        </Text>
      )}
      <ErrorAlert error={error} />
      {charity && charity.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('referrals.charityNone')}
        </Text>
      )}
      {charity?.map((o) => {
        const p = prog[o.id] ?? { name: '', description: '' };
        return (
          <Paper key={o.id} withBorder p="xs" data-testid="org-row" data-name={o.name}>
            <Group justify="space-between" wrap="nowrap">
              <Group gap="xs">
                <Text fw={600}>
                  <RecordText text={o.name} />
                </Text>
                <Text size="xs" c="dimmed">
                  <RecordText text={o.contact} />
                </Text>
                <Badge size="sm" color={o.active ? 'teal' : 'gray'} variant="light">
                  {o.active ? t('referrals.active') : t('referrals.inactive')}
                </Badge>
              </Group>
              {manager && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => void run(() => call('charity.setActive', { kind: 'organisation', id: o.id, active: !o.active }))}
                >
                  {o.active ? t('referrals.deactivate') : t('referrals.activate')}
                </Button>
              )}
            </Group>
            <Table fz="xs" verticalSpacing={2} mt={4}>
              <Table.Tbody>
                {o.programmes.map((x) => (
                  <Table.Tr key={x.id} data-testid="programme-row">
                    <Table.Td w={220}>
                      <RecordText text={x.name} />
                    </Table.Td>
                    <Table.Td w={110}>{word('assistance', x.assistance)}</Table.Td>
                    <Table.Td>
                      <RecordText text={x.description} />
                    </Table.Td>
                    <Table.Td w={80}>
                      <Badge size="xs" color={x.active ? 'teal' : 'gray'} variant="light">
                        {x.active ? t('referrals.active') : t('referrals.inactive')}
                      </Badge>
                    </Table.Td>
                    <Table.Td w={70}>
                      {manager && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          onClick={() => void run(() => call('charity.setActive', { kind: 'programme', id: x.id, active: !x.active }))}
                        >
                          {x.active ? t('referrals.deactivate') : t('referrals.activate')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {manager && (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void run(async () => {
                    await call('charity.createProgramme', {
                      organisationId: o.id,
                      name: p.name,
                      assistance: 'charity',
                      ...(p.description ? { description: p.description } : {}),
                    });
                    setProg((s) => ({ ...s, [o.id]: { name: '', description: '' } }));
                  });
                }}
              >
                <Group gap="xs" align="flex-end" mt={4}>
                  <TextInput
                    size="xs"
                    w={220}
                    placeholder={t('referrals.programmeName')}
                    value={p.name}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setProg((s) => ({ ...s, [o.id]: { ...p, name: v } }));
                    }}
                    data-testid="prog-name"
                  />
                  <TextInput
                    size="xs"
                    w={320}
                    placeholder={t('referrals.description')}
                    value={p.description}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setProg((s) => ({ ...s, [o.id]: { ...p, description: v } }));
                    }}
                  />
                  <Button size="xs" variant="light" type="submit" disabled={p.name.trim().length < 2} data-testid="prog-create">
                    {t('referrals.programmeNew')}
                  </Button>
                </Group>
              </form>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
