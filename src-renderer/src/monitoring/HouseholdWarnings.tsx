/** The household's 预警 tab: every warning on it, open and closed, each one click from its page in Monitoring. */
import { useEffect, useState } from 'react';
import { Badge, Button, Pagination, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { ErrorAlert } from '../lib/errors';
import { date } from '../lib/format';
import { navigate } from '../lib/router';
import { useRuleText } from '../components/files';

const PAGE = 20;

export function HouseholdWarnings({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const ruleText = useRuleText();
  const [page, setPage] = useState(1);
  const [res, setRes] = useState<Output<'monitoring.queue'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    call('monitoring.queue', { householdId, status: 'all', page, pageSize: PAGE })
      .then((r) => live && setRes(r))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [householdId, page]);
  const pages = res ? Math.max(1, Math.ceil(res.total / PAGE)) : 1;
  return (
    <Stack gap="xs" data-testid="hh-warnings">
      <ErrorAlert error={error} />
      {res && res.items.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="hh-warnings-empty">
          {t('hhWarnings.empty')}
        </Text>
      )}
      {res && res.items.length > 0 && (
        <Table fz="xs" verticalSpacing={3} striped style={{ tableLayout: 'fixed' }} data-testid="hh-warnings-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={46}>#</Table.Th>
              <Table.Th w={76}>{t('monitoring.severity')}</Table.Th>
              <Table.Th>{t('monitoring.rule')}</Table.Th>
              <Table.Th w={110}>{t('monitoring.person')}</Table.Th>
              <Table.Th w={90}>{t('monitoring.raisedOn')}</Table.Th>
              <Table.Th w={100}>{t('monitoring.dueOn')}</Table.Th>
              <Table.Th w={44}>{t('monitoring.visits')}</Table.Th>
              <Table.Th w={130}>{t('monitoring.status')}</Table.Th>
              <Table.Th w={140} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {res.items.map((w) => (
              <Table.Tr key={w.id} data-testid="hh-warning-row" data-id={w.id} data-status={w.status} data-outcome={w.outcome ?? ''}>
                <Table.Td>{w.id}</Table.Td>
                <Table.Td>
                  <Badge
                    size="xs"
                    color={w.severity === 'urgent' ? 'orange' : 'gray'}
                    variant={w.severity === 'urgent' ? 'filled' : 'light'}
                  >
                    {t(`monitoring.sev.${w.severity}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" fw={600}>
                    {ruleText(w.rule, w.ruleText)}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
                    {w.evidence}
                  </Text>
                </Table.Td>
                <Table.Td>{w.personName ?? '—'}</Table.Td>
                <Table.Td>{date(w.raisedOn)}</Table.Td>
                <Table.Td>
                  <Text size="xs" c={w.overdue ? 'red.8' : undefined}>
                    {date(w.dueOn)}
                  </Text>
                  {w.overdue && (
                    <Badge size="xs" color="red">
                      {t('monitoring.overdue')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td className="sn-num">{w.visits}</Table.Td>
                <Table.Td>
                  {w.status === 'open' ? (
                    <Badge size="xs" variant="light">
                      {t('monitoring.st.open')}
                    </Badge>
                  ) : (
                    <>
                      <Badge size="xs" color="teal" variant="light" data-testid="hh-warning-closed">
                        {t('monitoring.st.closed')}
                      </Badge>
                      <Text size="xs">
                        {t(`monitoring.outcomes.${w.outcome}`, { defaultValue: w.outcome ?? '' })} · {date(w.closedAt)}
                      </Text>
                    </>
                  )}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => navigate(`/monitoring/warning/${w.id}`)}
                    data-testid="hh-warning-open"
                  >
                    {t('hhWarnings.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {pages > 1 && (
        <Group justify="center">
          <Pagination size="sm" total={pages} value={page} onChange={setPage} />
        </Group>
      )}
    </Stack>
  );
}
