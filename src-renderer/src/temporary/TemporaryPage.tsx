/**
 * Temporary 临时救助 (UX.md; docs/rules/temporary-service-recovery.md §11): small quick assistance from
 * the keyboard, requests with their computed amount and band, the cases, 先行救助 paperwork, the standby
 * fund and the ledger to print. Routes: /temporary/<tab>, /temporary/list/<case>, /temporary/case?h=…&w=….
 */
import { Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session';
import { navigate, useRoute } from '../lib/router';
import { QuickForm } from './QuickForm';
import { CaseForm } from './CaseForm';
import { CaseList } from './CaseList';
import { FundTab, LedgerTab } from './FundAndLedger';
import { PaperworkTab, SettingsTab } from './PaperworkAndSettings';

const TABS = ['quick', 'case', 'list', 'paperwork', 'fund', 'ledger', 'settings'] as const;

export function TemporaryPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const route = useRoute();
  const [path, query = ''] = route.split('?');
  const seg = path.split('/')[2] ?? '';
  // The administrator keeps the figures, not cases: the list is shown to them masked (docs/rules/assistance.md §8).
  const tabs = TABS.filter((x) => (user.role === 'administrator' ? x === 'list' || x === 'fund' || x === 'settings' : x !== 'settings'));
  const tab = tabs.find((x) => x === seg) ?? tabs[0];
  const m = /^\/temporary\/list\/(\d+)/.exec(path);
  return (
    <Stack gap="xs" data-testid="temporary-page">
      <Group gap="sm" wrap="nowrap">
        <Title order={2}>{t('temporary.title')}</Title>
        <Text size="sm" c="dimmed" truncate maw={700}>
          {user.role === 'clerk' ? t('temporary.clerkOnlyQuick') : t('temporary.subtitle')}
        </Text>
      </Group>
      <Tabs value={tab} onChange={(v) => navigate(`/temporary/${v ?? tabs[0]}`)} keepMounted={false}>
        <Tabs.List>
          {tabs.map((x) => (
            <Tabs.Tab key={x} value={x} data-testid={`tmp-tab-${x}`}>
              {t(`temporary.tab.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="quick" pt="xs">
          <QuickForm />
        </Tabs.Panel>
        <Tabs.Panel value="case" pt="xs">
          <CaseForm key={query} params={new URLSearchParams(query)} />
        </Tabs.Panel>
        <Tabs.Panel value="list" pt="xs">
          <CaseList openId={m ? Number(m[1]) : null} />
        </Tabs.Panel>
        <Tabs.Panel value="paperwork" pt="xs">
          <PaperworkTab />
        </Tabs.Panel>
        <Tabs.Panel value="fund" pt="xs">
          <FundTab />
        </Tabs.Panel>
        <Tabs.Panel value="ledger" pt="xs">
          <LedgerTab />
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="xs">
          <SettingsTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
