/**
 * The engine's explanation as the office reads it: every tier pass/fail with its reasons (the
 * service renders them in the user's language), the benefit breakdown, single-person
 * inclusions, gradual exit, review class, the parameter set and the happiness list. Used by
 * Screening, Approvals and the household's determinations tab. People are named by relation
 * and name (`户主 赵志刚`), never by ID number; the rules' codes stay behind a details switch.
 */
import { useState } from 'react';
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/contract';
import { enumLabel, moneyYuan, parameterSetText } from '../lib/format';

/** ID number → `户主 赵志刚` (relation and name), from the household screened. */
export type Names = Record<string, string>;
type ScreenOutput = Output<'screening.evaluate'>['output'];
type Determination = Output<'screening.evaluate'>['determination'];
type Reason = Determination['dibao']['reasons'][number];

/** Pass marks per rendered reason, in the order screen-output renders them (when the raw determination is at hand). */
function passMarks(d: Determination | null | undefined): (boolean | undefined)[][] | null {
  if (!d) return null;
  const m = (rs: readonly Reason[]) => rs.map((r) => r.pass);
  return [
    [...m(d.tekun.reasons), ...d.tekun.persons.flatMap((p) => m(p.reasons))],
    m(d.dibao.reasons),
    m(d.marginal.reasons),
    m(d.rigid.reasons),
  ];
}

export function ReasonList({
  reasons,
  rules,
  showRules,
  marks,
  testid,
  limit = 8,
}: {
  reasons: string[];
  /** The rule of each reason: shown only when `showRules` (the details switch). */
  rules?: readonly string[];
  showRules?: boolean;
  marks?: (boolean | undefined)[];
  testid?: string;
  limit?: number;
}) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const shown = all ? reasons : reasons.slice(0, limit);
  return (
    <Stack gap={2} data-testid={testid}>
      {shown.map((r, i) => {
        const p = marks?.[i];
        return (
          <Text key={i} size="xs" data-testid="reason" c={p === false ? 'red.8' : undefined} style={{ wordBreak: 'break-word' }}>
            <span aria-hidden>{p === true ? '✓ ' : p === false ? '✗ ' : '· '}</span>
            {r}
            {showRules && rules?.[i] && (
              <Text span size="xs" c="dimmed" className="sn-mono" data-testid="reason-rule">
                {' '}
                [{rules[i]}]
              </Text>
            )}
          </Text>
        );
      })}
      {reasons.length > limit && !all && (
        <Group>
          <Button size="compact-xs" variant="subtle" onClick={() => setAll(true)}>
            {t('screening.showAll', { n: reasons.length })}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** A member as the office names them; the ID number only when the household gave no name for it. */
const who = (names: Names, id?: string) => (id ? (names[id] ?? id) : '');

export function ScreenResult({
  output,
  determination,
  names = {},
  compact,
}: {
  output: ScreenOutput;
  determination?: Determination | null;
  names?: Names;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const [showRules, setShowRules] = useState(false);
  const marks = passMarks(determination);
  const byDept = new Map<string, ScreenOutput['entitlements']>();
  for (const e of output.entitlements) byDept.set(e.department, [...(byDept.get(e.department) ?? []), e]);
  return (
    <Stack gap="xs" data-testid="screen-result" data-tier={output.tier}>
      <Paper withBorder p="xs" bg="teal.0">
        <Group gap="lg" wrap="wrap">
          <div>
            <Text size="xs" c="dimmed">
              {t('screening.householdTier')}
            </Text>
            <Text fw={700} data-testid="result-tier">
              {enumLabel('tier', output.tier)}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('screening.monthlyBenefit')}
            </Text>
            <Text fw={700} size="lg" className="sn-num" data-testid="result-benefit">
              {moneyYuan(output.monthlyBenefit)}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('screening.reviewClass')}
            </Text>
            <Text data-testid="result-review-class">{output.reviewClass ?? '—'}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('screening.gradualExit')}
            </Text>
            <Text data-testid="result-gradual-exit">{output.gradualExit ? t('screening.gradualExitValue', output.gradualExit) : '—'}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('screening.parameterSet')}
            </Text>
            <Text size="sm" className="sn-mono" data-testid="result-parameter-set">
              {parameterSetText(output.parameterSet)} · {output.referenceDate}
            </Text>
          </div>
        </Group>
      </Paper>

      <Group justify="space-between">
        <Title order={5}>{t('screening.tiers')}</Title>
        <Switch
          size="xs"
          label={t('screening.showRules')}
          checked={showRules}
          onChange={(e) => setShowRules(e.currentTarget.checked)}
          data-testid="show-rules"
        />
      </Group>
      <SimpleGrid cols={compact ? 1 : 2} spacing="xs">
        {output.tiers.map((tier, i) => (
          <Paper
            key={tier.tier}
            withBorder
            p="xs"
            data-testid={`tier-${tier.tier}`}
            data-eligible={String(tier.eligible)}
            style={{ borderLeft: `4px solid var(--mantine-color-${tier.eligible ? 'teal' : 'gray'}-6)` }}
          >
            <Group justify="space-between" wrap="nowrap" mb={4}>
              <Text fw={600} size="sm">
                {enumLabel('tier', tier.tier)}
              </Text>
              <Badge color={tier.eligible ? 'teal' : 'gray'} variant={tier.eligible ? 'filled' : 'light'}>
                {tier.eligible ? t('screening.pass') : t('screening.fail')}
              </Badge>
            </Group>
            {tier.members && tier.members.length > 0 && (
              <Text size="xs" fw={600} mb={2} data-testid="tekun-members">
                {t('screening.qualifyingMembers', { names: tier.members.map((m) => who(names, m)).join('、') })}
              </Text>
            )}
            <ReasonList
              reasons={tier.reasons}
              rules={tier.rules}
              showRules={showRules}
              marks={marks?.[i]}
              testid={`reasons-${tier.tier}`}
            />
          </Paper>
        ))}
      </SimpleGrid>

      {output.singlePersonInclusion.length > 0 && (
        <Paper withBorder p="xs" data-testid="single-person">
          <Title order={6}>{t('screening.singlePerson')}</Title>
          {output.singlePersonInclusion.map((s) => (
            <Stack key={s.idNumber} gap={2} mt={4}>
              <Text size="sm" fw={600}>
                {who(names, s.idNumber)}
              </Text>
              <ReasonList reasons={s.reasons} rules={s.rules} showRules={showRules} />
            </Stack>
          ))}
        </Paper>
      )}

      <Paper withBorder p="xs">
        <Title order={6}>{t('screening.breakdown')}</Title>
        <Table verticalSpacing={2} fz="xs" data-testid="breakdown">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('screening.item')}</Table.Th>
              <Table.Th>{t('screening.member')}</Table.Th>
              <Table.Th className="sn-num">{t('screening.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {output.breakdown.map((b, i) => (
              <Table.Tr key={i} data-testid="breakdown-row">
                <Table.Td>
                  {enumLabel('breakdown', b.item)}
                  {showRules && (
                    <Text span size="xs" c="dimmed" className="sn-mono">
                      {' '}
                      [{b.rule}]
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{b.idNumber ? who(names, b.idNumber) : t('screening.household')}</Table.Td>
                <Table.Td className="sn-num">{moneyYuan(b.amount)}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td colSpan={2} fw={700}>
                {t('screening.monthlyBenefit')}
              </Table.Td>
              <Table.Td className="sn-num" fw={700}>
                {moneyYuan(output.monthlyBenefit)}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Paper>

      <Paper withBorder p="xs" data-testid="entitlements">
        <Title order={6}>{t('screening.entitlements')}</Title>
        {output.entitlements.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('screening.noEntitlements')}
          </Text>
        ) : (
          <Stack gap={4}>
            {[...byDept].map(([dept, list]) => (
              <div key={dept} data-testid={`dept-${dept}`}>
                <Text size="sm" fw={600}>
                  {enumLabel('department', dept)}
                </Text>
                {list.map((e, i) => (
                  <Text key={i} size="xs" pl="sm" data-testid="entitlement">
                    <b>{enumLabel('assistance', e.assistance)}</b>
                    {e.idNumber ? ` · ${who(names, e.idNumber)}` : ''} — {e.detail}
                    {showRules && (
                      <Text span size="xs" c="dimmed" className="sn-mono">
                        {' '}
                        [{e.rule}]
                      </Text>
                    )}
                  </Text>
                ))}
              </div>
            ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

/** idNumber → `户主 赵志刚` from a household file (or its snapshot), in the user's language. */
export function namesOf(h: { members?: { idNumber: string; name: string; relation: string }[] } | null | undefined): Names {
  return Object.fromEntries(
    (h?.members ?? []).map((m) => [m.idNumber, m.relation ? `${enumLabel('relation', m.relation)} ${m.name}` : m.name]),
  );
}
