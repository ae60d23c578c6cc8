import { useEffect, useState } from 'react';
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { COUNTED_INCOME_TYPES, EXPENSE_KEYS } from '../../../src-main/common/household-file';
import { ageFromId, birthDateFromId } from '../../../src-main/common/id-number';
import { todayIso } from '../../../src-main/common/dates';
import { ErrorAlert } from '../lib/errors';
import { auditAction, auditWho, date, dateTime, enumLabel, moneyYuan, recordLang } from '../lib/format';
import { navigate } from '../lib/router';
import { downloadText } from '../lib/files';
import { diff } from '../lib/diff';
import { pathWords, valueWords } from './field-words';
import { Determinations } from '../decisions/HouseholdDeterminations';
import { HouseholdChain } from '../chain/HouseholdChain';
import { HouseholdReferrals } from '../referrals/HouseholdReferrals';
import { HouseholdVerification } from '../monitoring/HouseholdVerification';
import { HouseholdWarnings } from '../monitoring/HouseholdWarnings';
import { HouseholdServices } from '../services/HouseholdServices';
import { HouseholdRecovery } from '../recovery/HouseholdRecovery';
import { StartCaseButton } from '../temporary/StartCaseButton';

type Detail = Output<'households.get'>;

export function HouseholdPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const [d, setD] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tab, setTab] = useState<string | null>('details');

  useEffect(() => {
    call('households.get', { id }).then(setD).catch(setError);
  }, [id]);

  async function exportFile() {
    try {
      const f = await call('households.exportFile', { id });
      downloadText(f.fileName, f.text, 'application/json');
    } catch (e) {
      setError(e);
    }
  }

  if (!d)
    return (
      <Stack>
        <ErrorAlert error={error} />
        {!error && <Text>{t('common.loading')}</Text>}
      </Stack>
    );
  const h = d.household;
  const head = h.members.find((m) => m.relation === 'head');
  return (
    <Stack gap="sm" data-testid="household-page">
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2} data-testid="household-title">
            {t('household.title', { id })} · {head?.name}
          </Title>
          <Badge variant="light">{enumLabel('residence', h.residence)}</Badge>
          <Text size="sm" c="dimmed">
            {h.area.township} · {h.area.village}
            {h.address ? ` · ${h.address}` : ''}
          </Text>
        </Group>
        <Group>
          <Button variant="light" onClick={() => navigate(`/screening/${id}`)} data-testid="household-screen">
            {t('determinations.screen')}
          </Button>
          <StartCaseButton householdId={id} />
          <Button onClick={() => navigate(`/households/${id}/edit`)} data-testid="edit-household">
            {t('common.edit')}
          </Button>
          <Button variant="default" onClick={() => void exportFile()} data-testid="export-household">
            {t('households.export')}
          </Button>
          <Button variant="subtle" onClick={() => navigate('/households')}>
            {t('common.back')}
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={error} />
      <Paper withBorder p="sm" data-testid="household-current">
        <Group gap="xl">
          <Text fw={600}>{t('household.current')}:</Text>
          {h.current && h.current.tier ? (
            <>
              <Text data-testid="current-tier">{enumLabel('tier', h.current.tier)}</Text>
              <Text>
                {t('household.benefit')}: <b className="sn-num">{moneyYuan(h.current.monthlyBenefit)}</b>
              </Text>
              {h.current.gradualExitSince && (
                <Text>
                  {t('household.gradualExitSince')}: {h.current.gradualExitSince}
                </Text>
              )}
            </>
          ) : (
            <Text c="dimmed" data-testid="current-tier">
              {t('household.noCurrent')}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t('household.version', { v: d.version })} · {t('household.updatedAt')} {date(d.updatedAt)}
          </Text>
        </Group>
      </Paper>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="details" data-testid="tab-details">
            {t('household.details')}
          </Tabs.Tab>
          <Tabs.Tab value="determinations" data-testid="tab-determinations">
            {t('determinations.tab')}
          </Tabs.Tab>
          <Tabs.Tab value="audit" data-testid="tab-audit">
            {t('household.audit')}
          </Tabs.Tab>
          <Tabs.Tab value="chain" data-testid="tab-chain">
            {t('household.chain')}
          </Tabs.Tab>
          <Tabs.Tab value="verification" data-testid="tab-verification">
            {t('household.verification')}
          </Tabs.Tab>
          <Tabs.Tab value="warnings" data-testid="tab-warnings">
            {t('household.warnings')}
          </Tabs.Tab>
          <Tabs.Tab value="referrals" data-testid="tab-referrals">
            {t('household.referrals')}
          </Tabs.Tab>
          <Tabs.Tab value="services" data-testid="tab-services">
            {t('nav.services')}
          </Tabs.Tab>
          <Tabs.Tab value="recovery" data-testid="tab-recovery">
            {t('overpaid.tab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details" pt="sm">
          <Details h={h} />
        </Tabs.Panel>
        <Tabs.Panel value="determinations" pt="sm">
          <Determinations id={id} />
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="sm">
          <AuditTrail id={id} />
        </Tabs.Panel>
        <Tabs.Panel value="chain" pt="sm">
          <HouseholdChain householdId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="verification" pt="sm">
          <HouseholdVerification householdId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="warnings" pt="sm">
          <HouseholdWarnings householdId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="referrals" pt="sm">
          <HouseholdReferrals householdId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="services" pt="sm">
          <HouseholdServices householdId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="recovery" pt="sm">
          <HouseholdRecovery householdId={id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Details({ h }: { h: Output<'households.get'>['household'] }) {
  const { t } = useTranslation();
  const today = todayIso();
  const counted = new Set<string>(COUNTED_INCOME_TYPES);
  return (
    <Stack gap="sm">
      <Paper withBorder p="xs">
        <Title order={4} mb={4}>
          {t('household.members')}
        </Title>
        <Table striped data-testid="members-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('form.name')}</Table.Th>
              <Table.Th>{t('form.idNumber')}</Table.Th>
              <Table.Th>{t('form.relation')}</Table.Th>
              <Table.Th>{t('household.sex')}</Table.Th>
              <Table.Th>{t('household.birthDate')}</Table.Th>
              <Table.Th className="sn-num">{t('household.age')}</Table.Th>
              <Table.Th>{t('form.status')}</Table.Th>
              <Table.Th>{t('form.disabilityKind')}</Table.Th>
              <Table.Th>{t('form.illness')}</Table.Th>
              <Table.Th>{t('form.labour')}</Table.Th>
              <Table.Th>{t('form.schooling')}</Table.Th>
              <Table.Th className="sn-num">{t('household.income')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {h.members.map((m) => {
              const inc = m.monthlyIncome.filter((x) => counted.has(x.type)).reduce((s, x) => s + Math.round(x.amount * 100), 0);
              return (
                <Table.Tr key={m.idNumber} data-testid="member-row">
                  <Table.Td>{m.name}</Table.Td>
                  <Table.Td className="sn-mono">{m.idNumber}</Table.Td>
                  <Table.Td>{enumLabel('relation', m.relation)}</Table.Td>
                  <Table.Td>{enumLabel('sex', +m.idNumber[16] % 2 === 1 ? 'male' : 'female')}</Table.Td>
                  <Table.Td>{birthDateFromId(m.idNumber)}</Table.Td>
                  <Table.Td className="sn-num">{ageFromId(m.idNumber, today)}</Table.Td>
                  <Table.Td>{enumLabel('status', m.status)}</Table.Td>
                  <Table.Td>{m.disability ? `${enumLabel('disability', m.disability.kind)} ${m.disability.grade}` : '—'}</Table.Td>
                  <Table.Td>{enumLabel('illness', m.illness)}</Table.Td>
                  <Table.Td>{enumLabel('labour', m.labour)}</Table.Td>
                  <Table.Td>{enumLabel('schooling', m.schooling)}</Table.Td>
                  <Table.Td className="sn-num">{moneyYuan(inc / 100)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      <SimpleGrid cols={2}>
        <Paper withBorder p="xs">
          <Title order={5}>{t('household.income')}</Title>
          <Table>
            <Table.Tbody>
              {h.members.flatMap((m) =>
                m.monthlyIncome.map((x, i) => (
                  <Table.Tr key={m.idNumber + i}>
                    <Table.Td>{m.name}</Table.Td>
                    <Table.Td>{enumLabel('income', x.type)}</Table.Td>
                    <Table.Td className="sn-num">{moneyYuan(x.amount)}</Table.Td>
                  </Table.Tr>
                )),
              )}
            </Table.Tbody>
          </Table>
          {h.members.every((m) => m.monthlyIncome.length === 0) && (
            <Text c="dimmed" size="sm">
              {t('household.none')}
            </Text>
          )}
        </Paper>
        <Paper withBorder p="xs">
          <Title order={5}>{t('household.assets')}</Title>
          <Table>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>{t('household.vehicles')}</Table.Td>
                <Table.Td>{h.assets.vehicles.map((v) => enumLabel('vehicle', v.kind)).join('、') || '—'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('household.homes')}</Table.Td>
                <Table.Td>
                  {h.assets.homes
                    .map((x) => t('household.floorArea', { a: x.floorArea }) + (x.resettlement ? ` (${t('household.resettlement')})` : ''))
                    .join('、') || '—'}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('household.financialAssets')}</Table.Td>
                <Table.Td className="sn-num">{moneyYuan(h.assets.financialAssets)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('household.businesses')}</Table.Td>
                <Table.Td>
                  {h.assets.businesses
                    .map((b) => `${enumLabel('businessRole', b.role)}${b.operating ? '' : ' ×'} (${b.employees})`)
                    .join('、') || '—'}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('household.largeMachinery')}</Table.Td>
                <Table.Td>{h.assets.largeMachineryOrVessel ? t('common.yes') : t('common.no')}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('household.recentPurchase')}</Table.Td>
                <Table.Td>{h.assets.recentPurchase ? t('common.yes') : t('common.no')}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('household.housing')}</Table.Td>
                <Table.Td>
                  {enumLabel('housingCondition', h.housing.condition)} · {enumLabel('housingTenure', h.housing.tenure)}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('household.monitoring')}</Table.Td>
                <Table.Td>{enumLabel('monitoring', h.flags.returnToPovertyMonitoring)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder p="xs">
          <Title order={5}>{t('household.expenses')}</Title>
          <Table>
            <Table.Tbody>
              {EXPENSE_KEYS.map((k) => (
                <Table.Tr key={k}>
                  <Table.Td>{enumLabel('expense', k)}</Table.Td>
                  <Table.Td className="sn-num">{moneyYuan(h.expenses12Months[k])}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder p="xs">
          <Title order={5}>{t('household.supporters')}</Title>
          {h.supportersOutside.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('household.none')}
            </Text>
          ) : (
            <Table>
              <Table.Tbody>
                {h.supportersOutside.map((s, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{s.name}</Table.Td>
                    <Table.Td>{enumLabel('supporterRelation', s.relation)}</Table.Td>
                    <Table.Td className="sn-mono">{s.idNumber ?? (s.age !== undefined ? `${t('form.age')} ${s.age}` : '')}</Table.Td>
                    <Table.Td className="sn-num">{moneyYuan(s.annualIncome)}</Table.Td>
                    <Table.Td>{enumLabel('tier', s.tier)}</Table.Td>
                    <Table.Td>
                      {enumLabel('status', s.status)}
                      {s.severeDisability ? ` · ${t('form.severeDisability')}` : ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

function AuditTrail({ id }: { id: number }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Output<'audit.forEntity'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('audit.forEntity', { entity: 'household', entityId: String(id) })
      .then(setRows)
      .catch(setError);
  }, [id]);
  if (error) return <ErrorAlert error={error} />;
  if (!rows) return <Text>{t('common.loading')}</Text>;
  if (rows.length === 0) return <Text c="dimmed">{t('household.auditEmpty')}</Text>;
  return (
    <Table data-testid="audit-trail" verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={170}>{t('household.auditWhen')}</Table.Th>
          <Table.Th w={110}>{t('household.auditWho')}</Table.Th>
          <Table.Th w={90}>{t('household.auditAction')}</Table.Th>
          <Table.Th>{t('household.auditChanges')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => {
          const changes = r.before ? diff(r.before, r.after) : [];
          return (
            <Table.Tr key={r.seq} data-testid="audit-entry" data-action={r.action}>
              <Table.Td>{dateTime(r.at)}</Table.Td>
              <Table.Td>{auditWho(r.username)}</Table.Td>
              <Table.Td>{auditAction(r.action)}</Table.Td>
              <Table.Td>
                {!r.before ? (
                  <Text size="sm" c="dimmed" lang={recordLang(r.summary)}>
                    {r.summary}
                  </Text>
                ) : changes.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('household.unchanged')}
                  </Text>
                ) : (
                  <Stack gap={2}>
                    {changes.slice(0, 60).map((c) => (
                      <Text size="sm" key={c.path} data-testid="audit-change" data-path={c.path}>
                        {pathWords(c.path)}：<span className="sn-diff-before">{valueWords(c.path, c.before)}</span> →{' '}
                        <span className="sn-diff-after">{valueWords(c.path, c.after)}</span>
                      </Text>
                    ))}
                  </Stack>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
