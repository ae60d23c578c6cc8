/**
 * One step from a warning of disaster or accident, a hospital stay, or a household, to a temporary-assistance
 * request with the household (and the warning) filled in (docs/rules/assistance.md §4.2, §5).
 */
import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { navigate } from '../lib/router';
import { useSession } from '../session';

export function StartCaseButton({ householdId, warning }: { householdId: number; warning?: { id: number; rule: string } }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const q = new URLSearchParams({ h: String(householdId) });
  if (warning) {
    q.set('w', String(warning.id));
    // A hospital stay is spending the household bears; a disaster or accident, an emergency.
    if (warning.rule === 'hospital_cost') {
      q.set('kind', 'expenditure');
      q.set('reason', 'medical');
    } else q.set('reason', 'disaster');
  }
  return (
    <Button
      size="xs"
      variant="light"
      color="orange"
      disabled={user.role === 'administrator'}
      title={user.role === 'administrator' ? t('temporary.clerkOnlyQuick') : t('temporary.startHint')}
      onClick={() => navigate(`/temporary/case?${q.toString()}`)}
      data-testid="tmp-start"
    >
      {t('temporary.start')}
    </Button>
  );
}
