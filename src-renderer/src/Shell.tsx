import { AppShell, Badge, Button, Group, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from './session';
import { navigate, useRoute } from './lib/router';
import { LangSwitch } from './components/LangSwitch';
import { HouseholdsPage } from './registry/HouseholdsPage';
import { HouseholdPage } from './registry/HouseholdPage';
import { HouseholdForm } from './registry/HouseholdForm';
import { SettingsPage } from './settings/SettingsPage';
import { ScreeningPage } from './policy/ScreeningPage';
import { ApprovalsPage } from './decisions/ApprovalsPage';
import { ProactiveScanPage } from './scan/ProactiveScanPage';
import { ScenariosPage } from './scenarios/ScenariosPage';
import { ExchangePage } from './exchange/ExchangePage';
import { MonitoringPage } from './monitoring/MonitoringPage';
import { ReferralsPage } from './referrals/ReferralsPage';
import { ReportsPage } from './reports/ReportsPage';
import { DashboardPage } from './dashboard/DashboardPage';
import { ServicesPage } from './services/ServicesPage';
import { RecoveryLedgerPage } from './recovery/RecoveryLedgerPage';
import { TemporaryPage } from './temporary/TemporaryPage';
import { useState } from 'react';
import { ChangePasswordDialog } from './auth/ChangePassword';
import { StationsPage } from './stations/StationsPage';
import { CasesPage } from './cases/CasesPage';

const NAV = [
  { key: 'dashboard', path: '/' },
  { key: 'households', path: '/households' },
  { key: 'screening', path: '/screening' },
  { key: 'scan', path: '/scan' },
  { key: 'scenarios', path: '/scenarios' },
  { key: 'approvals', path: '/approvals' },
  { key: 'cases', path: '/cases' },
  { key: 'monitoring', path: '/monitoring' },
  { key: 'referrals', path: '/referrals' },
  { key: 'exchange', path: '/exchange' },
  { key: 'services', path: '/services' },
  { key: 'reports', path: '/reports' },
  { key: 'temporary', path: '/temporary' },
  { key: 'stations', path: '/stations' },
  { key: 'settings', path: '/settings' },
] as const;

/** Settings: the administrator's system, the manager's confirmations, the auditor's log (docs/security.md); the auditor sees nothing else. */
const navFor = (role: string) =>
  role === 'auditor' ? NAV.filter((n) => n.key === 'settings') : NAV.filter((n) => n.key !== 'settings' || role !== 'clerk');

function Page({ route }: { route: string }) {
  let m: RegExpExecArray | null;
  if (route === '/' || route === '/dashboard') return <DashboardPage />;
  if (route.startsWith('/exchange')) return <ExchangePage />;
  if (route.startsWith('/monitoring')) return <MonitoringPage />;
  if (route.startsWith('/referrals')) return <ReferralsPage />;
  if (route.startsWith('/reports')) return <ReportsPage />;
  if (route.startsWith('/services')) return <ServicesPage />;
  if (route === '/recovery') return <RecoveryLedgerPage />;
  if (route.startsWith('/temporary')) return <TemporaryPage />;
  if (route.startsWith('/stations')) return <StationsPage />;
  if (route.startsWith('/cases')) return <CasesPage />;
  if (route === '/households') return <HouseholdsPage />;
  if (route === '/households/new') return <HouseholdForm key="new" />;
  if ((m = /^\/households\/(\d+)\/edit$/.exec(route))) return <HouseholdForm key={`edit-${m[1]}`} id={Number(m[1])} />;
  if ((m = /^\/households\/(\d+)$/.exec(route))) return <HouseholdPage key={m[1]} id={Number(m[1])} />;
  if (route === '/screening') return <ScreeningPage key="screening" />;
  if ((m = /^\/screening\/(\d+)$/.exec(route))) return <ScreeningPage key={`screening-${m[1]}`} householdId={Number(m[1])} />;
  if (route === '/scan') return <ProactiveScanPage />;
  if (route === '/scenarios') return <ScenariosPage />;
  if (route === '/approvals') return <ApprovalsPage />;
  if (route.startsWith('/settings')) return <SettingsPage />;
  return <DashboardPage />;
}

export function Shell() {
  const { t } = useTranslation();
  const { user, office, logout } = useSession();
  const route = useRoute();
  const [changing, setChanging] = useState(false);
  const active = NAV.filter((n) => n.path !== '/').find((n) => route.startsWith(n.path))?.key ?? 'dashboard';
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 188, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Title order={4}>{t('app.name')}</Title>
            {office && (
              <Text size="sm" c="dimmed" truncate maw={360}>
                {office.name} · {office.county} · {office.regionCode}
              </Text>
            )}
            {office?.isDemo && (
              <Badge color="orange" data-testid="header-demo">
                {t('app.demoData')}
              </Badge>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LangSwitch />
            <Text size="sm" data-testid="header-user">
              {user.displayName} · {t(`roles.${user.role}`)}
            </Text>
            <Button size="xs" variant="subtle" onClick={() => setChanging(true)} data-testid="change-password">
              {t('password.menu')}
            </Button>
            <Button size="xs" variant="default" onClick={logout} data-testid="logout">
              {t('login.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <ScrollArea>
          <nav aria-label={t('app.mainNav')}>
            {navFor(user.role).map((n) => (
              <NavLink
                key={n.key}
                href={'#' + n.path}
                label={t(`nav.${n.key}`)}
                active={active === n.key}
                data-testid={`nav-${n.key}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(n.path);
                }}
              />
            ))}
          </nav>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>{user.role === 'auditor' ? <SettingsPage /> : <Page route={route} />}</AppShell.Main>
      <ChangePasswordDialog user={user} opened={changing} onClose={() => setChanging(false)} />
    </AppShell>
  );
}
