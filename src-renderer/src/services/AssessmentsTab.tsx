/**
 * Needs assessments: the persons the engine suggests (§12.1) who have no current assessment, the
 * yearly reviews falling due, and an assessment of anyone in the registry. Lists sort and filter
 * by township.
 */
import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, Pagination, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { HouseholdData } from '../../../src-main/common/household-file';
import { SortTh, sortRows, type Sort } from '../components/SortTh';
import { ErrorAlert } from '../lib/errors';
import { enumLabel } from '../lib/format';
import { navigate } from '../lib/router';
import { HouseholdPicker } from '../referrals/common';
import { AssessmentForm, type Person } from './AssessmentForm';
import { useLoad } from './kit';

/** Rows a page of the suggestions shows: a county suggests thousands. */
const PAGE = 50;

export function AssessmentsTab() {
  const { t } = useTranslation();
  const { value, error, reload } = useLoad(() => call('services.suggestions', { dueWithinDays: 30 }), []);
  const [person, setPerson] = useState<Person | null>(null);
  const [opened, setOpened] = useState(false);
  const [town, setTown] = useState('');
  const [sort, setSort] = useState<Sort>(null);
  const [page, setPage] = useState(1);
  const [sortDue, setSortDue] = useState<Sort>(null);
  const [members, setMembers] = useState<{ householdId: number; list: HouseholdData['members'] } | null>(null);
  const open = (p: Person) => {
    setPerson(p);
    setOpened(true);
  };
  const towns = [...new Set((value?.suggestions ?? []).map((s) => s.township))];
  const rows = sortRows(
    (value?.suggestions ?? []).filter((s) => !town || s.township === town).map((s) => ({ ...s, place: `${s.township} ${s.village}` })),
    sort,
  );
  const due = sortRows(value?.dueReviews ?? [], sortDue);
  return (
    <Stack gap="sm" data-testid="sv-assessments">
      <ErrorAlert error={error} />
      <Paper withBorder p="xs">
        <Group justify="space-between" mb={4}>
          <Title order={5}>
            {t('services.suggestions')} <Badge variant="light">{rows.length}</Badge>
          </Title>
          <NativeSelect
            size="xs"
            w={180}
            value={town}
            onChange={(e) => {
              setTown(e.currentTarget.value);
              setPage(1);
            }}
            data={[{ value: '', label: t('services.anyTownship') }, ...towns]}
            data-testid="sv-sugg-town"
          />
        </Group>
        <Text size="xs" c="dimmed" mb={4}>
          {t('services.suggestionsHint')}
        </Text>
        <Table striped fz="xs" data-testid="sv-suggestions">
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t('services.person')} k="name" sort={sort} onSort={setSort} />
              <SortTh label={t('services.place')} k="place" sort={sort} onSort={setSort} />
              <SortTh label={t('services.tier')} k="tier" sort={sort} onSort={setSort} />
              <SortTh label={t('services.why')} k="why" sort={sort} onSort={setSort} />
              <SortTh label={t('services.lastAssessed')} k="lastAssessedOn" sort={sort} onSort={setSort} />
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.slice((page - 1) * PAGE, page * PAGE).map((s) => (
              <Table.Tr key={s.idNumber} data-testid="sv-suggestion" data-id={s.idNumber}>
                <Table.Td>
                  <Text size="xs" className="sn-clickable" onClick={() => navigate(`/households/${s.householdId}`)}>
                    {s.name}
                  </Text>
                </Table.Td>
                <Table.Td>{s.place}</Table.Td>
                <Table.Td>{enumLabel('tier', s.tier)}</Table.Td>
                <Table.Td>{t(`services.whyCode.${s.why}`, { defaultValue: s.why })}</Table.Td>
                <Table.Td>{s.lastAssessedOn ?? '—'}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" onClick={() => open(s)} data-testid={`sv-assess-${s.idNumber}`}>
                    {t('services.assess')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {rows.length > PAGE && <Pagination size="xs" mt={4} total={Math.ceil(rows.length / PAGE)} value={page} onChange={setPage} />}
        {value && rows.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('services.noSuggestions')}
          </Text>
        )}
      </Paper>
      <Paper withBorder p="xs">
        <Title order={5} mb={4}>
          {t('services.dueReviews')} <Badge variant="light">{due.length}</Badge>
        </Title>
        <Table striped fz="xs" data-testid="sv-due">
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t('services.person')} k="personName" sort={sortDue} onSort={setSortDue} />
              <SortTh label={t('services.assessedOn')} k="assessedOn" sort={sortDue} onSort={setSortDue} />
              <SortTh label={t('services.reviewDue')} k="reviewDue" sort={sortDue} onSort={setSortDue} />
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {due.map((a) => (
              <Table.Tr key={a.id} data-testid="sv-due-row">
                <Table.Td>{a.personName}</Table.Td>
                <Table.Td>{a.assessedOn}</Table.Td>
                <Table.Td>{a.reviewDue}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="default"
                    onClick={() => open({ householdId: a.householdId, idNumber: a.idNumber, name: a.personName })}
                  >
                    {t('services.review')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="xs">
        <Title order={5} mb={4}>
          {t('services.assessOther')}
        </Title>
        <Group align="flex-start" gap="md">
          <div style={{ width: 320 }}>
            <HouseholdPicker
              onPick={(h) => {
                call('households.get', { id: h.id })
                  .then((d) => setMembers({ householdId: h.id, list: d.household.members }))
                  .catch(() => setMembers(null));
              }}
            />
          </div>
          <Stack gap={2}>
            {members?.list
              .filter((m) => m.status === 'present')
              .map((m) => (
                <Button
                  key={m.idNumber}
                  size="compact-xs"
                  variant="default"
                  onClick={() => open({ householdId: members.householdId, idNumber: m.idNumber, name: m.name })}
                  data-testid="sv-assess-member"
                >
                  {t('services.assessPerson', { name: m.name })}
                </Button>
              ))}
          </Stack>
        </Group>
      </Paper>
      <AssessmentForm
        person={person}
        opened={opened}
        onClose={() => setOpened(false)}
        onSaved={() => {
          setOpened(false);
          reload();
        }}
      />
    </Stack>
  );
}
