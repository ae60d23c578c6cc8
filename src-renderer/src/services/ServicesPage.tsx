/**
 * Services 服务救助 (UX.md; docs/rules/temporary-service-recovery.md §12): needs assessments,
 * plans, records imported from providers or entered by hand with satisfaction, the monthly
 * provider report, providers and contracts, the service list. Clerks and managers; the county's
 * list, providers and contracts are a manager's to change.
 */
import { Alert, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { navigate, useRoute } from '../lib/router';
import { useSession } from '../session';
import { AssessmentsTab } from './AssessmentsTab';
import { CatalogueTab } from './CatalogueTab';
import { PlansTab } from './PlansTab';
import { ProvidersTab } from './ProvidersTab';
import { RecordsTab } from './RecordsTab';
import { ReportTab } from './ReportTab';

const TABS = ['assessments', 'plans', 'records', 'report', 'providers', 'list'] as const;

export function ServicesPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const route = useRoute();
  const tab = TABS.find((x) => route === `/services/${x}`) ?? 'assessments';
  return (
    <Stack gap="xs" data-testid="services-page">
      <Group gap="sm" wrap="nowrap">
        <Title order={2}>{t('services.title')}</Title>
        <Text size="sm" c="dimmed" truncate>
          {t('services.subtitle')}
        </Text>
      </Group>
      {user.role === 'administrator' ? (
        <Alert color="gray">{t('services.notForAdmin')}</Alert>
      ) : (
        <Tabs value={tab} onChange={(v) => navigate(`/services/${v ?? 'assessments'}`)} keepMounted={false}>
          <Tabs.List>
            {TABS.map((x) => (
              <Tabs.Tab key={x} value={x} data-testid={`sv-tab-${x}`}>
                {t(`services.tab.${x}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="assessments" pt="xs">
            <AssessmentsTab />
          </Tabs.Panel>
          <Tabs.Panel value="plans" pt="xs">
            <PlansTab />
          </Tabs.Panel>
          <Tabs.Panel value="records" pt="xs">
            <RecordsTab />
          </Tabs.Panel>
          <Tabs.Panel value="report" pt="xs">
            <ReportTab />
          </Tabs.Panel>
          <Tabs.Panel value="providers" pt="xs">
            <ProvidersTab />
          </Tabs.Panel>
          <Tabs.Panel value="list" pt="xs">
            <CatalogueTab />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
