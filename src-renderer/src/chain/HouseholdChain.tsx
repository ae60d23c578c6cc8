/**
 * The household page's 救助链 tab: one household (person), one assistance chain — the
 * append-only timeline (filter by person: that person's chain across households), and the
 * happiness list 幸福清单 with each item received / pending / declined.
 */
import { useEffect, useState } from 'react';
import { Badge, Button, Grid, Group, NativeSelect, Paper, Table, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import type { ChainKind } from '../../../src-main/common/codes';
import type { HouseholdData } from '../../../src-main/common/household-file';
import { ErrorAlert } from '../lib/errors';
import { date, money } from '../lib/format';
import { navigate } from '../lib/router';
import { HappyBadge, word } from '../referrals/common';
import { chainItemLabel, chainKindLabel, chainStatusLabel, departmentLabel } from '../../../src-main/common/chain-labels';
import { RecordText } from '../components/RecordText';

type Event = Output<'chain.list'>[number];
type Happiness = Output<'chain.happiness'>;
const KIND_COLOR: Record<ChainKind, string> = {
  determination: 'teal',
  tier_change: 'grape',
  review: 'indigo',
  warning: 'red',
  visit: 'orange',
  referral: 'blue',
  department_result: 'cyan',
  payment: 'green',
  entitlement: 'gray',
};

export function HouseholdChain({ householdId }: { householdId: number }) {
  const { t, i18n } = useTranslation();
  const [members, setMembers] = useState<Pick<HouseholdData['members'][number], 'idNumber' | 'name'>[]>([]);
  const [person, setPerson] = useState('');
  const [events, setEvents] = useState<Event[] | null>(null);
  const [happy, setHappy] = useState<Happiness | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('households.get', { id: householdId })
      .then((h) => {
        // households.get's household is the registry's HouseholdData.
        const data: HouseholdData | undefined = h.household;
        setMembers(data?.members ?? []);
      })
      .catch(() => {});
    call('chain.happiness', { householdId }).then(setHappy).catch(setError);
  }, [householdId, i18n.language]);
  useEffect(() => {
    let live = true;
    call('chain.list', person ? { idNumber: person, limit: 1000 } : { householdId, limit: 1000 })
      .then((r) => {
        if (live) {
          setEvents(r);
          setError(null);
        }
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [householdId, person]);
  const names = Object.fromEntries(members.map((m) => [m.idNumber, m.name]));
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const count = (s: string) => happy?.items.filter((i) => i.status === s).length ?? 0;
  return (
    <Grid gap="sm" data-testid="household-chain">
      <Grid.Col span={7}>
        <Paper withBorder p="xs">
          <Group justify="space-between" wrap="nowrap" mb={6}>
            <Title order={5}>{t('chain.title')}</Title>
            <Group gap="xs" wrap="nowrap">
              <NativeSelect
                size="xs"
                w={200}
                aria-label={t('chain.filterPerson')}
                value={person}
                onChange={(e) => setPerson(e.currentTarget.value)}
                data-testid="chain-person"
                data={[{ value: '', label: t('chain.all') }, ...members.map((m) => ({ value: m.idNumber, label: m.name }))]}
              />
              <Button size="xs" variant="default" onClick={() => navigate(`/reports/chain/${householdId}`)} data-testid="chain-print">
                {t('chain.print')}
              </Button>
            </Group>
          </Group>
          <ErrorAlert error={error} />
          {events && events.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('chain.empty')}
            </Text>
          )}
          {events && events.length > 0 && (
            <Timeline bulletSize={14} lineWidth={2} data-testid="chain-timeline" styles={{ item: { marginTop: 6 } }}>
              {events.map((e) => (
                <Timeline.Item
                  key={e.id}
                  color={KIND_COLOR[e.kind]}
                  data-testid="chain-event"
                  data-kind={e.kind}
                  data-status={e.status ?? ''}
                  title={
                    <Group gap={6} wrap="nowrap">
                      <Text size="xs" className="sn-num" c="dimmed">
                        {date(e.at)}
                      </Text>
                      <Badge size="xs" variant="light" color={KIND_COLOR[e.kind]}>
                        {chainKindLabel(e.kind, lang)}
                      </Badge>
                      {e.department && <Text size="xs">{departmentLabel(e.department, lang)}</Text>}
                      {e.idNumber && (
                        <Text size="xs" c="dimmed">
                          {names[e.idNumber] ?? ''}
                        </Text>
                      )}
                      {e.amountFen !== null && (
                        <Text size="xs" fw={600} className="sn-num">
                          {money(e.amountFen)}
                        </Text>
                      )}
                    </Group>
                  }
                >
                  {lang === 'en' && (
                    <Text size="xs" fw={500} data-testid="chain-words">
                      {[chainItemLabel(e.item, lang), chainStatusLabel(e.status, lang)].filter(Boolean).join(' · ')}
                    </Text>
                  )}
                  {/* The entry's own line is a record kept in the office's language (chain/events.ts). */}
                  <Text size="xs" style={{ wordBreak: 'break-word' }} c={lang === 'en' ? 'dimmed' : undefined}>
                    <RecordText text={e.summary} />
                  </Text>
                  <Text size="xs" c="dimmed">
                    {e.basis ? (
                      <>
                        {t('chain.basis')}
                        {lang === 'en' ? ': ' : '：'}
                        <RecordText text={e.basis} />
                        {' · '}
                      </>
                    ) : (
                      ''
                    )}
                    {t('chain.recordedBy', { u: e.recordedBy })}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Paper>
      </Grid.Col>
      <Grid.Col span={5}>
        <Paper withBorder p="xs" data-testid="happiness-list">
          <Group justify="space-between" mb={6}>
            <Title order={5}>{t('chain.happiness')}</Title>
            {happy && (
              <Group gap={4}>
                <Badge size="sm" color="teal">
                  {t('chain.received', { n: count('received') })}
                </Badge>
                <Badge size="sm" color="yellow" variant="light">
                  {t('chain.pending', { n: count('pending') })}
                </Badge>
                <Badge size="sm" color="gray" variant="light">
                  {t('chain.declined', { n: count('declined') })}
                </Badge>
              </Group>
            )}
          </Group>
          {happy && happy.items.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('chain.noHappiness')}
            </Text>
          )}
          {happy && happy.items.length > 0 && (
            <Table fz="xs" verticalSpacing={3} style={{ tableLayout: 'fixed' }}>
              <Table.Tbody>
                {happy.items.map((i, k) => (
                  <Table.Tr
                    key={k}
                    data-testid="happy-item"
                    data-assistance={i.assistance}
                    data-status={i.status}
                    data-referral={i.referralNumber ?? ''}
                  >
                    <Table.Td>
                      <Text size="xs" fw={600}>
                        {i.kind === 'cash' ? `${t('chain.cash')} · ${word('tier', i.assistance)}` : word('assistance', i.assistance)}
                        {i.personName ? ` · ${i.personName}` : ''}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {i.kind === 'cash' ? t('loop.civilAffairs') : word('department', i.department)}
                        {i.referralNumber ? ` · ${i.referralNumber}` : ''}
                      </Text>
                      {(i.amountFen !== null || i.item || i.note) && (
                        <Text size="xs">
                          {[
                            i.amountFen !== null ? money(i.amountFen) : null,
                            i.item && i.item !== i.assistance ? i.item : null,
                            i.date,
                            i.note,
                          ]
                            .filter((x): x is string => Boolean(x))
                            .map((x, k) => (
                              <span key={k}>
                                {k > 0 ? ' · ' : ''}
                                <RecordText text={x} />
                              </span>
                            ))}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td w={76}>
                      <HappyBadge status={i.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
